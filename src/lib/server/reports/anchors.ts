import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditHead } from './runs';

// Each report prints, and report_runs keeps, the audit chain's newest entry when it was
// made. The chain proves that no entry was changed in the middle, but not that the newest
// entries were not cut off: a report outside the database does. These checks compare a head
// with the trail as it is now.

/** Whether the trail still holds the entry a report was made at, with the same hash. */
export type AnchorCheck = 'present' | 'missing' | 'different';

export async function checkAuditAnchor(
	db: Kysely<Database>,
	head: AuditHead
): Promise<AnchorCheck> {
	if (head.seq === 0) return 'present';
	const entry = await db
		.selectFrom('audit_log')
		.select('hash')
		.where('seq', '=', head.seq)
		.executeTakeFirst();
	if (!entry) return 'missing';
	return entry.hash === head.hash ? 'present' : 'different';
}

export function describeAnchor(head: AuditHead, check: AnchorCheck): string {
	if (check === 'present')
		return `The audit trail still holds entry ${head.seq} with the hash printed in the report.`;
	if (check === 'missing')
		return `The audit trail no longer holds entry ${head.seq}: entries were removed after this report was made.`;
	return `Entry ${head.seq} of the audit trail no longer has the hash printed in the report: the trail was rewritten.`;
}

/**
 * Every recorded report whose head the trail no longer matches (at most `limit`), and how
 * many reports were checked: run with the chain's own verification.
 */
export async function checkReportAnchors(db: Kysely<Database>, limit = 20) {
	const mismatched = await db
		.selectFrom('report_runs as r')
		.leftJoin('audit_log as a', 'a.seq', 'r.audit_head_seq')
		.select(['r.id', 'r.audit_head_seq as seq', 'r.audit_head_hash as hash', 'a.hash as now'])
		.where('r.audit_head_seq', '>', 0)
		.where((eb) =>
			eb.or([eb('a.hash', 'is', null), eb('a.hash', '<>', eb.ref('r.audit_head_hash'))])
		)
		.orderBy('r.audit_head_seq')
		.limit(limit)
		.execute();
	const { n } = await db
		.selectFrom('report_runs')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow();
	return {
		reports: Number(n),
		mismatched: mismatched.map((m) => ({
			reportId: m.id,
			seq: m.seq,
			check: (m.now === null ? 'missing' : 'different') as AnchorCheck
		}))
	};
}

export function describeReportAnchors(result: Awaited<ReturnType<typeof checkReportAnchors>>) {
	if (result.reports === 0) return 'no reports made yet to anchor the trail';
	if (result.mismatched.length === 0)
		return `the heads of all ${result.reports} reports are still in the trail`;
	const first = result.mismatched[0];
	return `report ${first.reportId} was made at entry ${first.seq}, which the trail ${first.check === 'missing' ? 'no longer holds' : 'now holds with another hash'} (${result.mismatched.length} report${result.mismatched.length === 1 ? '' : 's'} affected)`;
}
