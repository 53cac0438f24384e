import { apiRoute } from '$lib/server/api/respond';
import { reportDownload } from '$lib/server/http/pdf-response';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { assertMayReportVersion } from '$lib/server/reports/access';
import { planVersionRequest } from '$lib/server/reports/plan-version';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** An approved plan version as a report: the plan, its matrix, approval and changes. */
export const GET: RequestHandler = apiRoute('reports.generate', async (event, user, actor) => {
	const { plan, version } = await assertMayReportVersion(db(), user, event.params.versionId);
	const request = await planVersionRequest(db(), version.id);
	const number = version.major !== null ? `v${formatVersionNumber(version)}` : 'draft';
	return reportDownload(db(), user, actor, request, `plan-${plan.title}-${number}`);
});
