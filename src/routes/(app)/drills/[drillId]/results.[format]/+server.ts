import { json } from '@sveltejs/kit';
import { drillAccess } from '$lib/server/drills/membership';
import { visibleResults } from '$lib/server/drills/visible-results';
import { resultsToCsv } from '$lib/server/drills/results-csv';
import { NotFoundError } from '$lib/server/errors';
import { page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// The results as a file: CSV for a spreadsheet, JSON for anything else, as the viewer may
// see them (visibleResults: participants once the drill has ended, only what was played).
export const GET: RequestHandler = page('drills.read', async (event, user) => {
	const { format, drillId } = event.params;
	if (format !== 'csv' && format !== 'json') throw new NotFoundError('Export as .csv or .json.');
	const access = await drillAccess(db(), user, drillId);
	const { drill } = access;
	const results = await visibleResults(db(), access);
	const name = `drill-${drill.startedAt?.toISOString().slice(0, 10) ?? 'draft'}-${drill.id.slice(0, 8)}-results.${format}`;
	const disposition = `attachment; filename="${name}"`;
	if (format === 'json') return json(results, { headers: { 'content-disposition': disposition } });
	return new Response(resultsToCsv(results), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition }
	});
});
