import { z } from 'zod';
import { InvalidFormError, InvalidInputError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import type { PlannedWhen } from '$lib/server/programme/occurrences';
import { presetRule, presets, RecurrenceError, withUntil } from '$lib/programme/recurrence';
import { isTimeZone, isWallTime, toWallTime } from '$lib/zoned-time';
import { isCalendarDate } from '$lib/dates';

// The "When" part of the drill forms: unscheduled or at a local date and time in a zone
// (the browser's zone by default, through a hidden field JavaScript fills; UTC without it),
// a live drill's length and "starts by itself", a team drill's window and pacing, and
// "Repeats" (a preset fitted to the first date, or a custom RRULE, with an optional end).

let zones: string[] | undefined;
/** Every IANA zone this server knows, UTC first. */
export function timeZoneChoices(): string[] {
	zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
	return zones;
}

const scheduleSchema = z.object({
	when: z.enum(['now', 'at'], 'Choose when the drill runs.').default('now'),
	scheduledAt: z.string().max(20).default(''),
	timeZone: z.string().max(64).default(''),
	browserTimeZone: z.string().max(64).default(''),
	durationMinutes: z.string().max(8).default(''),
	autoStart: z.string().max(10).optional(),
	windowEndsAt: z.string().max(20).default(''),
	pacing: z.string().max(10).default(''),
	repeat: z.enum(['none', ...presets, 'custom'], 'Choose how it repeats.').default('none'),
	rrule: z.string().max(400, 'Keep the rule under 400 characters.').default(''),
	repeatUntil: z.string().max(10).default('')
});

export type FormPlan = {
	when: PlannedWhen;
	/** The rule when the drill repeats (checked with the series). */
	rrule: string | null;
};

/** The zone chosen, else the browser's, else UTC. */
function zoneOf(input: { timeZone: string; browserTimeZone: string }): string {
	if (input.timeZone) return input.timeZone;
	return isTimeZone(input.browserTimeZone) ? input.browserTimeZone : 'UTC';
}

/** Reads the When and Repeats fields; `mode` decides which of them apply. */
export function readPlan(form: FormData, mode: string, allowRepeat = true): FormPlan {
	const input = formFields(form, scheduleSchema);
	const planned = mode === 'async' || input.when === 'at';
	const errors: Record<string, string> = {};
	const repeat = input.repeat === 'none' || !allowRepeat ? null : input.repeat;
	const repeats = repeat !== null;
	if (!planned) {
		if (repeats) errors.repeat = 'A repeating drill needs the date and time of its first one.';
		if (Object.keys(errors).length) throw new InvalidFormError(errors);
		return { when: { kind: 'unscheduled' }, rrule: null };
	}
	let durationMinutes: number | undefined;
	if (mode === 'live' && input.durationMinutes.trim()) {
		durationMinutes = Number(input.durationMinutes);
		if (!Number.isInteger(durationMinutes))
			errors.durationMinutes = 'Give the length in whole minutes, or leave it empty.';
	}
	let rrule: string | null = null;
	if (repeat) {
		if (repeat === 'custom') rrule = input.rrule.trim();
		else if (repeat && isWallTime(input.scheduledAt)) rrule = presetRule(repeat, input.scheduledAt);
		else rrule = 'FREQ=WEEKLY'; // the missing start is reported on its own field
		if (input.repeatUntil.trim()) {
			if (!isCalendarDate(input.repeatUntil.trim()))
				errors.repeatUntil = 'Give the last date like 2027-12-31, or leave it empty.';
			else
				try {
					rrule = withUntil(rrule, input.repeatUntil.trim());
				} catch (e) {
					if (!(e instanceof RecurrenceError)) throw e;
					errors.repeatUntil = e.message;
				}
		}
	}
	if (Object.keys(errors).length) throw new InvalidFormError(errors);
	return {
		when: {
			kind: 'at',
			scheduledAt: input.scheduledAt,
			timeZone: zoneOf(input),
			...(mode === 'async'
				? {
						windowEndsAt: input.windowEndsAt,
						pacing: (['clock', 'answered'] as const).find((p) => p === input.pacing)
					}
				: { durationMinutes, autoStart: input.autoStart === 'on' })
		},
		rrule
	};
}

/** A RecurrenceError is an error on the rule's field of the form. */
export function rethrowRecurrence(e: unknown): never {
	if (e instanceof RecurrenceError) throw new InvalidInputError(e.message, 'rrule');
	throw e;
}

/** The form's When values for a planned drill (the shape `echo` gives). */
export function planValues(schedule: {
	scheduledAt: Date | null;
	timeZone: string | null;
	durationMinutes: number | null;
	autoStart: boolean;
	windowEndsAt: Date | null;
	pacing: string | null;
}): Record<string, string[]> {
	if (!schedule.scheduledAt || !schedule.timeZone) return { when: ['now'] };
	const tz = schedule.timeZone;
	return {
		when: ['at'],
		scheduledAt: [toWallTime(schedule.scheduledAt, tz)],
		timeZone: [tz],
		durationMinutes: schedule.durationMinutes ? [String(schedule.durationMinutes)] : [],
		...(schedule.autoStart ? { autoStart: ['on'] } : {}),
		...(schedule.windowEndsAt ? { windowEndsAt: [toWallTime(schedule.windowEndsAt, tz)] } : {}),
		...(schedule.pacing ? { pacing: [schedule.pacing] } : {})
	};
}
