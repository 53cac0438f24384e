import { page } from '$lib/server/http/route';
import { improvementPlanCsv } from '$lib/server/lessons/improvement-csv';
import { actionFilterFrom, listActions } from '$lib/server/lessons/list';
import { todayUtc } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// The improvement plan as a spreadsheet, with the filters of the page.
export const GET: RequestHandler = page('lessons.read', async (event) => {
	const today = todayUtc();
	const actions = await listActions(db(), actionFilterFrom(event.url.searchParams, false), today);
	return new Response(improvementPlanCsv(actions), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="improvement-plan-${today}.csv"`
		}
	});
});
