import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import type { Kysely } from 'kysely';
import { append, type AuditActor } from '../audit/log';
import { GENESIS_HASH } from '../audit/chain';
import type { Database, ReportKind, ReportRun } from '../db/schema';
import { newReportId } from '../../reports/report-id';
import { reportQueue } from './queue';

/** The audit chain's newest entry: printed in reports, so later deletions become visible. */
export type AuditHead = { seq: number; hash: string };

/** What a renderer gets besides its data: the run's id and time, for the header and metadata. */
export type ReportContext = {
	reportId: string;
	createdAt: Date;
	/** Who asked for the report, as printed on it. */
	requestedBy: string;
	auditHead: AuditHead;
};

/** One report to make: what it is about, and how to draw it once the run's context is known. */
export type ReportRequest = {
	kind: ReportKind;
	subjectId: string | null;
	subjectLabel: string;
	params?: Record<string, unknown>;
	render: (context: ReportContext) => Promise<Buffer>;
};

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
	aar: 'After-action report and improvement plan',
	plan_version: 'Plan version report',
	evidence_pack: 'Compliance evidence pack'
};

export const sha256Hex = (bytes: Uint8Array) => encodeHexLowerCase(sha256(bytes));

export async function auditHead(db: Kysely<Database>): Promise<AuditHead> {
	const last = await db
		.selectFrom('audit_log')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** The number of pages pdfkit wrote (its page tree's /Count). */
export function pageCountOf(bytes: Buffer): number {
	const match = /\/Type \/Pages\n\/Count (\d+)/.exec(bytes.toString('latin1'));
	return match ? Number(match[1]) : 0;
}

/**
 * Makes a report and records the run: the bytes' SHA-256, who and when, and the audit head
 * at that moment, with an audit entry in the same transaction. Layout waits its turn in the
 * report queue. The time is whole seconds (a PDF date has no finer), so rendering again with
 * the stored id and time gives the same bytes.
 */
export async function produceReport(
	db: Kysely<Database>,
	actor: AuditActor & { name?: string },
	request: ReportRequest
): Promise<{ run: ReportRun; bytes: Buffer }> {
	return reportQueue.run(async () => {
		const createdAt = new Date(Math.floor(Date.now() / 1000) * 1000);
		const context: ReportContext = {
			reportId: newReportId(),
			createdAt,
			requestedBy: actor.name ?? actor.label,
			auditHead: await auditHead(db)
		};
		const bytes = await request.render(context);
		const run = await db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('report_runs')
				.values({
					id: context.reportId,
					kind: request.kind,
					subject_id: request.subjectId,
					subject_label: request.subjectLabel,
					params: JSON.stringify(request.params ?? {}),
					requested_by: actor.id,
					requested_by_label: context.requestedBy,
					created_at: createdAt,
					sha256: sha256Hex(bytes),
					byte_size: bytes.length,
					page_count: pageCountOf(bytes),
					audit_head_seq: context.auditHead.seq,
					audit_head_hash: context.auditHead.hash
				})
				.returningAll()
				.executeTakeFirstOrThrow();
			await append(
				trx,
				actor,
				'report.generated',
				{ type: 'report', id: row.id },
				{
					kind: row.kind,
					subjectId: row.subject_id,
					subject: row.subject_label,
					params: request.params ?? {},
					sha256: row.sha256,
					auditHeadSeq: row.audit_head_seq
				}
			);
			return row;
		});
		return { run, bytes };
	});
}
