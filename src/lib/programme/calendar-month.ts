// Calendar months as plain dates (YYYY-MM-DD, no time zone), for the calendar page's grid and
// the ranges it asks the server for. Weeks start on Monday (ISO 8601).

/** A month as the calendar page names it in its address: `YYYY-MM`. */
export type MonthKey = string;

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// Far enough for any plan; near enough that a year's arithmetic never leaves four digits.
const MIN_YEAR = 1970;
const MAX_YEAR = 9000;

/** A `YYYY-MM` from 1970 to 9000. */
export function isMonthKey(value: unknown): value is MonthKey {
	if (typeof value !== 'string') return false;
	const m = MONTH.exec(value);
	if (!m) return false;
	const [y, mo] = [Number(m[1]), Number(m[2])];
	return y >= MIN_YEAR && y <= MAX_YEAR && mo >= 1 && mo <= 12;
}

/** A `YYYY-MM-DD` that exists on the calendar, from 1970 to 9000. */
export function isDateOnly(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = DATE.exec(value);
	if (!m) return false;
	const [y, mo, d] = m.slice(1).map(Number);
	if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const dateMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `days` after (or before) `date`. */
export function addDays(date: string, days: number): string {
	return isoDate(dateMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
	return Math.round((dateMs(to) - dateMs(from)) / DAY_MS);
}

export const monthOf = (date: string): MonthKey => date.slice(0, 7);

/** The month `n` months after (or before) `month`. */
export function addMonths(month: MonthKey, n: number): MonthKey {
	const [y, m] = month.split('-').map(Number);
	const d = new Date(Date.UTC(y, m - 1 + n, 1));
	return d.toISOString().slice(0, 7);
}

/** "March 2027". */
export function monthTitle(month: MonthKey): string {
	const [y, m] = month.split('-').map(Number);
	return new Intl.DateTimeFormat('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** "Tue 5 Jan": a date as a list heading reads it. */
export function dayTitle(date: string): string {
	return new Intl.DateTimeFormat('en-GB', {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		timeZone: 'UTC'
	}).format(new Date(dateMs(date)));
}

export type GridDay = { date: string; inMonth: boolean };

/**
 * The weeks a month grid shows: from the Monday on or before the 1st to the Sunday on or
 * after the last day, so every row is a whole week.
 */
export function monthGrid(month: MonthKey): GridDay[][] {
	const first = `${month}-01`;
	const last = addDays(`${addMonths(month, 1)}-01`, -1);
	const weekday = (date: string) => (new Date(dateMs(date)).getUTCDay() + 6) % 7; // Monday 0
	const start = addDays(first, -weekday(first));
	const end = addDays(last, 6 - weekday(last));
	const weeks: GridDay[][] = [];
	for (let d = start; d <= end; d = addDays(d, 7)) {
		weeks.push(
			Array.from({ length: 7 }, (_, i) => {
				const date = addDays(d, i);
				return { date, inMonth: monthOf(date) === month };
			})
		);
	}
	return weeks;
}

/** The first and last date a month grid shows. */
export function gridRange(month: MonthKey): { from: string; to: string } {
	const weeks = monthGrid(month);
	return { from: weeks[0][0].date, to: weeks[weeks.length - 1][6].date };
}
