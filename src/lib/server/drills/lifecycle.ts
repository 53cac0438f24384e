import type { Transaction } from 'kysely';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database, DrillStatus } from '../db/schema';
import { ConflictError, InvalidInputError } from '../errors';
import { clockColumns, isSpeed, reanchor, SPEEDS, type ClockChange } from './clock';
import { emit } from './events';
import { loadDrillData, promptWindow } from './load';
import { assertRunsDrill, drillTarget, type DrillActor } from './membership';
import { releaseDueLocked, storeClosing } from './release';
import { lockDrill, type Drill } from './rows';
import { scenarioTimeAt } from './clock';
import { openHotWash, HOT_WASH_HOURS } from '../lessons/hot-wash';

// The drill's life: draft → running ⇄ paused → ended, or cancelled. Each change re-anchors
// the clock under the drill's row lock, is an event for the screens and an audit entry.

export type DrillChange = {
	/** The last event's sequence number: announce it after commit. */
	seq: number;
};

const refusals: Record<DrillStatus, string> = {
	draft: 'This drill has not started yet.',
	running: 'This drill is already running.',
	paused: 'This drill is paused.',
	ended: 'This drill has ended.',
	cancelled: 'This drill was cancelled.'
};

/** A team drill over a window runs on its window: nobody moves its clock by hand. */
function refuseWindowDrill(drill: Drill, what: string): void {
	if (drill.mode === 'async')
		throw new ConflictError(
			`A team drill over a window opens and closes by itself; it cannot be ${what}.`,
			'mode'
		);
}

function expectStatus(drill: Drill, allowed: DrillStatus[], what: string): void {
	if (!allowed.includes(drill.status))
		throw new ConflictError(`${refusals[drill.status]} It cannot be ${what}.`, 'status');
}

/** Writes a re-anchored clock (and more columns) and tells the screens. */
export async function moveClock(
	trx: Transaction<Database>,
	drill: Drill,
	now: Date,
	change: ClockChange,
	more: { started_at?: Date; ended_at?: Date } = {}
): Promise<number> {
	const clock = reanchor(drill.clock, now, change);
	await trx
		.updateTable('drills')
		.set({ ...clockColumns(clock), ...more })
		.where('id', '=', drill.id)
		.execute();
	drill.clock = clock;
	drill.status = clock.status;
	return emit(
		trx,
		drill.id,
		'clock',
		{
			status: clock.status,
			speed: clock.speed,
			scenarioMs: clock.scenarioMs,
			realAt: clock.realAt?.toISOString() ?? null
		},
		now
	);
}

/**
 * A drill planned ahead runs against the plan in force when it starts, not the one in force
 * when it was planned: responses are measured against the matrix people work to that day.
 */
async function bindPlanInForce(trx: Transaction<Database>, drill: Drill): Promise<void> {
	const inForce = await trx
		.selectFrom('plan_versions')
		.select('id')
		.where('plan_id', '=', drill.planId)
		.where('status', '=', 'approved')
		.executeTakeFirst();
	if (!inForce || inForce.id === drill.planVersionId) return;
	await trx
		.updateTable('drills')
		.set({ plan_version_id: inForce.id })
		.where('id', '=', drill.id)
		.execute();
	drill.planVersionId = inForce.id;
}

/** Starts the clock at scenario time 0 and releases what is due at once. */
export async function start(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'start it');
	refuseWindowDrill(drill, 'started by hand');
	if (drill.status !== 'draft')
		throw new ConflictError(
			drill.status === 'running' || drill.status === 'paused'
				? 'This drill has already started.'
				: `${refusals[drill.status]} It cannot be started.`,
			'status'
		);
	return startLocked(trx, actor, drill, now);
}

/**
 * Starts a draft the caller has locked and checked (the facilitator, or the programme tick
 * as the system). `clockFrom`: the real moment scenario time 0 is anchored at (a team drill
 * over a window runs from the window's opening, even when its tick came late).
 */
export async function startLocked(
	trx: Transaction<Database>,
	actor: AuditActor,
	drill: Drill,
	now: Date,
	clockFrom: Date = now
): Promise<DrillChange> {
	if (drill.schedule.scheduledAt) await bindPlanInForce(trx, drill);
	let seq = await moveClock(trx, drill, clockFrom, { status: 'running' }, { started_at: now });
	drill.startedAt = now;
	await audit.append(trx, actor, 'drill.started', drillTarget(drill.id), {
		title: drill.title,
		speed: drill.clock.speed
	});
	const released = await releaseDueLocked(trx, drill, now);
	seq = released.seq ?? seq;
	return { seq };
}

