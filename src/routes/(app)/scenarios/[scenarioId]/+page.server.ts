import { can } from '$lib/permissions';
import { requirePermission } from '$lib/server/access/gate';
import { loadVisibleScenario } from '$lib/server/scenarios/access';
import { scenarioForDisplay } from '$lib/server/scenarios/display';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'scenarios.read');
	const found = await loadVisibleScenario(
		db(),
		user,
		event.params.scenarioId,
		event.url.searchParams.get('version')
	);
	// Trainees only ever get the participant view: facilitator notes never reach them.
	const view =
		found.readAll && event.url.searchParams.get('view') !== 'participant'
			? 'facilitator'
			: 'participant';
	const { entry } = found;
	return {
		origin: entry.origin,
		file: entry.file,
		version: found.version,
		versions: found.readAll ? found.versions : [],
		view,
		unchanged: event.url.searchParams.get('unchanged') === '1',
		canSwitchView: found.readAll,
		canEdit: can(user.role, 'scenarios.edit') && entry.origin === 'custom',
		errors: found.readAll ? entry.errors : [],
		warnings: found.readAll ? entry.warnings : [],
		scenario: entry.scenario ? scenarioForDisplay(entry.scenario, view) : null
	};
};
