import { apiRoute } from '$lib/server/api/respond';
import { calendarEntries } from '$lib/server/programme/calendar';
import { scheduledDrillObject, scheduleQueryFrom } from '$lib/server/programme/schedule-api';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * The drills planned (or run) in a range the caller may see: ?from=YYYY-MM-DD&to=YYYY-MM-DD
 * (at most 400 days; from today for 30 days by default), ?mine=1 for the caller's own.
 */
export const GET: RequestHandler = apiRoute('calendar.view', async (event, user) => {
	const now = new Date();
	const { range, mine } = scheduleQueryFrom(event.url.searchParams, now.toISOString().slice(0, 10));
	const { entries, truncated } = await calendarEntries(
		db(),
		user,
		range,
		{ kinds: ['drill'], mine },
		now
	);
	return { from: range.from, to: range.to, truncated, drills: entries.map(scheduledDrillObject) };
});
