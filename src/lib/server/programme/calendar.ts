import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { actionLabel, type ActionStatus } from '../../lessons/words';
import { can, type Role } from '../../permissions';
import { addDays, daysBetween, isDateOnly } from '../../programme/calendar-month';
import {
	isCalendarKind,
	isEntryState,
	type CalendarKind,
	type EntryState
} from '../../programme/calendar-words';
import { toWallTime } from '../../zoned-time';
import { drillView } from '../access/visibility';
import type { Database, DrillMode, DrillStatus } from '../db/schema';
import { InvalidInputError } from '../errors';
import { formatVersionNumber } from '../plans/version-number';

// What a user's calendar holds in a range of dates: drills (planned, or when they ran), the
// review dates of plans in force, and corrective actions' due dates, each only as far as the
// user may see it (the same rules as the drills list, the plan pages and the improvement
// plan). "Mine" narrows it to what is the user's own: the drills they are in, the actions they
// own, and plan reviews for those who edit plans. The personal iCal feed is exactly "mine".

/** Bounded: a year and a month either way is plenty for a page, a feed or a script. */
export const MAX_RANGE_DAYS = 400;
export const MAX_ENTRIES = 2000;
const DEFAULT_DRILL_MINUTES = 60;
const HOUR_MS = 3_600_000;
/** Local dates reach at most this far from UTC dates (UTC-12 to UTC+14). */
const ZONE_SLACK_MS = 15 * HOUR_MS;

/** Inclusive, in local dates. */
export type CalendarRange = { from: string; to: string };

export type CalendarFilter = {
	kinds?: readonly CalendarKind[];
	/** Only what is the user's own (see above). */
	mine?: boolean;
	states?: readonly EntryState[];
};

export type CalendarDrill = {
	mode: DrillMode;
	status: DrillStatus;
	/** When it is planned; null for a drill that was started without a plan. */
	scheduledAt: Date | null;
	startedAt: Date | null;
	endedAt: Date | null;
	windowEndsAt: Date | null;
	durationMinutes: number | null;
	seriesId: string | null;
	occurrenceKey: string | null;
};

export type CalendarEntry = {
	/** Stable across reads and edits: the iCal UID. */
	uid: string;
	kind: CalendarKind;
	/** The record's id (for a plan review: the plan's). */
	id: string;
	title: string;
	/** The local date it falls on (a timed entry: in its own time zone). */
	date: string;
	/** Timed entries (drills); null for all-day entries. */
	start: Date | null;
	end: Date | null;
	/** The zone a drill was planned in; UTC for one that was not. */
	timeZone: string | null;
	state: EntryState;
	cancelledReason: string | null;
	href: string;
	/** The user is in the drill, owns the action, or edits the plan. */
	mine: boolean;
	/** When the entry last changed, and how often (for iCal DTSTAMP and SEQUENCE). */
	stamp: Date;
	sequence: number;
	drill: CalendarDrill | null;
};

export type CalendarResult = { entries: CalendarEntry[]; truncated: boolean };

export type CalendarViewer = { id: string; role: Role };

/** A range the user asked for, checked: real dates, in order, at most MAX_RANGE_DAYS. */
export function checkRange(from: unknown, to: unknown): CalendarRange {
	if (!isDateOnly(from)) throw new InvalidInputError('Give the first date as YYYY-MM-DD.', 'from');
	if (!isDateOnly(to)) throw new InvalidInputError('Give the last date as YYYY-MM-DD.', 'to');
	const days = daysBetween(from, to);
	if (days < 0) throw new InvalidInputError('The last date comes before the first.', 'to');
	if (days >= MAX_RANGE_DAYS)
		throw new InvalidInputError(`Ask for at most ${MAX_RANGE_DAYS} days at a time.`, 'to');
	return { from, to };
}

/** The filter a page's address asks for (?kind=…&state=…&mine=1); bad values are dropped. */
export function calendarFilterFrom(params: URLSearchParams): CalendarFilter {
	return {
		kinds: params.getAll('kind').filter(isCalendarKind).slice(0, 3),
		states: params.getAll('state').filter(isEntryState).slice(0, 5),
		mine: params.get('mine') === '1'
	};
}

const wanted = (filter: CalendarFilter, kind: CalendarKind) =>
	!filter.kinds?.length || filter.kinds.includes(kind);

const compact = (key: string) => key.replace(/[^0-9A-Za-z]/g, '');

