import type { Kysely, Transaction } from 'kysely';
import * as audit from '../audit/log';
import { systemActor, type AuditActor } from '../audit/log';
import { formatInZone } from '../../zoned-time';
import type { Database } from '../db/schema';
import { scenarioTimeAt } from './clock';
import { emit } from './events';
import { endLocked, moveClock, startLocked, type DrillChange } from './lifecycle';
import { everyOpenPromptAnswered, loadDrillData, type DrillData } from './load';
import { drillTarget } from './membership';
import { drillPeople } from './people';
import { releaseDueLocked } from './release';
import { lockDrill, type Drill } from './rows';

// Team drills over a window (mode 'async'): no facilitator runs the clock. The programme
// tick opens the window at its time (the drill starts as the system), the scenario clock is
// stretched over the window (or jumps to the next inject once every open prompt is answered,
// with "when answered" pacing), prompts have no time limits and close when the window does,
// and the drill ends by itself then. Each step re-checks the drill under its row lock, so two
// app instances ticking at once change it once.

/** The audit trail's name for the programme tick. */
export const scheduler: AuditActor = systemActor('scheduler');

/** A team drill over a window whose window has closed: it takes no more answers. */
export const windowClosed = (drill: Drill, now: Date): boolean =>
	drill.mode === 'async' &&
	drill.schedule.windowEndsAt !== null &&
	now.getTime() >= drill.schedule.windowEndsAt.getTime();

/** Whether the tick starts this draft at `now`: its time has come and it starts by itself. */
export function startsByItself(drill: Drill, now: Date): boolean {
	const at = drill.schedule.scheduledAt;
	if (drill.status !== 'draft' || !at || at.getTime() > now.getTime()) return false;
	if (drill.mode === 'async') return true;
	if (drill.mode !== 'live' || !drill.schedule.autoStart) return false;
	// A live drill starts by itself only within its planned length after its time: one the
	// server slept through stays a draft for its facilitator to start (or cancel).
	const length = (drill.schedule.durationMinutes ?? 60) * 60_000;
	return now.getTime() < at.getTime() + length;
}

/**
 * Starts a scheduled draft as the system when its time has come (async, or live set to start
 * by itself); null when there is nothing to do (another instance did it, it was moved, …).
 * A team drill whose whole window passed before it could start is cancelled with a reason.
 */
export async function startScheduled(
	trx: Transaction<Database>,
	drillId: string,
	now: Date
): Promise<DrillChange | null> {
	const drill = await lockDrill(trx, drillId);
	if (!startsByItself(drill, now)) return null;
	if (drill.mode === 'async' && windowClosed(drill, now))
		return cancelUnstarted(trx, drill, now, 'The window passed before the drill could start.');
	// The stretched clock runs from the window's opening, also when this tick came late.
	const from = drill.mode === 'async' ? drill.schedule.scheduledAt! : now;
	const started = await startLocked(trx, scheduler, drill, now, from);
	if (drill.schedule.pacing !== 'answered') return started;
	// Injects without prompts need no answers: "when answered" goes on to the first with one.
	const seq = await advanceAnswered(trx, drill, now, await loadDrillData(trx, drill));
	return { seq: seq ?? started.seq };
}

async function cancelUnstarted(
	trx: Transaction<Database>,
	drill: Drill,
	now: Date,
	reason: string
): Promise<DrillChange> {
	await moveClock(trx, drill, now, { status: 'cancelled' }, { ended_at: now });
	await trx
		.updateTable('drills')
		.set({ cancelled_reason: reason })
		.where('id', '=', drill.id)
		.execute();
	const seq = await emit(trx, drill.id, 'drill.cancelled', { status: 'cancelled', reason }, now);
	await audit.append(trx, scheduler, 'drill.cancelled', drillTarget(drill.id), {
		title: drill.title,
		reason
	});
	return { seq };
}

/**
 * Ends a running team drill whose window has closed, as of the window's end: what was due
 * by then is released, every open prompt closes (reason 'end'), the hot wash opens. Null when
 * there is nothing to do.
 */
export async function closeWindow(
	trx: Transaction<Database>,
	drillId: string,
	now: Date
): Promise<DrillChange | null> {
	const drill = await lockDrill(trx, drillId);
	if (drill.mode !== 'async' || (drill.status !== 'running' && drill.status !== 'paused'))
		return null;
	if (!windowClosed(drill, now)) return null;
	const end = drill.schedule.windowEndsAt!;
	if (drill.status === 'running') await releaseDueLocked(trx, drill, end);
	return endLocked(trx, scheduler, drill, end, 'window closed');
}

