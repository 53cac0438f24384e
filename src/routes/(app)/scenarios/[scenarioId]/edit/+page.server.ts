import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/access/gate';
import { findScenario } from '$lib/server/scenarios/custom';
import { saveAction, validateAction } from '$lib/server/scenarios/editor-actions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'scenarios.edit');
	const found = await findScenario(db(), event.params.scenarioId);
	if (!found) error(404, 'No such scenario.');
	if (found.entry.origin !== 'custom')
		error(403, 'Built-in scenarios are read-only; download one and add it as your own.');
	return { id: event.params.scenarioId, version: found.version, yaml: found.entry.text };
};

export const actions: Actions = {
	validate: (event) => validateAction(event),
	save: async (event) => {
		const found = await findScenario(db(), event.params.scenarioId);
		if (found && found.entry.origin !== 'custom') error(403, 'Built-in scenarios are read-only.');
		return saveAction(event, event.params.scenarioId);
	}
};
