import * as rruleModule from 'rrule';
import type { RRule as RRuleType, Options } from 'rrule';
import { fromWallTime, isTimeZone, isWallTime, type WallTime } from '../zoned-time';

// Recurring drills: an RFC 5545 RRULE over local wall time in a time zone. The rule is
// expanded with the rrule package over "floating" dates (the wall time written as if it were
// UTC), so a drill at 10:00 in Europe/London stays at 10:00 across daylight-saving changes;
// each occurrence's wall time then becomes an instant with fromWallTime (RFC 5545's reading
// of skipped and repeated local times). Rules are bounded: nothing finer than daily, no
// hour/minute parts (the time of day is the series' own), at most MAX_PER_HORIZON
// occurrences in any HORIZON_MONTHS.

// rrule ships CommonJS to Node (named exports missing under ESM) and ESM to bundlers.
const { RRule } = (
	'RRule' in rruleModule ? rruleModule : (rruleModule as { default: unknown }).default
) as {
	RRule: typeof RRuleType;
};

export const HORIZON_MONTHS = 13;
export const MAX_PER_HORIZON = 60;
const MAX_RULE_LENGTH = 300;

export class RecurrenceError extends Error {
	readonly field = 'rrule';
	constructor(message: string) {
		super(message);
		this.name = 'RecurrenceError';
	}
}

export type Recurrence = {
	/** The rule without DTSTART, e.g. FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU. */
	rrule: string;
	/** The first occurrence's local wall time, `YYYY-MM-DDTHH:MM`. */
	startsLocal: WallTime;
	timeZone: string;
};

export type Occurrence = {
	/** The occurrence's local start as the rule gives it: its stable key within the series. */
	key: WallTime;
	at: Date;
};

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;

const intList = (value: string, min: number, max: number, zeroOk = false) =>
	value.split(',').every((v) => {
		if (!/^[+-]?\d{1,3}$/.test(v)) return false;
		const n = Number(v);
		return n >= min && n <= max && (zeroOk || n !== 0);
	});

const partChecks: Record<string, (value: string) => string | null> = {
	FREQ: (v) =>
		(FREQS as readonly string[]).includes(v)
			? null
			: ['SECONDLY', 'MINUTELY', 'HOURLY'].includes(v)
				? 'A drill repeats at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.'
				: `FREQ=${v} is not a frequency: use DAILY, WEEKLY, MONTHLY or YEARLY.`,
	INTERVAL: (v) => (/^\d{1,3}$/.test(v) && +v >= 1 && +v <= 120 ? null : 'INTERVAL is 1 to 120.'),
	COUNT: (v) => (/^\d{1,3}$/.test(v) && +v >= 1 && +v <= 500 ? null : 'COUNT is 1 to 500.'),
	UNTIL: (v) =>
		/^\d{8}(T\d{6}Z?)?$/.test(v) && isWallTime(untilWall(v))
			? null
			: 'UNTIL is a date like 20271231 (or 20271231T235959Z).',
	BYDAY: (v) =>
		v.split(',').every((d) => {
			const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
			return m && (!m[1] || (Math.abs(+m[1]) >= 1 && Math.abs(+m[1]) <= 53));
		})
			? null
			: 'BYDAY lists days such as MO, TU or 1TU (the first Tuesday), -1FR (the last Friday).',
	BYMONTHDAY: (v) =>
		intList(v, -31, 31) ? null : 'BYMONTHDAY lists days 1 to 31 (or -1 for the last).',
	BYMONTH: (v) => (intList(v, 1, 12) ? null : 'BYMONTH lists months 1 to 12.'),
	BYSETPOS: (v) => (intList(v, -366, 366) ? null : 'BYSETPOS lists positions such as 1 or -1.'),
	WKST: (v) => ((DAYS as readonly string[]).includes(v) ? null : 'WKST is a day such as MO.')
};

/** `20271231` or `20271231T235959Z` as a wall time (minutes kept). */
function untilWall(value: string): string {
	const d = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
	return value.length > 8 ? `${d}T${value.slice(9, 11)}:${value.slice(11, 13)}` : `${d}T23:59`;
}

/**
 * The rule, checked and written in one canonical form (upper case, no `RRULE:` prefix, UNTIL
 * as a floating local date-time), or a RecurrenceError saying what is wrong with it.
 */
