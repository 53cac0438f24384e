import { apiRoute } from '$lib/server/api/respond';
import { reportDownload } from '$lib/server/http/pdf-response';
import { assertMayReportDrill } from '$lib/server/reports/access';
import { aarRequest } from '$lib/server/reports/aar';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The after-action report and improvement plan of an ended drill, as PDF. */
export const GET: RequestHandler = apiRoute('reports.aar', async (event, user, actor) => {
	const { drill } = await assertMayReportDrill(db(), user, event.params.drillId);
	const request = await aarRequest(db(), drill.id);
	return reportDownload(db(), user, actor, request, `after-action-report-${drill.title}`);
});
