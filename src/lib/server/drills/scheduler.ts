import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { durationMinutes } from '../../scenarios/schema';
import { logger } from '../logger';
import { scenarioTimeAt } from './clock';
import { offsetMs } from './msel';
import { releaseDue } from './release';
import { ms, toDrill, drillColumns, type Drill } from './rows';
import { scenarioOf } from './scenario-of-drill';

// The scheduler: every tick, each running drill whose next inject (or a prompt's time limit)
// has come gets a release transaction. Several app instances may tick at once: the drill's
// row lock and the release rows' primary key release each inject exactly once.

export type Announce = (drillId: string, seq: number) => void;

/** The next scenario time at which something happens in the drill without anyone acting. */
async function nextWakeMs(
	db: Kysely<Database>,
	drill: Drill,
	rows: { inject_id: string; state: string; scenario_ms: number | string }[],
	closed: Set<string>
): Promise<number> {
	const scenario = await scenarioOf(db, drill.id);
	// Prompts of a team drill over a window have no time limits (they close with the window).
	const limits = drill.mode !== 'async';
	const done = new Map(rows.map((r) => [r.inject_id, r]));
	let wake = Infinity;
	for (const inject of scenario.injects) {
		const row = done.get(inject.id);
		if (!row) {
			wake = Math.min(wake, offsetMs(inject));
			continue;
		}
		if (row.state !== 'released') continue;
		for (const p of inject.prompts)
			if (limits && p.timeLimit && !closed.has(p.id))
				wake = Math.min(
					wake,
					ms(row.scenario_ms) + Math.round(durationMinutes(p.timeLimit) * 60_000)
				);
	}
	return wake;
}

/**
 * Releases what is due in every running drill at `now`; returns the drills that changed with
 * the sequence number to announce (announced here too when `announce` is given).
 */
export async function tick(
	db: Kysely<Database>,
	now: Date,
	announce?: Announce
): Promise<{ drillId: string; seq: number }[]> {
	const running = await db
		.selectFrom('drills')
		.select(drillColumns)
		.where('status', '=', 'running')
		.execute();
	if (!running.length) return [];
	const ids = running.map((d) => d.id);
	const [injectRows, closedRows] = await Promise.all([
		db
			.selectFrom('drill_injects')
			.select(['drill_id', 'inject_id', 'state', 'scenario_ms'])
			.where('drill_id', 'in', ids)
			.where('adhoc', 'is', null)
			.execute(),
		db
			.selectFrom('drill_prompts')
			.select(['drill_id', 'prompt_id'])
			.where('drill_id', 'in', ids)
			.where('closed_at', 'is not', null)
			.execute()
	]);
	const changed: { drillId: string; seq: number }[] = [];
	for (const row of running) {
		const drill = toDrill(row);
		try {
			const closed = new Set(
				closedRows.filter((c) => c.drill_id === drill.id).map((c) => c.prompt_id)
			);
			const rows = injectRows.filter((r) => r.drill_id === drill.id);
			const wake = await nextWakeMs(db, drill, rows, closed);
			if (wake > scenarioTimeAt(drill.clock, now)) continue;
			const out = await db.transaction().execute((trx) => releaseDue(trx, drill.id, now));
			if (out.seq === null) continue;
			changed.push({ drillId: drill.id, seq: out.seq });
			announce?.(drill.id, out.seq);
		} catch (err) {
			// One drill that fails must not hold up the others; it is tried again next tick.
			logger.error({ err, drillId: drill.id }, 'drill tick failed');
		}
	}
	return changed;
}

/**
 * Runs `task` every `intervalMs` until the returned stop is awaited; a slow run is never
 * overlapped by the next, and a failure is logged and tried again next time.
 */
export function repeatWithoutOverlap(
	task: () => Promise<unknown>,
	intervalMs: number,
	what: string
): () => Promise<void> {
	let current: Promise<unknown> | null = null;
	const timer = setInterval(() => {
		if (current) return;
		current = task()
			.catch((err) => logger.error({ err }, `${what} failed`))
			.finally(() => (current = null));
	}, intervalMs);
	timer.unref?.();
	return async () => {
		clearInterval(timer);
		await current;
	};
}

/** Ticks every `intervalMs` until stopped; a slow tick is never overlapped by the next. */
export function startScheduler(
	db: Kysely<Database>,
	announce: Announce,
	intervalMs = 500
): () => Promise<void> {
	return repeatWithoutOverlap(
		() => tick(db, new Date(), announce),
		intervalMs,
		'drill scheduler tick'
	);
}
