import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { closeWindow, startScheduled } from '../drills/async';
import { repeatWithoutOverlap, type Announce } from '../drills/scheduler';
import { logger } from '../logger';

// The programme tick: every few seconds it starts the scheduled drills whose time has come
// (team drills over a window always, live ones only when set to start by itself) and ends
// team drills whose window has closed; once a day it runs the daily jobs it was given (the
// series horizon top-up). Each drill is changed in its own transaction under its row lock
// and re-checked there, so several app instances ticking at once change it exactly once;
// every change is audited as the scheduler.

/** At most this many drills are started or ended per tick; the rest follow on the next. */
const BATCH = 50;

export type DailyJob = { name: string; run: (db: Kysely<Database>, now: Date) => Promise<unknown> };

export type TickOutcome = { started: string[]; ended: string[] };

/** Drafts the tick should start at `now` (startScheduled re-checks each under its lock). */
function dueToStart(db: Kysely<Database>, now: Date) {
	return db
		.selectFrom('drills')
		.select('id')
		.where('status', '=', 'draft')
		.where('scheduled_at', '<=', now)
		.where((eb) =>
			eb.or([
				eb('mode', '=', 'async'),
				eb.and([
					eb('mode', '=', 'live'),
					eb('auto_start', '=', true),
					// A live drill the server slept through stays a draft (see startsByItself).
					sql<boolean>`scheduled_at + make_interval(mins => coalesce(duration_minutes, 60)) > ${now}`
				])
			])
		)
		.orderBy('scheduled_at')
		.limit(BATCH)
		.execute();
}

function dueToEnd(db: Kysely<Database>, now: Date) {
	return db
		.selectFrom('drills')
		.select('id')
		.where('mode', '=', 'async')
		.where('status', 'in', ['running', 'paused'])
		.where('window_ends_at', '<=', now)
		.orderBy('window_ends_at')
		.limit(BATCH)
		.execute();
}

/** One tick at `now`: the drills started and ended (announced too when `announce` is given). */
export async function programmeTick(
	db: Kysely<Database>,
	now: Date,
	announce?: Announce
): Promise<TickOutcome> {
	const out: TickOutcome = { started: [], ended: [] };
	const steps = [
		{ rows: await dueToStart(db, now), run: startScheduled, into: out.started },
		{ rows: await dueToEnd(db, now), run: closeWindow, into: out.ended }
	];
	for (const step of steps)
		for (const { id } of step.rows) {
			try {
				const change = await db.transaction().execute((trx) => step.run(trx, id, now));
				if (!change) continue;
				step.into.push(id);
				announce?.(id, change.seq);
			} catch (err) {
				// One drill that fails must not hold up the others; it is tried again next tick.
				logger.error({ err, drillId: id }, 'programme tick failed for a drill');
			}
		}
	return out;
}

/** The UTC day of `now`, for running the daily jobs once a day per instance. */
const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Ticks every `intervalMs` until stopped; a slow tick is never overlapped by the next. The
 * daily jobs run on the first tick and then on the first tick of each UTC day; they must be
 * idempotent, as every instance runs them.
 */
export function startProgrammeTick(
	db: Kysely<Database>,
	announce: Announce,
	options: { intervalMs?: number; daily?: DailyJob[] } = {}
): () => Promise<void> {
	const { intervalMs = 2_000, daily = [] } = options;
	let lastDay = '';
	const once = async () => {
		const now = new Date();
		await programmeTick(db, now, announce);
		if (dayOf(now) === lastDay) return;
		lastDay = dayOf(now);
		for (const job of daily)
			await job
				.run(db, now)
				.catch((err) => logger.error({ err, job: job.name }, 'daily programme job failed'));
	};
	return repeatWithoutOverlap(once, intervalMs, 'programme tick');
}
