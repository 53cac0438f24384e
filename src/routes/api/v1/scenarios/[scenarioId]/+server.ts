import { scenarioView } from '$lib/server/access/visibility';
import { apiRoute } from '$lib/server/api/respond';
import { findVisibleScenario } from '$lib/server/scenarios/access';
import { scenarioVersionObject } from '$lib/server/scenarios/api-objects';
import { scenarioForDisplay } from '$lib/server/scenarios/display';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('scenarios.read', async (event, user) => {
	const found = await findVisibleScenario(
		db(),
		scenarioView(user),
		event.params.scenarioId,
		event.url.searchParams.get('version')
	);
	const { entry } = found;
	const base = {
		id: entry.id,
		origin: entry.origin,
		version: found.version,
		valid: !!entry.scenario
	};
	if (!found.readAll) {
		// A trainee's token gets what a participant sees: no notes, answers or branch logic.
		return { ...base, participantView: scenarioForDisplay(entry.scenario!, 'participant') };
	}
	return {
		...base,
		versions: found.versions.map(scenarioVersionObject),
		errors: entry.errors,
		warnings: entry.warnings,
		scenario: entry.scenario
	};
});
