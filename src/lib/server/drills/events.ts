import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

// The per-drill event log: every change (release, answer, grade, clock change, end) is a row
// with a sequence number, appended in the transaction that makes the change. After commit
// the caller announces the last sequence number (realtime/bus.ts); screens replay the log
// after Last-Event-ID. Participants get only events for everyone, whose payloads were made
// for participants; facilitators get all.

export type DrillEventAudience = 'all' | 'facilitators';
export type DrillEventOut = { seq: number; type: string; at: string; payload: unknown };

/** Event types and who sees them (see drills-design.md). */
export const drillEventTypes = {
	clock: 'all',
	'inject.released': 'all',
	/** The facilitator's side of a release: variant chosen, why. */
	'inject.detail': 'facilitators',
	'inject.skipped': 'facilitators',
	'inject.not_released': 'facilitators',
	answer: 'all',
	ack: 'facilitators',
	'prompt.closed': 'all',
	grade: 'facilitators',
	'score.override': 'facilitators',
	'rating.override': 'facilitators',
	observation: 'facilitators',
	'drill.ended': 'all',
	'drill.cancelled': 'all'
} as const satisfies Record<string, DrillEventAudience>;
export type DrillEventType = keyof typeof drillEventTypes;

/**
 * Appends an event; the drill row's counter gives the sequence number (the update locks the
 * row, so numbers never repeat or go back, also across app instances). Returns the number.
 */
export async function appendEvent(
	trx: Transaction<Database>,
	drillId: string,
	type: string,
	audience: DrillEventAudience,
	payload: unknown,
	at: Date = new Date()
): Promise<number> {
	const { next_seq: seq } = await trx
		.updateTable('drills')
		.set((eb) => ({ next_seq: eb('next_seq', '+', 1) }))
		.where('id', '=', drillId)
		.returning('next_seq')
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('drill_events')
		.values({
			drill_id: drillId,
			seq,
			type,
			audience,
			payload: JSON.stringify(payload ?? null),
			at
		})
		.execute();
	return seq;
}

/** Appends an event of a known type with its audience from drillEventTypes. */
export function emit(
	trx: Transaction<Database>,
	drillId: string,
	type: DrillEventType,
	payload: unknown,
	at: Date
): Promise<number> {
	return appendEvent(trx, drillId, type, drillEventTypes[type], payload, at);
}

/** Events after `afterSeq` that this viewer may see, oldest first, at most `limit`. */
export async function listEventsAfter(
	db: Kysely<Database>,
	drillId: string,
	afterSeq: number,
	viewer: { userId: string; facilitator: boolean },
	limit = 500
): Promise<DrillEventOut[]> {
	let query = db
		.selectFrom('drill_events')
		.select(['seq', 'type', 'at', 'payload'])
		.where('drill_id', '=', drillId)
		.where('seq', '>', Math.max(0, Math.floor(afterSeq) || 0));
	if (!viewer.facilitator) query = query.where('audience', '=', 'all');
	const rows = await query
		.orderBy('seq')
		.limit(Math.min(Math.max(1, limit), 5000))
		.execute();
	return rows.map((r) => ({
		seq: r.seq,
		type: r.type,
		at: r.at.toISOString(),
		payload: r.payload
	}));
}
