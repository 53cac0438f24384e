import type { Kysely, Transaction } from 'kysely';
import { addMonthsUtc, expand, HORIZON_MONTHS } from '../../programme/recurrence';
import type { Role } from '../../permissions';
import { isTimeZone, isWallTime, fromWallTime } from '../../zoned-time';
import * as audit from '../audit/log';
import type { Database, DrillSeriesRow } from '../db/schema';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { createDrill } from '../drills/create';
import { emit } from '../drills/events';
import { moveClock } from '../drills/lifecycle';
import { assertRunsDrill, drillTarget, type DrillActor } from '../drills/membership';
import { lockDrill, type Drill } from '../drills/rows';
import { scheduleColumns, type DrillScheduleInput } from '../drills/schedule';
import { parseStoredScenario } from '../drills/scenario-of-drill';
import { logger } from '../logger';
import { boundedText } from '../lessons/checks';

// The occurrences of a series are ordinary draft drills, one per occurrence key (the
// occurrence's local start), made ahead through a horizon of 13 months: when the series is
// created or changed, and by a daily top-up. One occurrence is adjusted on its own (moved,
// other people, cancelled with a reason); it is then `detached`, and series changes pass it by.

export const seriesTarget = (seriesId: string) => ({ type: 'drill_series', id: seriesId });

/** The end of the horizon occurrences are made through. */
export const horizonEnd = (now: Date) => addMonthsUtc(now, HORIZON_MONTHS);

/**
 * Makes the drills of the series' occurrences from `now` through the horizon that do not
 * exist yet (past occurrences are never made). The caller holds the series row lock.
 */
export async function materialise(
	trx: Transaction<Database>,
	actor: DrillActor,
	series: DrillSeriesRow,
	now: Date
): Promise<string[]> {
	if (series.status !== 'active') return [];
	const occurrences = expand(
		{ rrule: series.rrule, startsLocal: series.starts_local, timeZone: series.time_zone },
		{ from: now, to: horizonEnd(now) }
	);
	const existing = new Set(
		(
			await trx
				.selectFrom('drills')
				.select('occurrence_key')
				.where('series_id', '=', series.id)
				.execute()
		).map((r) => r.occurrence_key)
	);
	const [lead, ...facilitators] = series.people.facilitators;
	const made: string[] = [];
	for (const o of occurrences) {
		if (existing.has(o.key)) continue;
		const schedule: DrillScheduleInput = {
			at: o.at,
			timeZone: series.time_zone,
			series: { id: series.id, occurrenceKey: o.key },
			...(series.mode === 'live'
				? { durationMinutes: series.duration_minutes, autoStart: series.auto_start }
				: {
						windowEndsAt: new Date(o.at.getTime() + series.duration_minutes * 60_000),
						pacing: series.pacing ?? 'clock'
					})
		};
		const { drillId } = await createDrill(
			trx,
			actor,
			{
				scenarioId: series.scenario_id,
				planId: series.plan_id ?? undefined,
				mode: series.mode,
				title: series.title,
				facilitatedBy: lead,
				facilitators,
				participants: series.people.participants,
				observers: series.people.observers,
				schedule
			},
			now
		);
		made.push(drillId);
	}
	return made;
}

