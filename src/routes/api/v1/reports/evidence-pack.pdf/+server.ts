import { apiRoute } from '$lib/server/api/respond';
import { reportDownload } from '$lib/server/http/pdf-response';
import { evidencePackRequest, parseEvidencePackParams } from '$lib/server/reports/evidence-pack';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * The compliance evidence pack for a period and frameworks:
 * ?from=YYYY-MM-DD&to=YYYY-MM-DD&frameworks=pci-dss,iso-27001 (or frameworks repeated, as
 * a form's checkboxes send them). Defaults: the last 12 months, the frameworks switched on.
 */
export const GET: RequestHandler = apiRoute('reports.generate', async (event, user, actor) => {
	const now = new Date();
	const query = event.url.searchParams;
	const params = await parseEvidencePackParams(
		db(),
		{
			from: query.get('from') ?? undefined,
			to: query.get('to') ?? undefined,
			frameworks: query.has('frameworks')
				? query.getAll('frameworks').slice(0, 50).join(',')
				: undefined
		},
		now
	);
	const request = await evidencePackRequest(db(), params, now);
	return reportDownload(db(), user, actor, request, `evidence-pack-${params.from}-to-${params.to}`);
});
