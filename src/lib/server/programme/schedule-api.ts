import { addDays } from '../../programme/calendar-month';
import { InvalidInputError } from '../errors';
import { checkRange, type CalendarEntry, type CalendarRange } from './calendar';

// GET /api/v1/schedule: the drills in a range of dates, as the API answers them (camelCase).

const PARAMS = new Set(['from', 'to', 'mine']);
const DEFAULT_DAYS = 30;

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD&mine=1: from today for 30 days by default; strict. */
export function scheduleQueryFrom(
	params: URLSearchParams,
	today: string
): { range: CalendarRange; mine: boolean } {
	for (const name of params.keys())
		if (!PARAMS.has(name)) throw new InvalidInputError(`Unknown parameter “${name}”.`, name);
	const from = params.get('from') ?? today;
	const to = params.get('to') ?? (params.has('from') ? from : addDays(today, DEFAULT_DAYS));
	const mine = params.get('mine');
	if (mine !== null && mine !== '1' && mine !== '0')
		throw new InvalidInputError('Give mine=1 or mine=0.', 'mine');
	return { range: checkRange(from, to), mine: mine === '1' };
}

export function scheduledDrillObject(e: CalendarEntry) {
	const d = e.drill!;
	return {
		id: e.id,
		uid: e.uid,
		title: e.title,
		mode: d.mode,
		status: d.status,
		state: e.state,
		date: e.date,
		startsAt: e.start!.toISOString(),
		endsAt: e.end!.toISOString(),
		scheduledAt: d.scheduledAt?.toISOString() ?? null,
		timeZone: e.timeZone,
		durationMinutes: d.durationMinutes,
		windowEndsAt: d.windowEndsAt?.toISOString() ?? null,
		startedAt: d.startedAt?.toISOString() ?? null,
		endedAt: d.endedAt?.toISOString() ?? null,
		seriesId: d.seriesId,
		occurrenceKey: d.occurrenceKey,
		cancelledReason: e.cancelledReason,
		mine: e.mine,
		href: e.href
	};
}
