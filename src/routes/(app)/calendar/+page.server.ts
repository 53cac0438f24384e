import { NotFoundError } from '$lib/server/errors';
import { action, page } from '$lib/server/http/route';
import { calendarEntries, calendarFilterFrom } from '$lib/server/programme/calendar';
import { createFeed, feedStatus, revokeFeed } from '$lib/server/programme/feed';
import { gridRange, isMonthKey, monthOf } from '$lib/programme/calendar-month';
import { toWallTime } from '$lib/zoned-time';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// Past and planned drills, plan review dates and corrective actions due, as a month grid or a
// list, filtered through the address (works without JavaScript); and the user's own feed.
export const load: PageServerLoad = page('calendar.view', async (event, user) => {
	const params = event.url.searchParams;
	const now = new Date();
	const today = now.toISOString().slice(0, 10);
	const asked = params.get('month');
	const month = isMonthKey(asked) ? asked : monthOf(today);
	const view: 'month' | 'list' = params.get('view') === 'list' ? 'list' : 'month';
	const filter = calendarFilterFrom(params);
	const [calendar, feed] = await Promise.all([
		calendarEntries(db(), user, gridRange(month), filter, now),
		feedStatus(db(), user.id)
	]);
	return {
		month,
		view,
		today,
		filter: { kinds: filter.kinds ?? [], states: filter.states ?? [], mine: !!filter.mine },
		truncated: calendar.truncated,
		entries: calendar.entries.map((e) => ({
			uid: e.uid,
			kind: e.kind,
			title: e.title,
			date: e.date,
			// A team drill over a window shows on every day it is open.
			lastDate:
				e.drill?.mode === 'async' && e.end
					? toWallTime(e.end, e.timeZone ?? 'UTC').slice(0, 10)
					: e.date,
			time: e.start ? toWallTime(e.start, e.timeZone ?? 'UTC').slice(11) : null,
			timeZone: e.timeZone,
			state: e.state,
			cancelledReason: e.cancelledReason,
			href: e.href,
			mine: e.mine,
			mode: e.drill?.mode ?? null
		})),
		feed
	};
});

export const actions: Actions = {
	createFeed: action('calendar.view', async (event, { user, actor }) => {
		const created = await db()
			.transaction()
			.execute((trx) => createFeed(trx, actor, user.id, new Date()));
		return {
			ok: true,
			message: created.replaced
				? 'New feed address made: the old one no longer works.'
				: 'Feed address made.',
			feedUrl: `${event.url.origin}/calendar/feed/${created.token}.ics`
		};
	}),
	revokeFeed: action('calendar.view', async (_event, { user, actor }) => {
		const revoked = await db()
			.transaction()
			.execute((trx) => revokeFeed(trx, actor, user.id));
		if (!revoked) throw new NotFoundError('You have no calendar feed.');
		return { ok: true, message: 'Feed stopped: its address no longer works.' };
	})
};
