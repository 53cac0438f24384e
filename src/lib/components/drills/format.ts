// How drill times read on every drill screen: scenario time as a clock from the start of the
// exercise ("T+01:05:30"), spans as people say them ("4 min 20 s").

const two = (n: number) => String(n).padStart(2, '0');

/** Scenario time as `T+HH:MM:SS` (or `T−…` before the start). */
export function scenarioClock(ms: number): string {
	const sign = ms < 0 ? '−' : '+';
	const total = Math.floor(Math.abs(ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	return `T${sign}${two(h)}:${two(m)}:${two(s)}`;
}

/** A span of time for reading aloud: "45 s", "4 min 20 s", "2 h 5 min", "3 d 2 h". */
export function span(ms: number): string {
	const total = Math.max(0, Math.round(ms / 1000));
	if (total < 60) return `${total} s`;
	const minutes = Math.floor(total / 60);
	if (minutes < 60) return total % 60 ? `${minutes} min ${total % 60} s` : `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
	const days = Math.floor(hours / 24);
	return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** A countdown as a clock: "4:05", "1:02:05". */
export function countdown(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Real time of day in UTC, for "received at" lines: "14:05 UTC". */
export function timeOfDay(iso: string | Date | null | undefined): string {
	if (!iso) return '—';
	const d = typeof iso === 'string' ? new Date(iso) : iso;
	return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/** Points without trailing zeros: 7.5, 10. */
export function points(n: number | null | undefined): string {
	if (n === null || n === undefined || !Number.isFinite(n)) return '—';
	return String(Math.round(n * 100) / 100);
}
