// Wall-clock time in an IANA time zone and the instants it names, with nothing but Intl, so
// that the server and the browser agree. Drills are planned as "10:00 in Europe/London" and
// stored as UTC instants; a series keeps its wall time across daylight-saving changes.

/** Local wall time as forms and series store it: `YYYY-MM-DDTHH:MM`. */
export type WallTime = string;

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		// Bounded: only zones that passed isTimeZone are cached, and there are ~600 of them.
		formatters.set(timeZone, f);
	}
	return f;
}

/** An IANA zone name this runtime knows, e.g. Europe/London or UTC. */
export function isTimeZone(value: unknown): value is string {
	if (typeof value !== 'string' || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value))
		return false;
	try {
		formatter(value);
		return true;
	} catch {
		return false;
	}
}

/** A `YYYY-MM-DDTHH:MM` that exists on the calendar (the zone may still skip it). */
export function isWallTime(value: unknown): value is WallTime {
	if (typeof value !== 'string') return false;
	const m = WALL_TIME.exec(value);
	if (!m) return false;
	const [y, mo, d, h, mi] = m.slice(1).map(Number);
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return false;
	return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The wall time as if it were UTC, in ms: the arithmetic base for zone offsets. */
function wallMs(wall: WallTime): number {
	const m = WALL_TIME.exec(wall);
	if (!m) throw new RangeError(`Not a wall time: ${wall}`);
	const [y, mo, d, h, mi] = m.slice(1).map(Number);
	return Date.UTC(y, mo - 1, d, h, mi);
}

/** The zone's offset from UTC at an instant, in ms (Europe/London in summer: 3 600 000). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const p of formatter(timeZone).formatToParts(instant))
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	const asUtc = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second
	);
	return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The wall time an instant shows in a zone. */
export function toWallTime(instant: Date, timeZone: string): WallTime {
	const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
	return local.toISOString().slice(0, 16);
}

/**
 * The instant a wall time names in a zone. As RFC 5545 reads local times: one that occurs
 * twice (clocks going back) is the first; one the zone skips (clocks going forward) is read
 * with the offset before the gap, so 01:30 on the spring-forward night in London is 02:30 BST.
 */
export function fromWallTime(wall: WallTime, timeZone: string): Date {
	const base = wallMs(wall);
	// The offsets in force a day either side cover any one transition near this wall time.
	const offsets = [
		...new Set([-86_400_000, 0, 86_400_000].map((d) => zoneOffsetMs(new Date(base + d), timeZone)))
	];
	const matches = offsets
		.map((offset) => base - offset)
		.filter((t) => toWallTime(new Date(t), timeZone) === wall);
	if (matches.length) return new Date(Math.min(...matches));
	return new Date(base - Math.min(...offsets));
}

/** "Tue 5 Jan 2027, 10:00 (Europe/London)": how a planned moment reads. */
export function formatInZone(instant: Date, timeZone: string, withZone = true): string {
	const text = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(instant);
	return withZone ? `${text} (${timeZone})` : text;
}
