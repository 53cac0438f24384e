import type { AnsweredPrompt } from '../../drills/results';

// How the after-action report writes dates, scenario times and answers. Fixed English month
// names and UTC, not the host's locale: the same data must give the same bytes anywhere.

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

const pad = (n: number) => String(n).padStart(2, '0');

/** "12 March 2026". */
export function longDate(value: Date | string | null | undefined): string {
	if (!value) return 'not recorded';
	const d =
		typeof value === 'string'
			? new Date(value.length === 10 ? `${value}T00:00:00Z` : value)
			: value;
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "12 March 2026, 09:00 UTC". */
export function longDateTime(value: Date | string | null | undefined): string {
	if (!value) return 'not recorded';
	const d = typeof value === 'string' ? new Date(value) : value;
	return `${longDate(d)}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** Scenario time as an offset from the start: "T+01:05" (hours and minutes). */
export function offset(ms: number | null | undefined): string {
	if (ms === null || ms === undefined) return '—';
	const sign = ms < 0 ? '−' : '+';
	const minutes = Math.round(Math.abs(ms) / 60_000);
	return `T${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A duration in words: "2 h 5 min", "45 min", "under a minute". */
export function duration(ms: number | null | undefined): string {
	if (ms === null || ms === undefined) return '—';
	const minutes = Math.round(ms / 60_000);
	if (minutes < 1) return 'under a minute';
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return h ? (m ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

/** "PT3H30M" → "3 h 30 min". */
export function isoDuration(iso: string): string {
	const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?/.exec(iso);
	if (!m) return iso;
	const minutes = Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
	return duration(minutes * 60_000);
}

export const percent = (share: number | null) =>
	share === null ? 'not assessed' : `${Math.round(share * 100)}%`;

export const points = (n: number | null) =>
	n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1);

/** "1 corrective action", "3 corrective actions". */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b and c". */
export function listInWords(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the team answered, in words: the options picked, the text, the severity and who was told. */
export function answerInWords(p: AnsweredPrompt): string {
	if (!p.answer) return p.asked ? 'No answer.' : 'Not asked.';
	if (p.choices) {
		const picked = p.choices.filter((c) => c.picked).map((c) => c.text);
		return picked.length ? picked.join('; ') : 'Nothing chosen.';
	}
	if ('text' in p.answer) return p.answer.text;
	if (p.notification) {
		const told = p.notification.lines.filter((l) => l.notified).map((l) => l.stakeholder);
		return `Declared ${p.notification.declared}; notified ${told.length ? listInWords(told) : 'nobody'}.`;
	}
	return '—';
}

/** "12 of 20 points", "awaiting a grade", "unanswered". */
export function scoreInWords(p: AnsweredPrompt): string {
	if (p.status === 'unanswered') return `0 of ${points(p.max)} points (unanswered)`;
	if (p.points === null) return 'awaiting a grade';
	const base = `${points(p.points)} of ${points(p.max)} points`;
	return p.override ? `${base} (set by ${p.override.byName})` : base;
}