/** The entries in the range the user may see, soonest first. */
export async function calendarEntries(
	db: Kysely<Database>,
	user: CalendarViewer,
	range: CalendarRange,
	filter: CalendarFilter,
	now: Date
): Promise<CalendarResult> {
	checkRange(range.from, range.to);
	const today = now.toISOString().slice(0, 10);
	const parts = await Promise.all([
		wanted(filter, 'drill') ? drillEntries(db, user, range, !!filter.mine, now) : [],
		wanted(filter, 'plan-review') ? reviewEntries(db, user, range, !!filter.mine, today) : [],
		wanted(filter, 'action-due') ? actionEntries(db, user, range, !!filter.mine, today) : []
	]);
	let entries = parts.flat();
	if (filter.states?.length) entries = entries.filter((e) => filter.states!.includes(e.state));
	entries.sort(
		(a, b) =>
			a.date.localeCompare(b.date) ||
			(a.start?.getTime() ?? 0) - (b.start?.getTime() ?? 0) ||
			a.uid.localeCompare(b.uid)
	);
	return { entries: entries.slice(0, MAX_ENTRIES), truncated: entries.length > MAX_ENTRIES };
}

function drillState(status: DrillStatus, end: Date, now: Date): EntryState {
	if (status === 'cancelled') return 'cancelled';
	if (status === 'ended') return 'done';
	if (status === 'running' || status === 'paused') return 'in-progress';
	return end < now ? 'overdue' : 'planned';
}

async function drillEntries(
	db: Kysely<Database>,
	user: CalendarViewer,
	range: CalendarRange,
	mine: boolean,
	now: Date
): Promise<CalendarEntry[]> {
	const view = drillView(user);
	const lo = new Date(Date.parse(`${range.from}T00:00:00Z`) - ZONE_SLACK_MS);
	const hi = new Date(Date.parse(`${addDays(range.to, 1)}T00:00:00Z`) + ZONE_SLACK_MS);
	const when = sql<Date>`coalesce(d.scheduled_at, d.started_at)`;
	let query = db
		.selectFrom('drills as d')
		.leftJoin('drill_members as me', (j) =>
			j.onRef('me.drill_id', '=', 'd.id').on('me.user_id', '=', user.id)
		)
		.leftJoin('drill_series as s', 's.id', 'd.series_id')
		.select((eb) => [
			'd.id',
			'd.title',
			'd.mode',
			'd.status',
			'd.scheduled_at',
			'd.started_at',
			'd.ended_at',
			'd.created_at',
			'd.time_zone',
			'd.duration_minutes',
			'd.window_ends_at',
			'd.series_id',
			'd.occurrence_key',
			'd.cancelled_reason',
			'd.next_seq',
			'me.user_id as member',
			's.revision as series_revision',
			's.updated_at as series_updated_at',
			when.as('at'),
			eb
				.selectFrom('drill_events as e')
				.select((e) => e.fn.max('e.at').as('last'))
				.whereRef('e.drill_id', '=', 'd.id')
				.as('last_event_at')
		])
		// Solo practice is one's own training, not part of the exercise programme's calendar.
		.where('d.mode', '!=', 'solo')
		.where(when, '>=', lo)
		.where(when, '<', hi);
	if (mine) query = query.where('me.user_id', 'is not', null);
	else if (!view.all)
		query = query.where((eb) =>
			view.ended
				? eb.or([eb('me.user_id', 'is not', null), eb('d.status', '=', 'ended')])
				: eb('me.user_id', 'is not', null)
		);
	const rows = await query
		.orderBy(when)
		.orderBy('d.id')
		.limit(MAX_ENTRIES + 1)
		.execute();
	const entries: CalendarEntry[] = [];
	for (const r of rows) {
		const start = new Date(r.at);
		const zone = r.time_zone ?? 'UTC';
		const date = toWallTime(start, zone).slice(0, 10);
		if (date < range.from || date > range.to) continue;
		const end =
			r.window_ends_at ??
			(r.duration_minutes
				? new Date(start.getTime() + r.duration_minutes * 60_000)
				: r.ended_at && r.ended_at > start
					? r.ended_at
					: new Date(start.getTime() + DEFAULT_DRILL_MINUTES * 60_000));
		const changes = [r.created_at, r.started_at, r.ended_at, r.last_event_at, r.series_updated_at]
			.filter((d): d is Date => !!d)
			.map((d) => new Date(d).getTime());
		// An occurrence keeps its UID when its series re-makes it; the series' revision then
		// moves its SEQUENCE on (each revision leaves room for a drill's own events).
		const inSeries = r.series_id && r.occurrence_key;
		entries.push({
			uid: inSeries
				? `drill-${r.series_id}-${compact(r.occurrence_key!)}@hotwash`
				: `drill-${r.id}@hotwash`,
			kind: 'drill',
			id: r.id,
			title: r.title,
			date,
			start,
			end,
			timeZone: zone,
			state: drillState(r.status, end, now),
			cancelledReason: r.status === 'cancelled' ? r.cancelled_reason : null,
			href: `/drills/${r.id}`,
			mine: r.member !== null,
			stamp: new Date(Math.max(...changes)),
			sequence: (r.series_revision ?? 0) * 1000 + Number(r.next_seq),
			drill: {
				mode: r.mode,
				status: r.status,
				scheduledAt: r.scheduled_at,
				startedAt: r.started_at,
				endedAt: r.ended_at,
				windowEndsAt: r.window_ends_at,
				durationMinutes: r.duration_minutes,
				seriesId: r.series_id,
				occurrenceKey: r.occurrence_key
			}
		});
	}
	return entries;
}

