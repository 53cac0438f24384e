import { apiRoute } from '$lib/server/api/respond';
import { runsPage } from '$lib/server/reports/verify';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The reports generated, newest first, 50 a page: ?before=<id> for the next page. */
export const GET: RequestHandler = apiRoute('reports.verify', async ({ url }) => {
	const { reports, next } = await runsPage(db(), url.searchParams.get('before'));
	return { reports, next };
});
