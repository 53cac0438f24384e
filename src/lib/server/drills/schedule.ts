import { durationMinutes, type Scenario } from '../../scenarios/schema';
import { isTimeZone } from '../../zoned-time';
import type { DrillMode, DrillPacing } from '../db/schema';
import { InvalidInputError } from '../errors';

// A drill planned for a moment: a live drill its facilitator starts at that time (or that
// starts by itself when set to), or a team drill over a window (mode 'async') whose scenario
// clock is stretched over the window and that starts and ends by itself.

export type DrillScheduleInput = {
	/** When it starts; for a team drill over a window, when the window opens. */
	at: Date;
	/** The IANA zone it was planned in, e.g. Europe/London. */
	timeZone: string;
	/** Live: the planned length shown in calendars; the scenario's duration by default. */
	durationMinutes?: number;
	/** Live: start at `at` without the facilitator. Team drills over a window always do. */
	autoStart?: boolean;
	/** Team drills over a window: when prompts close and the drill ends. */
	windowEndsAt?: Date;
	pacing?: DrillPacing;
	/** An occurrence of a recurring series. */
	series?: { id: string; occurrenceKey: string };
};

const HOUR = 3_600_000;
/** A window shorter than this gives nobody time to answer; longer is no longer one drill. */
export const MIN_WINDOW_MS = HOUR;
export const MAX_WINDOW_MS = 14 * 24 * HOUR;

const invalid = (message: string, field: string): never => {
	throw new InvalidInputError(message, field);
};

const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** The scenario's length in ms: its declared duration, or its last inject if that is later. */
export function scenarioLengthMs(scenario: Scenario): number {
	const declared = durationMinutes(scenario.duration) * 60_000;
	const last = Math.max(0, ...scenario.injects.map((i) => durationMinutes(i.at) * 60_000));
	return Math.max(declared, last, 60_000);
}

/**
 * The clock speed that plays the scenario over the window: slower than real time, so the last
 * inject is out before the window is. Fractional speeds exist for these drills only.
 */
export function stretchedSpeed(scenario: Scenario, windowMs: number): number {
	// The last inject comes at 90% of the window: the last prompts still get some time.
	return scenarioLengthMs(scenario) / (windowMs * 0.9);
}

export type ScheduleColumns = {
	scheduled_at?: Date;
	time_zone?: string;
	series_id?: string;
	occurrence_key?: string;
	duration_minutes?: number;
	auto_start?: boolean;
	window_ends_at?: Date;
	pacing?: DrillPacing;
	speed?: number;
};

/** The drills columns a schedule sets (after checking it), for the insert in createDrill. */
export function scheduleColumns(
	mode: DrillMode,
	schedule: DrillScheduleInput | undefined,
	scenario: Scenario
): ScheduleColumns {
	if (!schedule) {
		if (mode === 'async')
			invalid('A team drill over a window needs the time its window opens.', 'scheduledAt');
		return {};
	}
	if (mode === 'solo') invalid('Solo practice is not scheduled; assign it instead.', 'mode');
	if (!isDate(schedule.at)) invalid('Give the date and time the drill starts.', 'scheduledAt');
	if (!isTimeZone(schedule.timeZone))
		invalid('Choose a time zone such as Europe/London.', 'timeZone');
	const length = schedule.durationMinutes ?? Math.ceil(scenarioLengthMs(scenario) / 60_000);
	if (!Number.isInteger(length) || length < 5 || length > 20_160)
		invalid('Give a length between 5 minutes and 14 days.', 'durationMinutes');
	const series = schedule.series
		? { series_id: schedule.series.id, occurrence_key: schedule.series.occurrenceKey }
		: {};
	const base = {
		scheduled_at: schedule.at,
		time_zone: schedule.timeZone,
		...series
	};
	if (mode === 'live') {
		if (schedule.windowEndsAt || schedule.pacing)
			invalid('Only a team drill over a window has a window end and pacing.', 'mode');
		return { ...base, duration_minutes: length, auto_start: schedule.autoStart ?? false };
	}
	const end = schedule.windowEndsAt;
	if (!isDate(end)) return invalid('Give the time the window closes.', 'windowEndsAt');
	const windowMs = end.getTime() - schedule.at.getTime();
	if (windowMs < MIN_WINDOW_MS)
		invalid('The window must stay open at least an hour after it opens.', 'windowEndsAt');
	if (windowMs > MAX_WINDOW_MS) invalid('Keep the window to 14 days at most.', 'windowEndsAt');
	if (schedule.pacing !== 'clock' && schedule.pacing !== 'answered')
		invalid('Choose how injects are released.', 'pacing');
	return {
		...base,
		duration_minutes: Math.round(windowMs / 60_000),
		auto_start: true,
		window_ends_at: end,
		pacing: schedule.pacing,
		speed: stretchedSpeed(scenario, windowMs)
	};
}
