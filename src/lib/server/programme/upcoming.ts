import type { Kysely } from 'kysely';
import { formatInZone, toWallTime } from '../../zoned-time';
import type { Database, DrillMemberKind, DrillMode } from '../db/schema';

// The dashboard's "Upcoming drills": the planned drills a user is in (as participant,
// observer or facilitator: a lead sees those they facilitate) in the next two weeks, with a
// reminder for those starting within a day; and the team drills over a window open now,
// which wait for the user's answers until the window closes.

export const UPCOMING_DAYS = 14;
const REMINDER_MS = 24 * 3_600_000;

export type UpcomingDrill = {
	id: string;
	title: string;
	mode: DrillMode;
	scheduledAt: Date;
	timeZone: string;
	windowEndsAt: Date | null;
	kind: DrillMemberKind;
	seriesId: string | null;
	/** Starts within the next 24 hours: the reminder. */
	soon: boolean;
	/** A team drill over a window that is open now: "answer by" its close. */
	openUntil: string | null;
	/** "Tue 5 Jan 2027, 10:00 (Europe/London)". */
	when: string;
	/** "Tomorrow 10:00 (Europe/London)", "Today 15:30 (…)": how the reminder says it. */
	reminder: string;
};

/** Today / Tomorrow / the date, and the time, in the drill's zone. */
export function reminderText(at: Date, timeZone: string, now: Date): string {
	const day = (d: Date) => toWallTime(d, timeZone).slice(0, 10);
	const time = toWallTime(at, timeZone).slice(11);
	const tomorrow = new Date(now.getTime() + 86_400_000);
	const which =
		day(at) === day(now)
			? 'Today'
			: day(at) === day(tomorrow)
				? 'Tomorrow'
				: new Intl.DateTimeFormat('en-GB', {
						timeZone,
						weekday: 'short',
						day: 'numeric',
						month: 'short'
					})
						.format(at)
						.replace(',', '');
	return `${which} ${time} (${timeZone})`;
}

export async function upcomingDrillsFor(
	db: Kysely<Database>,
	user: { id: string },
	now: Date
): Promise<UpcomingDrill[]> {
	const until = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000);
	const rows = await db
		.selectFrom('drills as d')
		.innerJoin('drill_members as m', (j) =>
			j.onRef('m.drill_id', '=', 'd.id').on('m.user_id', '=', user.id)
		)
		.select([
			'd.id',
			'd.title',
			'd.mode',
			'd.scheduled_at',
			'd.time_zone',
			'd.window_ends_at',
			'd.series_id',
			'd.status',
			'm.kind'
		])
		.where((eb) =>
			eb.or([
				eb.and([
					eb('d.status', '=', 'draft'),
					eb('d.scheduled_at', '>=', new Date(now.getTime() - 3_600_000)),
					eb('d.scheduled_at', '<=', until)
				]),
				eb.and([eb('d.mode', '=', 'async'), eb('d.status', '=', 'running')])
			])
		)
		.orderBy('d.scheduled_at')
		.limit(50)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		mode: r.mode,
		scheduledAt: r.scheduled_at!,
		timeZone: r.time_zone ?? 'UTC',
		windowEndsAt: r.window_ends_at,
		kind: r.kind,
		seriesId: r.series_id,
		soon: r.status === 'draft' && r.scheduled_at!.getTime() - now.getTime() <= REMINDER_MS,
		openUntil:
			r.status === 'running' && r.window_ends_at
				? formatInZone(r.window_ends_at, r.time_zone ?? 'UTC')
				: null,
		when: formatInZone(r.scheduled_at!, r.time_zone ?? 'UTC'),
		reminder: reminderText(r.scheduled_at!, r.time_zone ?? 'UTC', now)
	}));
}
