import type { Kysely } from 'kysely';
import type { Database, ReportRun } from '../db/schema';
import { REPORT_ID_PATTERN } from './report-id';
import { sha256Hex } from './runs';

/**
 * What Hotwash can say of a file: one it generated, byte for byte (`genuine`); one that
 * names a report it generated but whose bytes differ (`altered`); or none of its own.
 */
export type Verification =
	| { verdict: 'genuine'; sha256: string; run: ReportRun }
	| { verdict: 'altered'; sha256: string; run: ReportRun }
	| { verdict: 'unknown'; sha256: string; claimedId: string | null };

/** A PDF up to this size can be checked; Hotwash's own reports are far smaller. */
export const MAX_VERIFY_BYTES = 50 * 1024 * 1024;

/** The report id a file claims: pdfkit writes the info dictionary uncompressed. */
export function claimedReportId(bytes: Uint8Array): string | null {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	const match = new RegExp(`\\((${REPORT_ID_PATTERN.source})\\)`).exec(text);
	return match ? match[1] : null;
}

export async function verifyReport(db: Kysely<Database>, bytes: Uint8Array): Promise<Verification> {
	const sha256 = sha256Hex(bytes);
	const exact = await db
		.selectFrom('report_runs')
		.selectAll()
		.where('sha256', '=', sha256)
		.orderBy('created_at')
		.limit(1)
		.executeTakeFirst();
	if (exact) return { verdict: 'genuine', sha256, run: exact };
	const claimedId = claimedReportId(bytes);
	if (claimedId) {
		const run = await db
			.selectFrom('report_runs')
			.selectAll()
			.where('id', '=', claimedId)
			.executeTakeFirst();
		if (run) return { verdict: 'altered', sha256, run };
	}
	return { verdict: 'unknown', sha256, claimedId };
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