/**
 * "When answered" pacing: while every released prompt still open has an answer (from
 * anyone), scenario time jumps to the next inject and releases it. Unlike solo practice the
 * drill never ends here: the window's end does that. Returns the last event's number, or null.
 */
export async function advanceAnswered(
	trx: Transaction<Database>,
	drill: Drill,
	now: Date,
	data: DrillData
): Promise<number | null> {
	if (drill.mode !== 'async' || drill.schedule.pacing !== 'answered') return null;
	if (drill.status !== 'running') return null;
	let seq: number | null = null;
	for (;;) {
		const t = scenarioTimeAt(drill.clock, now);
		if (!everyOpenPromptAnswered(data, t)) return seq;
		const next = data.msel.entries.find((e) => !e.adhoc && !data.injects.has(e.inject.id));
		if (!next) return seq;
		if (next.atMs > t) {
			seq = await moveClock(trx, drill, now, { jumpToMs: next.atMs });
			data.drill = drill;
		}
		const out = await releaseDueLocked(trx, drill, now, data);
		seq = out.seq ?? seq;
	}
}

// ---------------------------------------------------------------- progress

/** A team drill's window as pages show it (in the zone it was planned in); null otherwise. */
export function windowOf(drill: Drill) {
	const { scheduledAt, windowEndsAt, timeZone, pacing } = drill.schedule;
	if (drill.mode !== 'async' || !scheduledAt || !windowEndsAt) return null;
	const zone = timeZone ?? 'UTC';
	return {
		opensAt: scheduledAt.toISOString(),
		closesAt: windowEndsAt.toISOString(),
		opens: formatInZone(scheduledAt, zone),
		closes: formatInZone(windowEndsAt, zone),
		pacing: pacing ?? 'clock'
	};
}

/** One answer stands for the team: a prompt a team-mate answered is not waiting for anyone. */
export type ProgressCell = 'answered' | 'team' | 'waiting' | 'not-addressed';

export type AsyncProgress = {
	/** Released prompts, in MSEL order: the grid's columns. */
	prompts: {
		id: string;
		injectTitle: string;
		question: string;
		answered: boolean;
		open: boolean;
	}[];
	/** Prompts not released yet (shown as a count). */
	toCome: number;
	/** One row per participant: the grid's rows. */
	rows: {
		userId: string;
		name: string;
		cells: ProgressCell[];
		answered: number;
		lastAnswerAt: string | null;
	}[];
};

/**
 * Who answered what in a team drill over a window: each participant against each released
 * prompt (answered by them, waiting for an answer from someone of their roles, or not
 * addressed to them). The caller has checked the viewer sees everything in the drill.
 */
export async function asyncProgress(
	db: Kysely<Database>,
	drill: Drill
): Promise<AsyncProgress | null> {
	if (drill.mode !== 'async') return null;
	const [data, people] = await Promise.all([loadDrillData(db, drill), drillPeople(db, drill.id)]);
	const released = data.msel.prompts.filter(
		({ entry }) => data.injects.get(entry.inject.id)?.state === 'released'
	);
	const participants = people.filter((p) => p.kind === 'participant');
	const prompts = released.map(({ prompt, entry }) => {
		const record = data.prompts.get(prompt.id);
		return {
			id: prompt.id,
			injectTitle: entry.inject.title,
			question: prompt.question,
			answered: data.current.has(prompt.id),
			open: !record?.closedAt && drill.status === 'running'
		};
	});
	return {
		prompts,
		toCome: data.msel.prompts.filter((p) => !data.injects.has(p.entry.inject.id)).length,
		rows: participants.map((p) => {
			const mine = data.answers.filter((a) => a.by === p.userId);
			return {
				userId: p.userId,
				name: p.name,
				cells: released.map(({ prompt, entry }): ProgressCell =>
					mine.some((a) => a.promptId === prompt.id)
						? 'answered'
						: !entry.inject.to.some((r) => p.roles.includes(r))
							? 'not-addressed'
							: data.current.has(prompt.id)
								? 'team'
								: 'waiting'
				),
				answered: new Set(mine.map((a) => a.promptId)).size,
				lastAnswerAt: mine.at(-1)?.at.toISOString() ?? null
			};
		})
	};
}
