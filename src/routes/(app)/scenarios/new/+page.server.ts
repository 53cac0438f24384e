import { requirePermission } from '$lib/server/access/gate';
import { saveAction, validateAction } from '$lib/server/scenarios/editor-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'scenarios.edit');
	return {};
};

export const actions: Actions = {
	validate: (event) => validateAction(event),
	save: (event) => saveAction(event)
};
