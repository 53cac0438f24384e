import { apiRoute } from '$lib/server/api/respond';
import { drillAccess } from '$lib/server/drills/membership';
import { resultsToCsv } from '$lib/server/drills/results-csv';
import { visibleResults } from '$lib/server/drills/visible-results';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The results as CSV: one row per prompt asked, stakeholder notified, objective, capability. */
export const GET: RequestHandler = apiRoute('drills.read', async (event, user) => {
	const results = await visibleResults(db(), await drillAccess(db(), user, event.params.drillId));
	return new Response(resultsToCsv(results), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="drill-${results.drill.id.slice(0, 8)}-results.csv"`
		}
	});
});
