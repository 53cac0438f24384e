import { ForbiddenError, NotFoundError } from '$lib/server/errors';
import { action, page } from '$lib/server/http/route';
import { findScenario } from '$lib/server/scenarios/custom';
import { db } from '$lib/server/runtime';
import { saveScenario, validateScenario } from '../../scenario-editor.server';
import type { Actions, PageServerLoad } from './$types';

/** The organisation's own scenario; built-in ones are read-only. */
async function customScenario(scenarioId: string) {
	const found = await findScenario(db(), scenarioId);
	if (!found) throw new NotFoundError('No such scenario.');
	if (found.entry.origin !== 'custom')
		throw new ForbiddenError(
			'Built-in scenarios are read-only; download one and add it as your own.'
		);
	return found;
}

export const load: PageServerLoad = page('scenarios.edit', async (event) => {
	const found = await customScenario(event.params.scenarioId);
	return { id: event.params.scenarioId, version: found.version, yaml: found.entry.text };
});

export const actions: Actions = {
	validate: action('scenarios.edit', validateScenario),
	save: action('scenarios.edit', async (event, context) => {
		await customScenario(event.params.scenarioId);
		return saveScenario(context, event.params.scenarioId);
	})
};
