import { json } from '@sveltejs/kit';
import { can } from '$lib/permissions';
import { apiRoute } from '$lib/server/api/respond';
import { actorOf } from '$lib/server/http/actor';
import { yamlFromRequest } from '$lib/server/scenarios/api-body';
import { summarise } from '$lib/server/scenarios/catalogue';
import { fullLibrary, saveCustomScenario } from '$lib/server/scenarios/custom';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('scenarios.read', async (_event, user) => {
	const all = (await fullLibrary(db())).map(summarise);
	const scenarios = can(user.role, 'scenarios.read_all')
		? all
		: all.filter((s) => s.valid && s.solo);
	return { scenarios };
});

/** Saves the organisation's scenario (a new version when the id exists); 422 lists the errors. */
export const POST: RequestHandler = apiRoute('scenarios.edit', async (event, user) => {
	const yaml = await yamlFromRequest(event.request);
	const outcome = await db()
		.transaction()
		.execute((trx) => saveCustomScenario(trx, { ...actorOf(event), id: user.id }, yaml));
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
