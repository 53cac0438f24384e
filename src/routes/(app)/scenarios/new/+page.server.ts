import { action, page } from '$lib/server/http/route';
import { saveScenario, validateScenario } from '../scenario-editor.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('scenarios.edit', () => ({}));

export const actions: Actions = {
	validate: action('scenarios.edit', validateScenario),
	save: action('scenarios.edit', (_event, context) => saveScenario(context))
};
