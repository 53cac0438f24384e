import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { can } from '../../permissions';
import {
	checkRecurrence,
	describeRule,
	expand,
	RecurrenceError,
	type Occurrence
} from '../../programme/recurrence';
import { fromWallTime, isTimeZone, isWallTime } from '../../zoned-time';
import * as audit from '../audit/log';
import type {
	Database,
	DrillPacing,
	DrillSeriesRow,
	DrillStatus,
	SeriesPeople
} from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import {
	chosenPlanVersion,
	invalid,
	parseInput,
	peopleSchema,
	titleSchema
} from '../drills/create';
import type { DrillActor, DrillUser } from '../drills/membership';
import { lockDrill } from '../drills/rows';
import { MAX_WINDOW_MS, MIN_WINDOW_MS, scenarioLengthMs } from '../drills/schedule';
import { boundedText, fieldChecks } from '../lessons/checks';
import { findScenario } from '../scenarios/custom';
import {
	cancelDraftLocked,
	horizonEnd,
	lockSeries,
	materialise,
	seriesTarget
} from './occurrences';

// A recurring drill: a rule over local wall time, and the people and settings each
// occurrence starts with. Creating it makes the occurrences of the next 13 months as draft
// drills; changing it changes future occurrences only (drafts not adjusted on their own are
// made again; past, started and detached ones stay); ending it cancels future drafts with a
// reason. Each change: the series row lock, a revision check, one audit entry, one transaction.

/** What the series form gives; field names are the form's (errors name them). */
export type SeriesInput = {
	title?: string;
	/** Wall time of the first occurrence, `YYYY-MM-DDTHH:MM`. */
	scheduledAt: string;
	timeZone: string;
	rrule: string;
	/** Live drills: the planned length; the scenario's by default. */
	durationMinutes?: number;
	autoStart?: boolean;
	/** Team drills over a window: the first occurrence's window close (wall time). */
	windowEndsAt?: string;
	pacing?: DrillPacing;
	facilitators?: string[];
	participants?: { userId: string; roles: string[] }[];
	observers?: string[];
};

export type NewSeriesInput = SeriesInput & {
	mode: 'live' | 'async';
	scenarioId: string;
	planId?: string;
	planVersionId?: string;
};

const seriesSchema = z.object({
	title: titleSchema,
	scheduledAt: z.string().max(20),
	timeZone: z.string().max(64),
	rrule: z.string().max(400),
	durationMinutes: z.number().int().optional(),
	autoStart: z.boolean().optional(),
	windowEndsAt: z.string().max(20).optional(),
	pacing: z.enum(['clock', 'answered']).optional(),
	...peopleSchema
});
const newSeriesSchema = seriesSchema.extend({
	mode: z.enum(['live', 'async'], 'choose live or a team drill over a window'),
	scenarioId: z.string().min(1, 'choose a scenario').max(100),
	planId: z.string().optional(),
	planVersionId: z.string().optional()
});

type Checked = {
	rrule: string;
	startsLocal: string;
	timeZone: string;
	durationMinutes: number | undefined;
};

/** Every bad field of the rule and its times at once (the people are checked by createDrill). */
function checkTiming(input: SeriesInput, mode: 'live' | 'async', now: Date): Checked {
	const c = fieldChecks();
	const timeZone = isTimeZone(input.timeZone) ? input.timeZone : '';
	if (!timeZone) c.problem('timeZone', 'Choose a time zone such as Europe/London.');
	const startsLocal = isWallTime(input.scheduledAt) ? input.scheduledAt : '';
	if (!startsLocal) c.problem('scheduledAt', 'Give the date and time of the first drill.');
	let rrule = '';
	if (timeZone && startsLocal) {
		try {
			rrule = checkRecurrence({ rrule: input.rrule, startsLocal, timeZone });
		} catch (e) {
			if (!(e instanceof RecurrenceError)) throw e;
			c.problem('rrule', e.message);
		}
	}
	let durationMinutes = input.durationMinutes;
	if (mode === 'async') {
		const ends = input.windowEndsAt && isWallTime(input.windowEndsAt) ? input.windowEndsAt : '';
		if (!ends) c.problem('windowEndsAt', 'Give the date and time the first window closes.');
		else if (timeZone && startsLocal) {
			const ms =
				fromWallTime(ends, timeZone).getTime() - fromWallTime(startsLocal, timeZone).getTime();
			if (ms < MIN_WINDOW_MS)
				c.problem('windowEndsAt', 'The window must stay open at least an hour after it opens.');
			else if (ms > MAX_WINDOW_MS) c.problem('windowEndsAt', 'Keep the window to 14 days at most.');
			durationMinutes = Math.round(ms / 60_000);
		}
		if (input.pacing !== 'clock' && input.pacing !== 'answered')
			c.problem('pacing', 'Choose how injects are released.');
	} else if (
		durationMinutes !== undefined &&
		(!Number.isInteger(durationMinutes) || durationMinutes < 5 || durationMinutes > 20_160)
	)
		c.problem('durationMinutes', 'Give a length between 5 minutes and 14 days.');
	if (
		rrule &&
		expand({ rrule, startsLocal, timeZone }, { from: now, to: horizonEnd(now) }).length === 0
	)
		c.problem('rrule', 'This rule gives no drill from now through the next 13 months.');
	c.done();
	return { rrule, startsLocal, timeZone, durationMinutes };
}

