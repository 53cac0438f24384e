import type { Kysely } from 'kysely';
import type { Database, ReportRun } from '../db/schema';
import { claimedReportIdIn } from '../../reports/report-id';
import { checkAuditAnchor, describeAnchor, type AnchorCheck } from './anchors';
import { REPORT_KIND_LABELS, sha256Hex } from './runs';

/**
 * What Hotwash can say of a file: one it generated, byte for byte (`genuine`); one that
 * names a report it generated but whose bytes differ (`altered`); or none of its own.
 */
export type Verification =
	| { verdict: 'genuine'; sha256: string; run: ReportRun; anchor: AnchorCheck }
	| { verdict: 'altered'; sha256: string; run: ReportRun; anchor: AnchorCheck }
	| { verdict: 'unknown'; sha256: string; claimedId: string | null };

/** A PDF up to this size can be checked; Hotwash's own reports are far smaller. */
export const MAX_VERIFY_BYTES = 50 * 1024 * 1024;

/** The report id a file claims: pdfkit writes the info dictionary uncompressed. */
export function claimedReportId(bytes: Uint8Array): string | null {
	return claimedReportIdIn(
		Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
	);
}

/** Checks a file Hotwash is shown whole. */
export function verifyReport(db: Kysely<Database>, bytes: Uint8Array): Promise<Verification> {
	return verifyHash(db, sha256Hex(bytes), claimedReportId(bytes));
}

/**
 * Checks a file by its SHA-256 (and the report id it names, if any): the browser and the
 * CLI hash the file themselves, so a large PDF need not be uploaded. The hash is the whole
 * proof either way: the server never compares anything else.
 */
export async function verifyHash(
	db: Kysely<Database>,
	sha256: string,
	claimedId: string | null
): Promise<Verification> {
	const exact = await db
		.selectFrom('report_runs')
		.selectAll()
		.where('sha256', '=', sha256)
		.orderBy('created_at')
		.limit(1)
		.executeTakeFirst();
	const anchorOf = (run: ReportRun) =>
		checkAuditAnchor(db, { seq: run.audit_head_seq, hash: run.audit_head_hash });
	if (exact) return { verdict: 'genuine', sha256, run: exact, anchor: await anchorOf(exact) };
	if (claimedId) {
		const run = await db
			.selectFrom('report_runs')
			.selectAll()
			.where('id', '=', claimedId)
			.executeTakeFirst();
		if (run) return { verdict: 'altered', sha256, run, anchor: await anchorOf(run) };
	}
	return { verdict: 'unknown', sha256, claimedId };
}

/** A run as the verify page, the API and the CLI show it. */
export function runView(run: ReportRun) {
	return {
		id: run.id,
		kind: run.kind,
		kindLabel: REPORT_KIND_LABELS[run.kind],
		subject: run.subject_label,
		subjectId: run.subject_id,
		params: run.params as Record<string, unknown>,
		requestedBy: run.requested_by_label,
		createdAt: run.created_at.toISOString(),
		sha256: run.sha256,
		bytes: run.byte_size,
		pages: run.page_count,
		auditHead: { seq: run.audit_head_seq, hash: run.audit_head_hash }
	};
}

export type RunView = ReturnType<typeof runView>;

export function verificationView(v: Verification) {
	if (v.verdict === 'unknown')
		return {
			verdict: v.verdict,
			sha256: v.sha256,
			claimedId: v.claimedId,
			report: null,
			anchor: null
		};
	const report = runView(v.run);
	return {
		verdict: v.verdict,
		sha256: v.sha256,
		claimedId: v.run.id,
		report,
		// Whether the audit trail still holds the head printed in the report.
		anchor: { check: v.anchor, text: describeAnchor(report.auditHead, v.anchor) }
	};
}

export type VerificationView = ReturnType<typeof verificationView>;

/** One sentence for the CLI and the page's heading. */
export function describeVerification(v: VerificationView): string {
	if (v.verdict === 'genuine' && v.report)
		return `Genuine: report ${v.report.id}, ${v.report.kindLabel.toLowerCase()} of ${v.report.subject}, generated ${v.report.createdAt} for ${v.report.requestedBy}, unchanged.`;
	if (v.verdict === 'altered' && v.report)
		return `Altered: this file names report ${v.report.id} (generated ${v.report.createdAt} for ${v.report.requestedBy}), but its bytes differ from what Hotwash produced.`;
	return 'Unknown: Hotwash did not generate this file.';
}

/** The newest runs first, a page at a time (keyset on time and id). */
export async function listRuns(
	db: Kysely<Database>,
	options: { limit: number; before?: { createdAt: Date; id: string } }
) {
	let query = db.selectFrom('report_runs').selectAll();
	const before = options.before;
	if (before)
		query = query.where((eb) =>
			eb.or([
				eb('created_at', '<', before.createdAt),
				eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])
			])
		);
	return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

const RUNS_PAGE = 50;

/** A page of the list for the Reports page and the API: after the run `beforeId`, if given. */
export async function runsPage(db: Kysely<Database>, beforeId: string | null) {
	const before = beforeId
		? await db
				.selectFrom('report_runs')
				.select(['created_at', 'id'])
				.where('id', '=', beforeId.slice(0, 40))
				.executeTakeFirst()
		: undefined;
	const runs = await listRuns(db, {
		limit: RUNS_PAGE + 1,
		before: before ? { createdAt: before.created_at, id: before.id } : undefined
	});
	return {
		reports: runs.slice(0, RUNS_PAGE).map(runView),
		next: runs.length > RUNS_PAGE ? runs[RUNS_PAGE - 1].id : null,
		paged: !!before
	};
}
