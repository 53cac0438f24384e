import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { chainHash, GENESIS_HASH } from './chain';

export type ChainReport =
	| { intact: true; entries: number }
	| { intact: false; entries: number; brokenAt: number; reason: string };

const BATCH = 1000;

/** Walks the whole log in order and reports the first entry that does not fit the chain. */
export async function verifyChain(db: Kysely<Database>): Promise<ChainReport> {
	let expectedSeq = 1;
	let prevHash = GENESIS_HASH;
	for (;;) {
		const rows = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('seq', '>=', expectedSeq)
			.orderBy('seq')
			.limit(BATCH)
			.execute();
		for (const row of rows) {
			const broken = (reason: string): ChainReport => ({
				intact: false,
				entries: expectedSeq - 1,
				brokenAt: row.seq,
				reason
			});
			if (row.seq !== expectedSeq)
				return broken(`entry ${expectedSeq} is missing (the next one is ${row.seq})`);
			if (row.prev_hash !== prevHash)
				return broken(`entry ${row.seq} does not follow entry ${row.seq - 1}`);
			const recomputed = chainHash(prevHash, {
				seq: row.seq,
				occurredAt: row.occurred_at,
				actorId: row.actor_id,
				actorLabel: row.actor_label,
				action: row.action,
				targetType: row.target_type,
				targetId: row.target_id,
				ip: row.ip,
				detail: row.detail
			});
			if (recomputed !== row.hash)
				return broken(`entry ${row.seq} was altered after it was written`);
			prevHash = row.hash;
			expectedSeq++;
		}
		if (rows.length < BATCH) return { intact: true, entries: expectedSeq - 1 };
	}
}

export function describeChainReport(report: ChainReport): string {
	return report.intact
		? `chain intact, ${report.entries} entries`
		: `chain broken at entry ${report.brokenAt}: ${report.reason} (${report.entries} entries before it are intact)`;
}
