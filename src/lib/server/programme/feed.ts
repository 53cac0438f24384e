import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Kysely, Transaction } from 'kysely';
import { addDays } from '../../programme/calendar-month';
import { formatInZone } from '../../zoned-time';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import { hashSecret } from '../auth/tokens';
import type { Database } from '../db/schema';
import { calendarEntries, type CalendarEntry, type CalendarViewer } from './calendar';

// A user's personal calendar feed: a secret address (32 random bytes, base32) that calendar
// apps poll without signing in. Only the SHA-256 of the token is stored; regenerating it
// retires the old address at once. The feed holds the user's own calendar ("mine": the drills
// they are in, the actions they own, plan reviews for plan editors) as iCalendar, written so
// that the same data gives the same bytes: stable UIDs, DTSTAMP and SEQUENCE from the rows.

const TOKEN_PATTERN = /^[a-z2-7]{52}$/;
/** The feed covers a month back and a year ahead. */
const FEED_DAYS_BACK = 35;
const FEED_DAYS_AHEAD = 364;
/** Polls are frequent; last_read_at is for people, to the hour is enough. */
const READ_MARK_MS = 3_600_000;

export const feedTarget = (userId: string) => ({ type: 'calendar_feed', id: userId });

export function isWellFormedFeedToken(token: string): boolean {
	return TOKEN_PATTERN.test(token);
}

export type FeedStatus = { createdAt: Date; lastReadAt: Date | null } | null;

export async function feedStatus(db: Kysely<Database>, userId: string): Promise<FeedStatus> {
	const row = await db
		.selectFrom('calendar_feeds')
		.select(['created_at', 'last_read_at'])
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row ? { createdAt: row.created_at, lastReadAt: row.last_read_at } : null;
}

/**
 * Creates the user's feed, or replaces its token (the old address stops working), and returns
 * the new token: the only time it is ever shown.
 */
export async function createFeed(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	now: Date
): Promise<{ token: string; replaced: boolean }> {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	const token = encodeBase32LowerCaseNoPadding(bytes);
	const before = await trx
		.selectFrom('calendar_feeds')
		.select('user_id')
		.where('user_id', '=', userId)
		.forUpdate()
		.executeTakeFirst();
	await trx
		.insertInto('calendar_feeds')
		.values({ user_id: userId, token_hash: hashSecret(token), created_at: now, last_read_at: null })
		.onConflict((oc) =>
			oc.column('user_id').doUpdateSet({
				token_hash: hashSecret(token),
				created_at: now,
				last_read_at: null
			})
		)
		.execute();
	await audit.append(
		trx,
		actor,
		before ? 'calendar_feed.regenerated' : 'calendar_feed.created',
		feedTarget(userId)
	);
	return { token, replaced: !!before };
}

/** Stops the user's feed; false when there was none. */
export async function revokeFeed(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string
): Promise<boolean> {
	const result = await trx
		.deleteFrom('calendar_feeds')
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (Number(result.numDeletedRows) === 0) return false;
	await audit.append(trx, actor, 'calendar_feed.revoked', feedTarget(userId));
	return true;
}

export type FeedOwner = CalendarViewer & { displayName: string };

/** Whose feed a token opens: null for a malformed or unknown token, or a disabled account. */
export async function feedOwner(db: Kysely<Database>, token: string): Promise<FeedOwner | null> {
	if (!isWellFormedFeedToken(token)) return null;
	const row = await db
		.selectFrom('calendar_feeds as f')
		.innerJoin('users as u', 'u.id', 'f.user_id')
		.select(['u.id', 'u.role', 'u.display_name', 'u.disabled_at'])
		.where('f.token_hash', '=', hashSecret(token))
		.executeTakeFirst();
	if (!row || row.disabled_at) return null;
	return { id: row.id, role: row.role, displayName: row.display_name };
}

/** Notes that the feed was read, at most once an hour (calendar apps poll often). */
export async function markFeedRead(db: Kysely<Database>, userId: string, now: Date) {
	await db
		.updateTable('calendar_feeds')
		.set({ last_read_at: now })
		.where('user_id', '=', userId)
		.where((eb) =>
			eb.or([
				eb('last_read_at', 'is', null),
				eb('last_read_at', '<', new Date(now.getTime() - READ_MARK_MS))
			])
		)
		.execute();
}

/** The user's calendar as iCalendar text; links point into the app at `origin`. */
export async function feedCalendar(
	db: Kysely<Database>,
	owner: FeedOwner,
	origin: string,
	now: Date
): Promise<string> {
	const today = now.toISOString().slice(0, 10);
	const { entries } = await calendarEntries(
		db,
		owner,
		{ from: addDays(today, -FEED_DAYS_BACK), to: addDays(today, FEED_DAYS_AHEAD) },
		{ mine: true },
		now
	);
	const calendar = ical({
		name: 'Hotwash',
		description: `Drills, plan reviews and corrective actions for ${owner.displayName}`,
		prodId: { company: 'Hotwash', product: 'calendar', language: 'EN' },
		ttl: 3600
	});
	for (const entry of entries) calendar.createEvent(eventOf(entry, origin));
	return calendar.toString();
}

function eventOf(entry: CalendarEntry, origin: string) {
	const url = `${origin}${entry.href}`;
	const base = {
		id: entry.uid,
		summary: entry.title,
		stamp: entry.stamp,
		sequence: entry.sequence,
		url,
		status: entry.state === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
	};
	if (!entry.start || !entry.end)
		return {
			...base,
			start: new Date(`${entry.date}T00:00:00Z`),
			allDay: true,
			description: url
		};
	const lines = [];
	if (entry.drill?.mode === 'async')
		lines.push('A team drill over a window: answer the prompts when you can before it closes.');
	if (entry.timeZone && entry.timeZone !== 'UTC')
		lines.push(`Planned for ${formatInZone(entry.start, entry.timeZone)}.`);
	if (entry.cancelledReason) lines.push(`Cancelled: ${entry.cancelledReason}`);
	lines.push(url);
	return {
		...base,
		summary: entry.state === 'cancelled' ? `Cancelled: ${entry.title}` : entry.title,
		start: entry.start,
		end: entry.end,
		description: lines.join('\n')
	};
}
