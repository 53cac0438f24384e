import { auditFilterSchema, distinctActions, listEntries } from '$lib/server/audit/query';
import { describeChainReport, verifyChain } from '$lib/server/audit/verify';
import { action, page } from '$lib/server/http/route';
import { checkReportAnchors, describeReportAnchors } from '$lib/server/reports/anchors';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('audit.read', async (event) => {
	const parsed = auditFilterSchema.safeParse(Object.fromEntries(event.url.searchParams));
	const filter = parsed.success ? parsed.data : { page: 1 };
	const filterErrors = parsed.success
		? {}
		: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
	const [entries, actions] = await Promise.all([listEntries(db(), filter), distinctActions(db())]);
	return {
		filter,
		filterErrors,
		actions,
		...entries,
		rows: entries.rows.map((r) => ({ ...r, detail: JSON.stringify(r.detail) }))
	};
});

export const actions: Actions = {
	// Verifying only reads, so auditors may run it.
	verify: action('audit.read', async () => {
		const report = await verifyChain(db());
		// The heads printed in reports catch what the chain cannot: its newest entries cut off.
		const anchors = await checkReportAnchors(db());
		return {
			verification: {
				intact: report.intact && anchors.mismatched.length === 0,
				text: `${describeChainReport(report)}; ${describeReportAnchors(anchors)}`
			}
		};
	})
};
