import { z } from 'zod';
import { isCalendarDate } from '../../../dates';
import { frameworks } from '../../../programme/catalogue';
import { addMonths } from '../../../programme/requirement-status';
import { InvalidInputError } from '../../errors';

// What an evidence pack covers, from the query string or a form: a period of whole days
// (UTC calendar dates, both ends included) and the frameworks. Without a period the pack
// covers the 12 months ending today; without frameworks, those switched on. `today` comes
// from the caller, so nothing here reads the clock.

export type EvidencePackParams = {
	/** First day of the period, YYYY-MM-DD. */
	from: string;
	/** Last day of the period (included), YYYY-MM-DD; never after today. */
	to: string;
	/** Catalogue ids, in the catalogue's order. */
	frameworks: string[];
};

export const DEFAULT_PERIOD_MONTHS = 12;
/** Longer periods make packs nobody reads, and HIPAA's six-year retention is not a period. */
export const MAX_PERIOD_MONTHS = 36;

const calendarDate = (what: string) =>
	z
		.string()
		.trim()
		.max(10, `give the ${what} as a date, e.g. 2026-12-01`)
		.refine(isCalendarDate, `give the ${what} as a date, e.g. 2026-12-01`);

const schema = z.object({
	from: calendarDate('start').optional(),
	to: calendarDate('end').optional(),
	frameworks: z.string().max(1000, 'list at most a few framework ids').optional()
});

const DAY_MS = 86_400_000;
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (d: string, n: number) => day(new Date(utc(d).getTime() + n * DAY_MS));
/** The day before the same date `months` later: a period of exactly that many months. */
const monthsFrom = (from: string, months: number) =>
	plusDays(day(addMonths(utc(from), months)), -1);
const monthsTo = (to: string, months: number) => plusDays(day(addMonths(utc(to), -months)), 1);

/** A query string's values, or an object's; empty values count as not given. */
function readRaw(input: URLSearchParams | Record<string, unknown>) {
	const get = (key: string) => {
		const v = input instanceof URLSearchParams ? input.get(key) : input[key];
		if (v === null || v === undefined) return undefined;
		if (typeof v === 'string' && v.trim() === '') return undefined;
		return Array.isArray(v) ? v.join(',') : v;
	};
	return { from: get('from'), to: get('to'), frameworks: get('frameworks') };
}

const knownIds = frameworks.map((f) => f.id);

function parseFrameworks(text: string | undefined, enabled: readonly string[]): string[] {
	const given = (text ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (given.length > knownIds.length)
		throw new InvalidInputError(
			`List at most ${knownIds.length} frameworks, each once.`,
			'frameworks'
		);
	const unknown = given.find((id) => !knownIds.includes(id));
	if (unknown !== undefined)
		throw new InvalidInputError(
			`No framework "${unknown.slice(0, 40)}": choose among ${knownIds.join(', ')}.`,
			'frameworks'
		);
	const chosen = given.length ? given : enabled.filter((id) => knownIds.includes(id));
	if (chosen.length === 0)
		throw new InvalidInputError(
			'No framework is switched on: choose the frameworks the pack should cover.',
			'frameworks'
		);
	return knownIds.filter((id) => chosen.includes(id));
}

/**
 * The pack's parameters, or InvalidInputError naming the field (from, to or frameworks).
 * `today` is the caller's calendar date (YYYY-MM-DD); `enabled` the frameworks switched on.
 */
export function readEvidencePackParams(
	input: URLSearchParams | Record<string, unknown>,
	options: { today: string; enabled: readonly string[] }
): EvidencePackParams {
	const parsed = schema.safeParse(readRaw(input));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = String(issue.path[0] ?? 'from');
		const message =
			issue.code === 'invalid_type' ? `give the ${field} as text` : (issue.message ?? 'invalid');
		throw new InvalidInputError(`${message[0].toUpperCase()}${message.slice(1)}.`, field);
	}
	const { today } = options;
	const raw = parsed.data;
	if (raw.from && raw.from > today)
		throw new InvalidInputError(`The period starts after today (${today}).`, 'from');
	const to =
		raw.to ?? (raw.from ? minDay(monthsFrom(raw.from, DEFAULT_PERIOD_MONTHS), today) : today);
	const from = raw.from ?? monthsTo(to, DEFAULT_PERIOD_MONTHS);
	if (to > today)
		throw new InvalidInputError(
			`The period ends on ${today} at the latest: evidence cannot come from the future.`,
			'to'
		);
	if (to < from) throw new InvalidInputError('The end of the period comes before its start.', 'to');
	const latestEnd = monthsFrom(from, MAX_PERIOD_MONTHS);
	if (to > latestEnd)
		throw new InvalidInputError(
			`A pack covers at most ${MAX_PERIOD_MONTHS / 12} years: end the period by ${latestEnd} or start it later.`,
			'to'
		);
	return { from, to, frameworks: parseFrameworks(raw.frameworks, options.enabled) };
}

const minDay = (a: string, b: string) => (a < b ? a : b);

/** The query string of a pack's parameters (for links and the report run's record). */
export function evidencePackQuery(p: EvidencePackParams): string {
	return new URLSearchParams({
		from: p.from,
		to: p.to,
		frameworks: p.frameworks.join(',')
	}).toString();
}
