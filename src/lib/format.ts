/** Dates as people read them in a report: UTC, to the minute, unambiguous. */
export function formatDateTime(value: Date | string | null | undefined): string {
	if (!value) return '—';
	const d = typeof value === 'string' ? new Date(value) : value;
	return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