export function normaliseRule(input: unknown): string {
	if (typeof input !== 'string' || !input.trim())
		throw new RecurrenceError('Give the rule, e.g. FREQ=MONTHLY;BYDAY=1TU.');
	if (input.length > MAX_RULE_LENGTH)
		throw new RecurrenceError(`Keep the rule under ${MAX_RULE_LENGTH} characters.`);
	const text = input
		.trim()
		.replace(/^RRULE:/i, '')
		.toUpperCase();
	if (/DTSTART|TZID|\n/.test(text))
		throw new RecurrenceError(
			'Give the rule alone: the start and time zone are fields of their own.'
		);
	const parts = new Map<string, string>();
	for (const part of text.split(';').filter(Boolean)) {
		const m = /^([A-Z]+)=([A-Z0-9,+\-T]+)$/.exec(part);
		if (!m) throw new RecurrenceError(`"${part}" is not a KEY=VALUE part of a rule.`);
		const [, key, value] = m;
		if (['BYHOUR', 'BYMINUTE', 'BYSECOND'].includes(key))
			throw new RecurrenceError(`${key} is not used: the time of day is the drill's start time.`);
		const check = partChecks[key];
		if (!check) throw new RecurrenceError(`${key} is not supported in a drill's rule.`);
		if (parts.has(key)) throw new RecurrenceError(`${key} is given twice.`);
		const problem = check(value);
		if (problem) throw new RecurrenceError(problem);
		parts.set(key, key === 'UNTIL' ? untilWall(value).replace(/[-:]/g, '') + '00' : value);
	}
	if (!parts.has('FREQ')) throw new RecurrenceError('The rule needs a FREQ, e.g. FREQ=WEEKLY.');
	if (parts.has('COUNT') && parts.has('UNTIL'))
		throw new RecurrenceError('Give COUNT or UNTIL, not both.');
	if (parts.has('BYSETPOS') && !['BYDAY', 'BYMONTHDAY', 'BYMONTH'].some((k) => parts.has(k)))
		throw new RecurrenceError('BYSETPOS picks among BYDAY, BYMONTHDAY or BYMONTH days: add one.');
	const order = [
		'FREQ',
		'INTERVAL',
		'BYMONTH',
		'BYMONTHDAY',
		'BYDAY',
		'BYSETPOS',
		'WKST',
		'COUNT',
		'UNTIL'
	];
	return order
		.filter((k) => parts.has(k))
		.map((k) => `${k}=${parts.get(k)}`)
		.join(';');
}

/** A wall time as a floating date (the wall time read as UTC), as rrule works in. */
function floating(wall: WallTime): Date {
	return new Date(`${wall}:00Z`);
}
const wallOf = (d: Date): WallTime => d.toISOString().slice(0, 16);

function ruleOf(rrule: string, startsLocal: WallTime): RRuleType {
	const options: Partial<Options> = RRule.parseString(normaliseRule(rrule));
	if (options.until) {
		// UNTIL is stored floating (local): read it as such, like the occurrences.
		options.until = floating(wallOf(options.until));
	}
	return new RRule({ ...options, dtstart: floating(startsLocal) });
}

function check(r: Recurrence): void {
	if (!isWallTime(r.startsLocal))
		throw new RecurrenceError('Give the first occurrence as a date and time.');
	if (!isTimeZone(r.timeZone))
		throw new RecurrenceError('Choose a time zone such as Europe/London.');
}

/** The instant `months` calendar months later (UTC). */
export function addMonthsUtc(d: Date, months: number): Date {
	const out = new Date(d);
	out.setUTCMonth(out.getUTCMonth() + months);
	return out;
}

/**
 * Checks a rule against its start: well-formed, at most daily, at most MAX_PER_HORIZON
 * occurrences in the first HORIZON_MONTHS, and at least one occurrence. Returns the
 * canonical rule text.
 */
export function checkRecurrence(r: Recurrence): string {
	check(r);
	const rrule = normaliseRule(r.rrule);
	const rule = ruleOf(rrule, r.startsLocal);
	const end = addMonthsUtc(floating(r.startsLocal), HORIZON_MONTHS);
	let count = 0;
	rule.all((d) => {
		if (d > end) return false;
		count += 1;
		return count <= MAX_PER_HORIZON;
	});
	if (count > MAX_PER_HORIZON)
		throw new RecurrenceError(
			`This rule gives more than ${MAX_PER_HORIZON} drills in ${HORIZON_MONTHS} months: repeat less often.`
		);
	if (count === 0 && !rule.after(floating(r.startsLocal), true))
		throw new RecurrenceError('This rule never gives a date from the start on.');
	return rrule;
}

