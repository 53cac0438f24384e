import { serverRenderOnly } from '$lib/page-html';
import { namesFor, presentEntry, recordTypes } from '$lib/server/audit/present';
import { actionWords, auditActions } from '$lib/server/audit/prose';
import { COUNT_CAP, listEntries, parseAuditFilter } from '$lib/server/audit/query';
import { describeChainReport, verifyChain } from '$lib/server/audit/verify';
import { action, page } from '$lib/server/http/route';
import { can } from '$lib/permissions';
import { checkReportAnchors, describeReportAnchors } from '$lib/server/reports/anchors';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// A page to read: links and plain forms do all it needs, so it ships no JavaScript and no
// hydration data (the 50 rows would otherwise travel twice, as HTML and as data); the rows and
// the action list are not even serialised for it (ServerRenderOnly).
export const csr = false;

// The action list is the same for every request: built once.
const actionChoices = auditActions.map((value) => ({ value, label: actionWords(value) }));

export const load: PageServerLoad = page('audit.read', async (event, user) => {
	const { filter, errors } = parseAuditFilter(event.url.searchParams);
	const entries = await listEntries(db(), filter);
	const names = await namesFor(db(), entries.rows);
	const rights = { users: can(user.role, 'users.read') };
	return {
		filter,
		filterErrors: errors,
		shown: serverRenderOnly(
			{
				actions: actionChoices,
				recordTypes,
				rows: entries.rows.map((e) => presentEntry(e, names, rights))
			},
			event.isDataRequest
		),
		total: entries.total,
		countCap: COUNT_CAP,
		older: entries.older,
		newer: entries.newer
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
