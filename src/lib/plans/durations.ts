import { z } from 'zod';

// Deadlines as people say them: `30m`, `4h`, `72h`, `1 month`, `4 business days`. Stored in
// the unit they were given in, so a deadline reads back the way the law or the plan says it.

export const durationUnits = ['minutes', 'hours', 'days', 'business-days', 'months'] as const;
export type DurationUnit = (typeof durationUnits)[number];

/** No notification deadline in a plan is longer than a year; anything longer is a typo. */
export const MAX_DURATION_MINUTES = 366 * 24 * 60;

const APPROX_MINUTES: Record<DurationUnit, number> = {
	minutes: 1,
	hours: 60,
	days: 1440,
	// A business day is at least a calendar day; a month at most 31 days.
	'business-days': 1440,
	months: 31 * 1440
};

export type Duration = { amount: number; unit: DurationUnit };

// A year in each unit: 12 months is a year even though 12 × 31 days is not.
const MAX_AMOUNT: Record<DurationUnit, number> = {
	minutes: MAX_DURATION_MINUTES,
	hours: MAX_DURATION_MINUTES / 60,
	days: 366,
	'business-days': 262,
	months: 12
};

export const durationSchema: z.ZodType<Duration> = z
	.object({
		amount: z.number().int('Use a whole number.').positive('Use a positive duration.'),
		unit: z.enum(durationUnits)
	})
	.refine((d) => d.amount <= MAX_AMOUNT[d.unit], {
		message: 'A deadline can be at most a year.',
		path: ['amount']
	});

/**
 * The duration in minutes, a month counted as 31 days and a business day as one: for
 * ordering deadlines and rough comparisons, never for when one falls (see deadlineFrom).
 */
export function approxMinutes(d: Duration): number {
	return d.amount * APPROX_MINUTES[d.unit];
}

const UNIT_WORDS: [RegExp, DurationUnit][] = [
	[/^(m|min|mins|minute|minutes)$/, 'minutes'],
	[/^(h|hr|hrs|hour|hours)$/, 'hours'],
	[/^(d|day|days)$/, 'days'],
	[/^(bd|business[- ]?days?|working[- ]?days?)$/, 'business-days'],
	[/^(mo|month|months)$/, 'months']
];

export type DurationParse = { ok: true; duration: Duration } | { ok: false; message: string };

/** Reads `30m`, `4h`, `72 hours`, `1 month`, `4 business days` (case and spaces free). */
export function parseDuration(text: string): DurationParse {
	const source = text.trim().toLowerCase().replace(/\s+/g, ' ');
	const match = /^(\d{1,6}) ?([a-z][a-z -]*)$/.exec(source);
	if (!match)
		return {
			ok: false,
			message: 'Write a number and a unit, e.g. 30m, 4h, 72h, 3 days, 1 month or 4 business days.'
		};
	const unit = UNIT_WORDS.find(([pattern]) => pattern.test(match[2].trim()))?.[1];
	if (!unit)
		return {
			ok: false,
			message: `Unknown unit "${match[2].trim()}": use m, h, days, business days or months.`
		};
	const duration = { amount: Number(match[1]), unit };
	const checked = durationSchema.safeParse(duration);
	if (!checked.success) return { ok: false, message: checked.error.issues[0].message };
	return { ok: true, duration: checked.data };
}

/** The short form people type: `30m`, `4h`, `3 days`, `1 month`, `4 business days`. */
export function formatDuration(d: Duration): string {
	switch (d.unit) {
		case 'minutes':
			return `${d.amount}m`;
		case 'hours':
			return `${d.amount}h`;
		case 'days':
			return `${d.amount} ${d.amount === 1 ? 'day' : 'days'}`;
		case 'business-days':
			return `${d.amount} business ${d.amount === 1 ? 'day' : 'days'}`;
		case 'months':
			return `${d.amount} ${d.amount === 1 ? 'month' : 'months'}`;
	}
}

/** A legacy deadline in whole minutes, in the largest unit that keeps it exact. */
export function durationFromMinutes(minutes: number): Duration {
	if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
	return { amount: minutes, unit: 'minutes' };
}

/**
 * When a deadline falls, counted from its anchor: calendar months stay on the same day of
 * the month (clamped to its end), business days skip Saturdays and Sundays (UTC).
 */
export function deadlineFrom(anchor: Date, d: Duration): Date {
	const t = new Date(anchor.getTime());
	switch (d.unit) {
		case 'minutes':
		case 'hours':
		case 'days':
			return new Date(anchor.getTime() + approxMinutes(d) * 60_000);
		case 'months': {
			const day = t.getUTCDate();
			t.setUTCDate(1);
			t.setUTCMonth(t.getUTCMonth() + d.amount);
			const lastDay = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
			t.setUTCDate(Math.min(day, lastDay));
			return t;
		}
		case 'business-days': {
			let left = d.amount;
			while (left > 0) {
				t.setUTCDate(t.getUTCDate() + 1);
				const weekday = t.getUTCDay();
				if (weekday !== 0 && weekday !== 6) left--;
			}
			return t;
		}
	}
}