const peopleOf = (
	input: Required<Pick<SeriesInput, 'facilitators' | 'participants' | 'observers'>>,
	leadId: string
): SeriesPeople => ({
	facilitators: [leadId, ...input.facilitators.filter((id) => id !== leadId)],
	participants: input.participants,
	observers: input.observers
});

function assertScheduler(actor: DrillUser, what: string): void {
	if (!can(actor.role, 'schedule.manage'))
		throw new ForbiddenError(`Only a SOC lead or an admin may ${what}.`);
}

/** Creates a series and its occurrences through the horizon. */
export async function createSeries(
	trx: Transaction<Database>,
	actor: DrillActor,
	raw: NewSeriesInput,
	now: Date
): Promise<{ seriesId: string; drillIds: string[] }> {
	assertScheduler(actor, 'schedule recurring drills');
	const input = parseInput(newSeriesSchema, raw);
	const timing = checkTiming(input, input.mode, now);
	const found = await findScenario(trx, input.scenarioId).catch(() => null);
	if (!found?.entry.scenario) throw new NotFoundError('No such scenario.');
	const version = await chosenPlanVersion(trx, input);
	const title = input.title || found.entry.scenario.title;
	const durationMinutes =
		timing.durationMinutes ?? Math.ceil(scenarioLengthMs(found.entry.scenario) / 60_000);
	const series = await trx
		.insertInto('drill_series')
		.values({
			title,
			mode: input.mode,
			scenario_id: found.entry.scenario.id,
			plan_id: version.plan_id,
			rrule: timing.rrule,
			starts_local: timing.startsLocal,
			time_zone: timing.timeZone,
			duration_minutes: Math.min(Math.max(durationMinutes, 5), 20_160),
			people: JSON.stringify(peopleOf(input, actor.id)),
			auto_start: input.mode === 'live' ? (input.autoStart ?? false) : true,
			pacing: input.mode === 'async' ? (input.pacing ?? 'clock') : null,
			created_by: actor.id,
			created_at: now,
			updated_at: now
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	const drillIds = await materialise(trx, actor, series, now);
	await audit.append(trx, actor, 'series.created', seriesTarget(series.id), {
		title,
		mode: series.mode,
		rule: series.rrule,
		startsLocal: series.starts_local,
		timeZone: series.time_zone,
		occurrences: drillIds.length
	});
	return { seriesId: series.id, drillIds };
}

function checkRevision(series: DrillSeriesRow, revision: number): void {
	if (series.status !== 'active')
		throw new ConflictError('This series has ended; it cannot be changed.', 'status');
	if (series.revision !== revision)
		throw new ConflictError(
			'Someone changed this series since you opened it: reload it and make your change again.',
			'revision'
		);
}

/**
 * Changes the series from now on: future drafts that were not adjusted on their own are
 * removed and made again from the new rule and settings; past, started, cancelled and
 * detached occurrences stay as they are.
 */
export async function editSeries(
	trx: Transaction<Database>,
	actor: DrillActor,
	seriesId: string,
	revision: number,
	raw: SeriesInput,
	now: Date
): Promise<{ removed: number; made: number }> {
	assertScheduler(actor, 'change recurring drills');
	const series = await lockSeries(trx, seriesId);
	checkRevision(series, revision);
	const input = parseInput(seriesSchema, raw);
	const timing = checkTiming(input, series.mode, now);
	const people = peopleOf(input, series.people.facilitators[0] ?? actor.id);
	const updated = await trx
		.updateTable('drill_series')
		.set({
			title: input.title || series.title,
			rrule: timing.rrule,
			starts_local: timing.startsLocal,
			time_zone: timing.timeZone,
			duration_minutes: timing.durationMinutes ?? series.duration_minutes,
			people: JSON.stringify(people),
			auto_start: series.mode === 'live' ? (input.autoStart ?? false) : true,
			pacing: series.mode === 'async' ? (input.pacing ?? series.pacing) : null,
			revision: series.revision + 1,
			updated_at: now
		})
		.where('id', '=', series.id)
		.returningAll()
		.executeTakeFirstOrThrow();
	const future = await trx
		.selectFrom('drills')
		.select('id')
		.where('series_id', '=', series.id)
		.where('status', '=', 'draft')
		.where('detached', '=', false)
		.where('scheduled_at', '>', now)
		.forUpdate()
		.execute();
	if (future.length)
		await trx
			.deleteFrom('drills')
			.where(
				'id',
				'in',
				future.map((d) => d.id)
			)
			.execute();
	const made = await materialise(trx, actor, updated, now);
	await audit.append(trx, actor, 'series.updated', seriesTarget(series.id), {
		revision: updated.revision,
		rule: { from: series.rrule, to: updated.rrule },
		startsLocal: { from: series.starts_local, to: updated.starts_local },
		timeZone: updated.time_zone,
		removed: future.length,
		made: made.length
	});
	return { removed: future.length, made: made.length };
}

/** Ends the series: no more occurrences, and future drafts are cancelled with the reason. */
export async function endSeries(
	trx: Transaction<Database>,
	actor: DrillActor,
	seriesId: string,
	revision: number,
	rawReason: unknown,
	now: Date
): Promise<{ cancelled: number }> {
	assertScheduler(actor, 'end recurring drills');
	const series = await lockSeries(trx, seriesId);
	checkRevision(series, revision);
	const reason = boundedText(rawReason, 'reason', 500);
	if (!reason) invalid('Say why the series ends (cancelled drills show it).', 'reason');
	await trx
		.updateTable('drill_series')
		.set({ status: 'ended', revision: series.revision + 1, updated_at: now })
		.where('id', '=', series.id)
		.execute();
	const future = await trx
		.selectFrom('drills')
		.select('id')
		.where('series_id', '=', series.id)
		.where('status', '=', 'draft')
		.where('scheduled_at', '>', now)
		.orderBy('scheduled_at')
		.execute();
	for (const { id } of future)
		await cancelDraftLocked(
			trx,
			actor,
			await lockDrill(trx, id),
			`Series ended: ${reason}`,
			now,
			false
		);
	await audit.append(trx, actor, 'series.ended', seriesTarget(series.id), {
		title: series.title,
		reason,
		cancelled: future.length
	});
	return { cancelled: future.length };
}

export type SeriesOccurrence = {
	drillId: string;
	occurrenceKey: string;
	scheduledAt: Date | null;
	status: DrillStatus;
	detached: boolean;
	cancelledReason: string | null;
};

export type SeriesView = {
	id: string;
	title: string;
	mode: 'live' | 'async';
	scenarioId: string;
	rrule: string;
	startsLocal: string;
	timeZone: string;
	durationMinutes: number;
	autoStart: boolean;
	pacing: DrillPacing | null;
	status: 'active' | 'ended';
	revision: number;
	people: SeriesPeople;
	/** The rule in words. */
	words: string;
	createdByName: string;
	upcoming: SeriesOccurrence[];
	past: SeriesOccurrence[];
	/** Occurrences beyond the horizon, not made yet: the next few the rule gives. */
	later: Occurrence[];
};

/** A series as leads and admins read it; anyone else is told it does not exist. */
export async function seriesFor(
	db: Kysely<Database>,
	user: DrillUser,
	seriesId: string,
	now: Date
): Promise<SeriesView> {
	if (!can(user.role, 'drills.read_all') || !/^[0-9a-f-]{36}$/i.test(seriesId))
		throw new NotFoundError('No such series.');
	const s = await db
		.selectFrom('drill_series as s')
		.innerJoin('users as u', 'u.id', 's.created_by')
		.selectAll('s')
		.select('u.display_name')
		.where('s.id', '=', seriesId)
		.executeTakeFirst();
	if (!s) throw new NotFoundError('No such series.');
	const rows = await db
		.selectFrom('drills')
		.select(['id', 'occurrence_key', 'scheduled_at', 'status', 'detached', 'cancelled_reason'])
		.where('series_id', '=', s.id)
		.orderBy('scheduled_at')
		.limit(400)
		.execute();
	const occurrences = rows.map((r): SeriesOccurrence => ({
		drillId: r.id,
		occurrenceKey: r.occurrence_key ?? '',
		scheduledAt: r.scheduled_at,
		status: r.status,
		detached: r.detached,
		cancelledReason: r.cancelled_reason
	}));
	const isPast = (o: SeriesOccurrence) =>
		o.status === 'ended' ||
		(o.status === 'cancelled' && (o.scheduledAt ?? now) <= now) ||
		(o.scheduledAt !== null && o.scheduledAt <= now && o.status !== 'draft');
	const recurrence = { rrule: s.rrule, startsLocal: s.starts_local, timeZone: s.time_zone };
	const horizon = horizonEnd(now);
	return {
		id: s.id,
		title: s.title,
		mode: s.mode,
		scenarioId: s.scenario_id,
		rrule: s.rrule,
		startsLocal: s.starts_local,
		timeZone: s.time_zone,
		durationMinutes: s.duration_minutes,
		autoStart: s.auto_start,
		pacing: s.pacing,
		status: s.status,
		revision: s.revision,
		people: s.people,
		words: describeRule(recurrence),
		createdByName: s.display_name,
		upcoming: occurrences.filter((o) => !isPast(o)),
		past: occurrences.filter(isPast).reverse(),
		later:
			s.status === 'active'
				? expand(
						recurrence,
						{
							from: new Date(horizon.getTime() + 1),
							to: new Date(horizon.getTime() + 400 * 86_400_000)
						},
						3
					)
				: []
	};
}

/** A series' title, for a link from one of its drills. */
export async function seriesTitle(
	db: Kysely<Database>,
	seriesId: string | null
): Promise<string | null> {
	if (!seriesId) return null;
	const row = await db
		.selectFrom('drill_series')
		.select('title')
		.where('id', '=', seriesId)
		.executeTakeFirst();
	return row?.title ?? null;
}
