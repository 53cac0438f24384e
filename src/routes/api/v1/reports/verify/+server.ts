import { z } from 'zod';
import { apiRoute, readBytes, readJson } from '$lib/server/api/respond';
import { InvalidInputError } from '$lib/server/errors';
import { normaliseReportId } from '$lib/reports/report-id';
import { verificationView, verifyHash, verifyReport } from '$lib/server/reports/verify';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const byHash = z.object({
	sha256: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 hexadecimal digits'),
	reportId: z.string().max(40).optional()
});

/**
 * Is this PDF one Hotwash generated, unchanged? Send the file itself (Content-Type:
 * application/pdf, up to the body size limit) or, for any size, JSON { sha256, reportId? }.
 */
export const POST: RequestHandler = apiRoute('reports.verify', async ({ request }) => {
	const type = request.headers.get('content-type') ?? '';
	if (/^application\/pdf\b/i.test(type)) {
		const bytes = await readBytes(request);
		if (bytes.length === 0) throw new InvalidInputError('The body is empty: send the PDF.');
		return verificationView(await verifyReport(db(), bytes));
	}
	const parsed = byHash.safeParse(await readJson(request));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new InvalidInputError(issue.message, issue.path.join('.') || 'sha256', 422);
	}
	const claimed = parsed.data.reportId ? normaliseReportId(parsed.data.reportId) : null;
	return verificationView(await verifyHash(db(), parsed.data.sha256, claimed));
});
