import { InvalidInputError } from '$lib/server/errors';
import { normaliseReportId } from '$lib/reports/report-id';
import { action, page } from '$lib/server/http/route';
import {
	describeVerification,
	runsPage,
	verificationView,
	verifyHash,
	verifyReport
} from '$lib/server/reports/verify';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// The reports Hotwash generated, and the check of a PDF someone was handed.
export const load: PageServerLoad = page('reports.verify', (event) =>
	runsPage(db(), event.url.searchParams.get('before'))
);

export const actions: Actions = {
	// Checking only reads: auditors may. The browser sends the file's SHA-256 (it hashes the
	// file itself, so any size works); without JavaScript the file comes whole.
	verify: action(
		'reports.verify',
		async (_event, { form }) => {
			const sha256 = String(form.get('sha256') ?? '')
				.trim()
				.toLowerCase();
			const file = form.get('file');
			let verification;
			if (/^[0-9a-f]{64}$/.test(sha256)) {
				const claimed = normaliseReportId(String(form.get('reportId') ?? '').slice(0, 40));
				verification = verificationView(await verifyHash(db(), sha256, claimed));
			} else if (file instanceof File && file.size > 0) {
				const bytes = new Uint8Array(await file.arrayBuffer());
				verification = verificationView(await verifyReport(db(), bytes));
			} else {
				throw new InvalidInputError('Choose the PDF to check.', 'file');
			}
			return {
				verification: {
					...verification,
					fileName: file instanceof File ? file.name.slice(0, 200) : null,
					text: describeVerification(verification)
				}
			};
		},
		{ echo: [] }
	)
};
