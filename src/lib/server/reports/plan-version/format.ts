// Dates as the report prints them: in UTC, so the same run prints the same text wherever the
// server runs (same inputs, same bytes).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const asDate = (value: Date | string) =>
	typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
		? new Date(`${value}T00:00:00Z`)
		: new Date(value);

/** `27 Nov 2026`, or `—` when there is no date. */
export function day(value: Date | string | null | undefined): string {
	if (!value) return '—';
	const d = asDate(value);
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `27 Nov 2026, 14:03 UTC`, or `—`. */
export function moment(value: Date | string | null | undefined): string {
	if (!value) return '—';
	const d = asDate(value);
	const hh = String(d.getUTCHours()).padStart(2, '0');
	const mm = String(d.getUTCMinutes()).padStart(2, '0');
	return `${day(d)}, ${hh}:${mm} UTC`;
}

/** `Name, 27 Nov 2026`: who did it and when, or `—` when nobody did. */
export function byOn(name: string | null, at: Date | string | null): string {
	if (!name && !at) return '—';
	return [name ?? 'unknown', at ? day(at) : null].filter(Boolean).join(', ');
}