/**
 * The occurrences whose instant falls in [from, to], in order, at most `limit` of them (a
 * guard: a checked rule gives far fewer in any horizon).
 */
export function expand(r: Recurrence, range: { from: Date; to: Date }, limit = 400): Occurrence[] {
	check(r);
	const rule = ruleOf(r.rrule, r.startsLocal);
	// Floating dates differ from instants by the zone's offset: widen by a day each side.
	const day = 86_400_000;
	const out: Occurrence[] = [];
	const after = new Date(range.from.getTime() - day);
	const before = new Date(range.to.getTime() + day);
	rule.between(after, before, true, (d) => {
		const key = wallOf(d);
		const at = fromWallTime(key, r.timeZone);
		if (at >= range.from && at <= range.to) out.push({ key, at });
		return out.length < limit;
	});
	return out;
}

/** The rule in words, e.g. "every 3 months on the 1st Tuesday at 10:00 (Europe/London)". */
export function describeRule(r: Recurrence): string {
	const rule = ruleOf(r.rrule, r.startsLocal);
	const words = rule.isFullyConvertibleToText() ? rule.toText() : `repeating by ${r.rrule}`;
	return `${words}, at ${r.startsLocal.slice(11)} (${r.timeZone})`;
}

export const presets = [
	'weekly',
	'fortnightly',
	'monthly-weekday',
	'monthly-day',
	'quarterly',
	'yearly'
] as const;
export type Preset = (typeof presets)[number];

const ordinals = ['first', 'second', 'third', 'fourth', 'last'];
const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The weekday of a wall time's date (0 Monday) and its place in the month (1–4, or -1 last). */
function weekdayPlace(startsLocal: WallTime): { day: number; nth: number } {
	const d = floating(startsLocal);
	const day = (d.getUTCDay() + 6) % 7;
	const nth = Math.ceil(d.getUTCDate() / 7);
	return { day, nth: nth >= 5 ? -1 : nth };
}

/** The rule of a preset, fitted to the first occurrence (its weekday, day of month). */
export function presetRule(preset: Preset, startsLocal: WallTime): string {
	const { day, nth } = weekdayPlace(startsLocal);
	const byDay = `${nth}${DAYS[day]}`;
	switch (preset) {
		case 'weekly':
			return `FREQ=WEEKLY;BYDAY=${DAYS[day]}`;
		case 'fortnightly':
			return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${DAYS[day]}`;
		case 'monthly-weekday':
			return `FREQ=MONTHLY;BYDAY=${byDay}`;
		case 'monthly-day':
			return `FREQ=MONTHLY;BYMONTHDAY=${Number(startsLocal.slice(8, 10))}`;
		case 'quarterly':
			return `FREQ=MONTHLY;INTERVAL=3;BYDAY=${byDay}`;
		case 'yearly':
			return 'FREQ=YEARLY';
	}
}

/** How each preset reads for a first occurrence, for the form's choices. */
export function presetLabel(preset: Preset, startsLocal?: WallTime): string {
	const place = startsLocal && isWallTime(startsLocal) ? weekdayPlace(startsLocal) : null;
	const weekday = place ? dayNames[place.day] : 'weekday';
	const nth = place ? ordinals[place.nth === -1 ? 4 : place.nth - 1] : 'same';
	const dayOfMonth =
		startsLocal && isWallTime(startsLocal) ? Number(startsLocal.slice(8, 10)) : 'N';
	const labels: Record<Preset, string> = {
		weekly: `Every week (on ${weekday})`,
		fortnightly: `Every 2 weeks (on ${weekday})`,
		'monthly-weekday': `Every month on the ${nth} ${weekday}`,
		'monthly-day': `Every month on day ${dayOfMonth}`,
		quarterly: `Every 3 months on the ${nth} ${weekday}`,
		yearly: 'Every year on the same date'
	};
	return labels[preset];
}

/** Adds an end date (inclusive, local) to a rule that has neither COUNT nor UNTIL. */
export function withUntil(rrule: string, untilDate: string): string {
	if (/(^|;)(COUNT|UNTIL)=/i.test(rrule))
		throw new RecurrenceError(
			'The rule already says when it ends (COUNT or UNTIL): leave the end date empty.'
		);
	return `${rrule};UNTIL=${untilDate.replace(/-/g, '')}T235900`;
}