async function reviewEntries(
	db: Kysely<Database>,
	user: CalendarViewer,
	range: CalendarRange,
	mine: boolean,
	today: string
): Promise<CalendarEntry[]> {
	// Reviews are for those who keep plans: every reader of plan history sees them; "mine" (and
	// so the feed) holds them for those who edit plans.
	if (!can(user.role, mine ? 'plans.edit' : 'plans.read_all')) return [];
	const rows = await db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select([
			'p.id as plan_id',
			'p.title',
			'v.major',
			'v.minor',
			'v.next_review_date',
			'v.approved_at',
			'v.created_at'
		])
		.where('v.status', '=', 'approved')
		.where('v.next_review_date', '>=', range.from)
		.where('v.next_review_date', '<=', range.to)
		.orderBy('v.next_review_date')
		.limit(MAX_ENTRIES + 1)
		.execute();
	return rows.map((r) => ({
		// One per plan: a newly approved version moves its review, it does not add one.
		uid: `plan-review-${r.plan_id}@hotwash`,
		kind: 'plan-review',
		id: r.plan_id,
		title: `Review due: ${r.title} v${formatVersionNumber(r)}`,
		date: r.next_review_date!,
		start: null,
		end: null,
		timeZone: null,
		state: r.next_review_date! < today ? 'overdue' : 'planned',
		cancelledReason: null,
		href: `/plans/${r.plan_id}`,
		mine: can(user.role, 'plans.edit'),
		stamp: r.approved_at ?? r.created_at,
		sequence: (r.major ?? 0) * 1000 + (r.minor ?? 0),
		drill: null
	}));
}

function actionState(status: ActionStatus, due: string, today: string): EntryState {
	if (status === 'cancelled') return 'cancelled';
	if (status === 'done' || status === 'verified') return 'done';
	if (due < today) return 'overdue';
	return status === 'in_progress' ? 'in-progress' : 'planned';
}

async function actionEntries(
	db: Kysely<Database>,
	user: CalendarViewer,
	range: CalendarRange,
	mine: boolean,
	today: string
): Promise<CalendarEntry[]> {
	// As the improvement plan: every action for its readers, one's own for owners.
	const all = !mine && can(user.role, 'lessons.read');
	if (!all && !can(user.role, 'actions.own')) return [];
	let query = db
		.selectFrom('corrective_actions as a')
		.select([
			'a.id',
			'a.number',
			'a.action',
			'a.owner_id',
			'a.due_date',
			'a.status',
			'a.revision',
			'a.updated_at'
		])
		.where('a.due_date', '>=', range.from)
		.where('a.due_date', '<=', range.to);
	if (!all) query = query.where('a.owner_id', '=', user.id);
	const rows = await query
		.orderBy('a.due_date')
		.orderBy('a.number')
		.limit(MAX_ENTRIES + 1)
		.execute();
	return rows.map((r) => ({
		uid: `action-${r.id}@hotwash`,
		kind: 'action-due',
		id: r.id,
		title: `${actionLabel(r.number)} due: ${shorten(r.action, 100)}`,
		date: r.due_date,
		start: null,
		end: null,
		timeZone: null,
		state: actionState(r.status, r.due_date, today),
		cancelledReason: null,
		href: `/lessons/actions/${r.id}`,
		mine: r.owner_id === user.id,
		stamp: r.updated_at,
		sequence: r.revision,
		drill: null
	}));
}

function shorten(text: string, max: number): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