export async function pause(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'pause it');
	refuseWindowDrill(drill, 'paused');
	expectStatus(drill, ['running'], 'paused');
	// What was due before the pause goes out first, at the time it was due.
	await releaseDueLocked(trx, drill, now);
	const seq = await moveClock(trx, drill, now, { status: 'paused' });
	await audit.append(trx, actor, 'drill.paused', drillTarget(drill.id), {
		scenarioMs: drill.clock.scenarioMs
	});
	return { seq };
}

export async function resume(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'resume it');
	refuseWindowDrill(drill, 'resumed');
	expectStatus(drill, ['paused'], 'resumed');
	const seq = await moveClock(trx, drill, now, { status: 'running' });
	await audit.append(trx, actor, 'drill.resumed', drillTarget(drill.id), {
		scenarioMs: drill.clock.scenarioMs
	});
	return { seq };
}

/** Changes the speed (1×, 2×, 5×, 10×, 30×, 60×); scenario time stays continuous. */
export async function setSpeed(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	speed: unknown,
	now: Date
): Promise<DrillChange> {
	if (!isSpeed(speed))
		throw new InvalidInputError(
			`Choose a speed of ${SPEEDS.map((s) => `${s}×`).join(', ')}.`,
			'speed'
		);
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'change its speed');
	refuseWindowDrill(drill, 'sped up or slowed down');
	expectStatus(drill, ['draft', 'running', 'paused'], 'sped up or slowed down');
	if (drill.clock.speed === speed) return { seq: drill.lastSeq };
	const from = drill.clock.speed;
	if (drill.status === 'running') await releaseDueLocked(trx, drill, now);
	const seq = await moveClock(trx, drill, now, { speed });
	await audit.append(trx, actor, 'drill.speed_changed', drillTarget(drill.id), { from, to: speed });
	return { seq };
}

/** Ends a running or paused drill: the clock stops and every open prompt closes. */
export async function end(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'end it');
	expectStatus(drill, ['running', 'paused'], 'ended');
	return endLocked(trx, actor, drill, now, 'ended by hand');
}

/** Ends a drill the caller has locked (also a solo drill whose last inject is done). */
export async function endLocked(
	trx: Transaction<Database>,
	actor: AuditActor,
	drill: Drill,
	now: Date,
	how: string
): Promise<DrillChange> {
	const data = await loadDrillData(trx, drill);
	const t = scenarioTimeAt(drill.clock, now);
	const closed: string[] = [];
	for (const { prompt } of data.msel.prompts) {
		const w = promptWindow(data, prompt.id, t);
		if (!w.released || data.prompts.get(prompt.id)?.closedAt) continue;
		// A limit already passed closes it as of then; anything else closes with the end.
		const reason = w.open ? 'end' : 'time-limit';
		if ((await storeClosing(trx, data, prompt.id, reason, now)) !== null) closed.push(prompt.id);
	}
	await moveClock(trx, drill, now, { status: 'ended' }, { ended_at: now });
	const seq = await emit(
		trx,
		drill.id,
		'drill.ended',
		{ status: 'ended', endedAt: now.toISOString(), scenarioMs: drill.clock.scenarioMs, closed },
		now
	);
	// A team drill's debrief opens as it ends (lessons learned: the hot wash).
	if (drill.mode !== 'solo') await openHotWash(trx, drill.id, now, HOT_WASH_HOURS, actor);
	await audit.append(trx, actor, 'drill.ended', drillTarget(drill.id), {
		title: drill.title,
		how,
		scenarioMs: drill.clock.scenarioMs
	});
	return { seq };
}

/** Cancels a drill that has not ended: it keeps what happened but has no results. */
export async function cancel(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'cancel it');
	expectStatus(drill, ['draft', 'running', 'paused'], 'cancelled');
	await moveClock(trx, drill, now, { status: 'cancelled' }, { ended_at: now });
	const seq = await emit(trx, drill.id, 'drill.cancelled', { status: 'cancelled' }, now);
	await audit.append(trx, actor, 'drill.cancelled', drillTarget(drill.id), { title: drill.title });
	return { seq };
}
