import { json } from '@sveltejs/kit';
import { scenarioView } from '$lib/server/access/visibility';
import { apiRoute } from '$lib/server/api/respond';
import { yamlFromRequest } from '$lib/server/api/scenario-body';
import { listVisibleScenarios } from '$lib/server/scenarios/access';
import { saveCustomScenario } from '$lib/server/scenarios/custom';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('scenarios.read', async (_event, user) => ({
	scenarios: await listVisibleScenarios(db(), scenarioView(user))
}));

/** Saves the organisation's scenario (a new version when the id exists); 422 lists the errors. */
export const POST: RequestHandler = apiRoute('scenarios.edit', async (event, _user, actor) => {
	const yaml = await yamlFromRequest(event.request);
	const outcome = await db()
		.transaction()
		.execute((trx) => saveCustomScenario(trx, actor, yaml));
	if (!outcome.saved)
		return json(
			{
				error: {
					code: 'invalid',
					message: 'The scenario has errors; nothing was saved.',
					errors: outcome.result.errors
				}
			},
			{ status: 422 }
		);
	return json(
		{
			id: outcome.scenarioId,
			version: outcome.version,
			unchanged: outcome.unchanged,
			warnings: outcome.warnings
		},
		{ status: outcome.unchanged ? 200 : 201 }
	);
});