/** The series row locked until the transaction ends, or NotFoundError. */
export async function lockSeries(
	trx: Transaction<Database>,
	seriesId: string
): Promise<DrillSeriesRow> {
	const row = /^[0-9a-f-]{36}$/i.test(seriesId)
		? await trx
				.selectFrom('drill_series')
				.selectAll()
				.where('id', '=', seriesId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such series.');
	return row;
}

/**
 * The daily top-up: every active series gets the occurrences that came into its horizon.
 * Made on behalf of the series' creator (its drills' `created_by`), recorded as the
 * scheduler. A series that fails (its lead left, its plan lost its approved version) is
 * logged and the others go on.
 */
export async function topUpSeries(
	db: Kysely<Database>,
	now: Date
): Promise<{ created: number; failed: { seriesId: string; message: string }[] }> {
	const active = await db
		.selectFrom('drill_series as s')
		.innerJoin('users as u', 'u.id', 's.created_by')
		.select(['s.id', 's.created_by', 'u.role'])
		.where('s.status', '=', 'active')
		.execute();
	let created = 0;
	const failed: { seriesId: string; message: string }[] = [];
	for (const s of active) {
		try {
			created += await db.transaction().execute(async (trx) => {
				const series = await lockSeries(trx, s.id);
				const actor: DrillActor = {
					id: s.created_by,
					role: s.role as Role,
					label: 'scheduler',
					ip: null
				};
				const made = await materialise(trx, actor, series, now);
				if (made.length)
					await audit.append(trx, actor, 'series.topped_up', seriesTarget(series.id), {
						made: made.length
					});
				return made.length;
			});
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			logger.warn({ seriesId: s.id, err: message }, 'series top-up failed');
			failed.push({ seriesId: s.id, message });
		}
	}
	return { created, failed };
}

/** Cancels a draft the caller has locked, keeping why; audited on the drill. */
export async function cancelDraftLocked(
	trx: Transaction<Database>,
	actor: DrillActor,
	drill: Drill,
	reason: string,
	now: Date,
	detach: boolean
): Promise<number> {
	await moveClock(trx, drill, now, { status: 'cancelled' }, { ended_at: now });
	await trx
		.updateTable('drills')
		.set({ cancelled_reason: reason, ...(detach ? { detached: true } : {}) })
		.where('id', '=', drill.id)
		.execute();
	const seq = await emit(trx, drill.id, 'drill.cancelled', { status: 'cancelled', reason }, now);
	await audit.append(trx, actor, 'drill.cancelled', drillTarget(drill.id), {
		title: drill.title,
		reason,
		...(drill.schedule.seriesId
			? { seriesId: drill.schedule.seriesId, occurrence: drill.schedule.occurrenceKey }
			: {})
	});
	return seq;
}

/** Cancels one planned drill (an occurrence, or a drill scheduled on its own) with a reason. */
export async function cancelPlanned(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	rawReason: unknown,
	now: Date,
	/** When cancelling from a series' page: the drill must be one of its occurrences. */
	ofSeries?: string
): Promise<{ seq: number; seriesId: string | null }> {
	const drill = await lockDrill(trx, drillId);
	if (ofSeries !== undefined && drill.schedule.seriesId !== ofSeries)
		throw new NotFoundError('No such drill in this series.');
	await assertRunsDrill(trx, drill, actor, 'cancel it');
	if (drill.status !== 'draft')
		throw new ConflictError(
			'Only a drill that has not started is cancelled here; end or cancel a running one from its console.',
			'status'
		);
	const reason = boundedText(rawReason, 'reason', 500);
	if (!reason)
		throw new InvalidInputError('Say why it is cancelled (people will see it).', 'reason');
	const seq = await cancelDraftLocked(trx, actor, drill, reason, now, true);
	return { seq, seriesId: drill.schedule.seriesId };
}

/** When a draft is planned, as its edit form gives it: unscheduled, or at a local time. */
export type PlannedWhen =
	| { kind: 'unscheduled' }
	| {
			kind: 'at';
			/** Local wall time `YYYY-MM-DDTHH:MM` in `timeZone`. */
			scheduledAt: string;
			timeZone: string;
			durationMinutes?: number;
			autoStart?: boolean;
			/** Team drills over a window: local wall time the window closes. */
			windowEndsAt?: string;
			pacing?: 'clock' | 'answered';
	  };

/** The schedule a form's local times give, or InvalidInputError naming the field. */
export function scheduleOf(when: Extract<PlannedWhen, { kind: 'at' }>): DrillScheduleInput {
	if (!isTimeZone(when.timeZone))
		throw new InvalidInputError('Choose a time zone such as Europe/London.', 'timeZone');
	if (!isWallTime(when.scheduledAt))
		throw new InvalidInputError('Give the date and time, e.g. 2027-01-05 10:00.', 'scheduledAt');
	if (when.windowEndsAt !== undefined && !isWallTime(when.windowEndsAt))
		throw new InvalidInputError('Give the date and time the window closes.', 'windowEndsAt');
	return {
		at: fromWallTime(when.scheduledAt, when.timeZone),
		timeZone: when.timeZone,
		durationMinutes: when.durationMinutes,
		autoStart: when.autoStart,
		windowEndsAt: when.windowEndsAt ? fromWallTime(when.windowEndsAt, when.timeZone) : undefined,
		pacing: when.pacing
	};
}

/** The schedule of a drill planned from now on (a minute's grace for the form's round trip). */
export function futureSchedule(
	when: Extract<PlannedWhen, { kind: 'at' }>,
	now: Date
): DrillScheduleInput {
	const schedule = scheduleOf(when);
	if (schedule.at.getTime() < now.getTime() - 60_000)
		throw new InvalidInputError('Plan it for a time still to come.', 'scheduledAt');
	return schedule;
}

/**
 * Sets when a draft is planned (moving it, or taking it off the schedule). An occurrence of a
 * series is adjusted on its own from then on (detached), and always keeps a time.
 */
export async function planDraft(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	when: PlannedWhen,
	now: Date
): Promise<void> {
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'plan it');
	if (drill.status !== 'draft')
		throw new ConflictError('Only a draft drill can be planned.', 'status');
	const inSeries = drill.schedule.seriesId !== null;
	// Saving a drill that was and stays unscheduled changes nothing here.
	if (when.kind === 'unscheduled' && !drill.schedule.scheduledAt && !inSeries) return;
	if (when.kind === 'unscheduled') {
		if (inSeries)
			throw new InvalidInputError(
				'An occurrence of a series keeps a time: move it, or cancel it with a reason.',
				'when'
			);
		if (drill.mode === 'async')
			throw new InvalidInputError('A team drill over a window needs its window.', 'when');
	}
	const stored = await trx
		.selectFrom('drills')
		.select('scenario_yaml')
		.where('id', '=', drill.id)
		.executeTakeFirstOrThrow();
	const schedule = when.kind === 'at' ? futureSchedule(when, now) : undefined;
	const columns = scheduleColumns(drill.mode, schedule, parseStoredScenario(stored.scenario_yaml));
	const before = drill.schedule.scheduledAt?.toISOString() ?? null;
	await trx
		.updateTable('drills')
		.set({
			scheduled_at: columns.scheduled_at ?? null,
			time_zone: columns.time_zone ?? null,
			duration_minutes: columns.duration_minutes ?? null,
			auto_start: columns.auto_start ?? false,
			...(drill.mode === 'async'
				? { window_ends_at: columns.window_ends_at, pacing: columns.pacing, speed: columns.speed }
				: {}),
			...(inSeries ? { detached: true } : {})
		})
		.where('id', '=', drill.id)
		.execute();
	const after = columns.scheduled_at?.toISOString() ?? null;
	await audit.append(trx, actor, 'drill.planned', drillTarget(drill.id), {
		from: before,
		to: after,
		timeZone: columns.time_zone ?? null,
		...(inSeries ? { seriesId: drill.schedule.seriesId, detached: true } : {})
	});
}
