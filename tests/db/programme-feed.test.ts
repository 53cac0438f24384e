import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { User } from '../../src/lib/server/db/schema';
import { createDrill } from '../../src/lib/server/drills/create';
import { cancel, end, start } from '../../src/lib/server/drills/lifecycle';
import { InvalidInputError } from '../../src/lib/server/errors';
import { createAction } from '../../src/lib/server/lessons/actions';
import type { LessonActor } from '../../src/lib/server/lessons/actor';
import { createFinding } from '../../src/lib/server/lessons/findings';
import {
	calendarEntries,
	checkRange,
	type CalendarFilter,
	type CalendarRange
} from '../../src/lib/server/programme/calendar';
import {
	createFeed,
	feedCalendar,
	feedOwner,
	feedStatus,
	markFeedRead,
	revokeFeed
} from '../../src/lib/server/programme/feed';
import { scheduleQueryFrom } from '../../src/lib/server/programme/schedule-api';
import { hashSecret } from '../../src/lib/server/auth/tokens';
import { actor, drillWorld, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// The calendar and each user's iCal feed: what a user may see (the drills list's rules, the
// improvement plan's, plan history's), and a feed a real parser reads with stable UIDs, UTC
// times right on both sides of a daylight-saving change, cancelled occurrences marked, and
// nobody else's drills. The feed's address is a secret kept only as its hash.

let h: DatabaseHandle;
let w: World;
const ORIGIN = 'https://hotwash.example';
/** The feed is read on 20 March 2027: London is still on GMT, New York already on EDT. */
const NOW = new Date('2027-03-20T12:00:00Z');
const CREATED = new Date('2027-03-01T09:00:00Z');
const ALL_ROLES = ['ic', 'soc-analyst', 'it-ops', 'legal', 'dpo', 'comms-lead', 'executive'];

const ids = {
	gmt: '',
	bst: '',
	newYork: '',
	cancelled: '',
	private: '',
	ended: '',
	lateNight: '',
	taraAction: '',
	samAction: ''
};
let planId = '';
let reviewDate = '';

const who = (u: User): LessonActor => ({ id: u.id, role: u.role, label: u.email, ip: null });

function scheduled(
	at: string,
	timeZone: string,
	people: { participants?: { userId: string; roles: string[] }[]; observers?: string[] } = {}
) {
	return tx(h.db, (trx) =>
		createDrill(
			trx,
			actor(w.lead),
			{
				scenarioId: 'ransomware-double-extortion',
				mode: 'live',
				participants: people.participants ?? [
					{ userId: w.tara.id, roles: ['ic', 'soc-analyst'] },
					{ userId: w.sam.id, roles: ['it-ops', 'legal', 'dpo', 'comms-lead', 'executive'] }
				],
				observers: people.observers ?? [],
				schedule: { at: new Date(at), timeZone, durationMinutes: 60 }
			},
			CREATED
		)
	).then((r) => r.drillId);
}

async function actionOwnedBy(owner: User, findingId: string, dueDate: string) {
	const created = await tx(h.db, (trx) =>
		createAction(
			trx,
			who(w.lead),
			findingId,
			{
				action: `Runbook for ${owner.display_name}`,
				element: 'planning',
				organisation: 'SOC',
				ownerId: owner.id,
				startDate: '2027-03-02',
				dueDate
			},
			CREATED
		)
	);
	return created.id;
}

beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
	// 10:00 in London before and after the clocks go forward (28 March 2027).
	ids.gmt = await scheduled('2027-03-25T10:00:00Z', 'Europe/London');
	ids.bst = await scheduled('2027-04-01T09:00:00Z', 'Europe/London');
	// 09:00 in New York, on EDT since 14 March: 13:00 UTC.
	ids.newYork = await scheduled('2027-03-30T13:00:00Z', 'America/New_York');
	ids.cancelled = await scheduled('2027-04-06T09:00:00Z', 'Europe/London');
	// 00:30 in London on 3 April (BST) is still 2 April in UTC.
	ids.lateNight = await scheduled('2027-04-02T23:30:00Z', 'Europe/London');
	ids.private = await scheduled('2027-03-26T10:00:00Z', 'Europe/London', {
		participants: [{ userId: w.sam.id, roles: ALL_ROLES }]
	});
	// A drill only Sam was in, run and ended: auditors read every ended drill.
	ids.ended = await scheduled('2027-03-10T10:00:00Z', 'Europe/London', {
		participants: [{ userId: w.sam.id, roles: ALL_ROLES }]
	});
	await tx(h.db, (trx) => start(trx, actor(w.lead), ids.ended, new Date('2027-03-10T10:00:00Z')));
	await tx(h.db, (trx) => end(trx, actor(w.lead), ids.ended, new Date('2027-03-10T10:40:00Z')));

	const finding = await tx(h.db, (trx) =>
		createFinding(
			trx,
			who(w.lead),
			{
				kind: 'area_for_improvement',
				source: { drillId: ids.ended },
				objectiveId: 'obj-contain',
				title: 'Containment took too long',
				observation: 'The VPN stayed open.',
				referenceSectionKey: 'escalation',
				analysis: 'Nobody owned the kill switch.',
				recommendation: 'Name an owner.'
			},
			CREATED
		)
	);
	ids.taraAction = await actionOwnedBy(w.tara, finding.id, '2027-04-10');
	ids.samAction = await actionOwnedBy(w.sam, finding.id, '2027-04-12');

	// The demo plan's version in force is due for review a year after its approval (relative to
	// the real clock: approved versions never change, so the tests read the date it has).
	const approved = await h.db
		.selectFrom('plan_versions')
		.select(['plan_id', 'next_review_date'])
		.where('status', '=', 'approved')
		.executeTakeFirstOrThrow();
	planId = approved.plan_id;
	reviewDate = approved.next_review_date!;
});
afterAll(() => h.close());

type ParsedEvent = {
	uid: string;
	summary: string;
	description: string;
	start: Date;
	end: Date | null;
	allDay: boolean;
	date: string;
	status: string | null;
	sequence: number;
	stamp: Date;
};

function parseFeed(text: string): Map<string, ParsedEvent> {
	const calendar = new ICAL.Component(ICAL.parse(text));
	const events = new Map<string, ParsedEvent>();
	for (const component of calendar.getAllSubcomponents('vevent')) {
		const event = new ICAL.Event(component);
		const stamp = component.getFirstPropertyValue('dtstamp') as ICAL.Time;
		events.set(event.uid, {
			uid: event.uid,
			summary: event.summary,
			description: event.description,
			start: event.startDate.toJSDate(),
			end: event.endDate ? event.endDate.toJSDate() : null,
			allDay: event.startDate.isDate,
			date: event.startDate.toString().slice(0, 10),
			status: (component.getFirstPropertyValue('status') as string | null) ?? null,
			sequence: event.sequence,
			stamp: stamp.toJSDate()
		});
	}
	return events;
}

const feedOf = async (u: User, now = NOW) =>
	feedCalendar(h.db, { id: u.id, role: u.role, displayName: u.display_name }, ORIGIN, now);
const drillUid = (id: string) => `drill-${id}@hotwash`;
const MARCH_APRIL: CalendarRange = { from: '2027-03-01', to: '2027-04-30' };
const entriesFor = (u: User, filter: CalendarFilter = {}, range = MARCH_APRIL) =>
	calendarEntries(h.db, u, range, filter, NOW).then((r) => r.entries);

describe('the iCal feed', () => {
	it('holds the drills the user is in with UTC times right on both sides of a DST change', async () => {
		const events = parseFeed(await feedOf(w.tara));
		const gmt = events.get(drillUid(ids.gmt))!;
		expect(gmt.start.toISOString()).toBe('2027-03-25T10:00:00.000Z');
		expect(gmt.end!.toISOString()).toBe('2027-03-25T11:00:00.000Z');
		expect(events.get(drillUid(ids.bst))!.start.toISOString()).toBe('2027-04-01T09:00:00.000Z');
		expect(events.get(drillUid(ids.newYork))!.start.toISOString()).toBe('2027-03-30T13:00:00.000Z');
		expect(gmt.allDay).toBe(false);
		expect(gmt.status).toBe('CONFIRMED');
	});

	it('writes UTC DTSTART and DTEND, never a floating or zoned time', async () => {
		const text = await feedOf(w.tara);
		const starts = text.split(/\r?\n/).filter((l) => l.startsWith('DTSTART'));
		expect(starts.length).toBeGreaterThan(0);
		for (const line of starts) expect(line).toMatch(/^DTSTART(:\d{8}T\d{6}Z|;VALUE=DATE:\d{8})$/);
		const bst = parseFeed(text).get(drillUid(ids.bst))!;
		expect(bst.description).toContain('Planned for Thu, 1 Apr 2027, 10:00 (Europe/London).');
	});

	it('leaves out drills the user is not in, even ended ones an auditor may read', async () => {
		const events = parseFeed(await feedOf(w.tara));
		expect(events.has(drillUid(ids.private))).toBe(false);
		expect(events.has(drillUid(ids.ended))).toBe(false);
		const auditor = parseFeed(await feedOf(w.auditor));
		expect(auditor.has(drillUid(ids.ended))).toBe(false);
		expect(parseFeed(await feedOf(w.sam)).has(drillUid(ids.private))).toBe(true);
	});

	it('gives the same bytes and UIDs for the same data, read twice', async () => {
		const first = await feedOf(w.tara);
		const second = await feedOf(w.tara);
		expect(second).toBe(first);
		expect([...parseFeed(second).keys()]).toEqual([...parseFeed(first).keys()]);
	});

	it('holds the user’s own corrective actions as all-day entries, not anybody else’s', async () => {
		const events = parseFeed(await feedOf(w.tara));
		const mine = events.get(`action-${ids.taraAction}@hotwash`)!;
		expect(mine.allDay).toBe(true);
		expect(mine.date).toBe('2027-04-10');
		expect(events.has(`action-${ids.samAction}@hotwash`)).toBe(false);
		// A lead reads every action on the calendar page, but the feed holds only their own.
		expect(parseFeed(await feedOf(w.lead)).has(`action-${ids.taraAction}@hotwash`)).toBe(false);
	});

	it('holds plan review dates for plan editors only', async () => {
		const uid = `plan-review-${planId}@hotwash`;
		const then = new Date(`${reviewDate}T12:00:00Z`);
		const lead = parseFeed(await feedOf(w.lead, then)).get(uid)!;
		expect(lead.date).toBe(reviewDate);
		expect(lead.allDay).toBe(true);
		expect(parseFeed(await feedOf(w.tara, then)).has(uid)).toBe(false);
		expect(parseFeed(await feedOf(w.auditor, then)).has(uid)).toBe(false);
	});

	it('marks a cancelled drill cancelled, keeps its UID and moves its SEQUENCE and DTSTAMP on', async () => {
		const before = parseFeed(await feedOf(w.tara)).get(drillUid(ids.cancelled))!;
		const cancelledAt = new Date('2027-03-20T11:00:00Z');
		await tx(h.db, (trx) => cancel(trx, actor(w.lead), ids.cancelled, cancelledAt));
		const after = parseFeed(await feedOf(w.tara)).get(drillUid(ids.cancelled))!;
		expect(after.status).toBe('CANCELLED');
		expect(after.summary).toMatch(/^Cancelled: /);
		expect(after.start).toEqual(before.start);
		expect(after.sequence).toBeGreaterThan(before.sequence);
		expect(after.stamp.toISOString()).toBe(cancelledAt.toISOString());
		expect(before.stamp.toISOString()).toBe(CREATED.toISOString());
	});

	it('gives an occurrence of a series a UID from its series and occurrence, not its row', async () => {
		const series = await h.db
			.insertInto('drill_series')
			.values({
				title: 'Quarterly ransomware',
				mode: 'live',
				scenario_id: 'ransomware-double-extortion',
				plan_id: null,
				rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU',
				starts_local: '2027-04-06T10:00',
				time_zone: 'Europe/London',
				duration_minutes: 60,
				people: JSON.stringify({ facilitators: [], participants: [], observers: [] }),
				pacing: null,
				created_by: w.lead.id
			})
			.returning(['id', 'revision'])
			.executeTakeFirstOrThrow();
		const { drillId } = await tx(h.db, (trx) =>
			createDrill(
				trx,
				actor(w.lead),
				{
					scenarioId: 'ransomware-double-extortion',
					mode: 'live',
					participants: [{ userId: w.tara.id, roles: ALL_ROLES }],
					schedule: {
						at: new Date('2027-04-13T09:00:00Z'),
						timeZone: 'Europe/London',
						series: { id: series.id, occurrenceKey: '2027-04-13T10:00' }
					}
				},
				CREATED
			)
		);
		const events = parseFeed(await feedOf(w.tara));
		const occurrence = events.get(`drill-${series.id}-20270413T1000@hotwash`)!;
		expect(occurrence.start.toISOString()).toBe('2027-04-13T09:00:00.000Z');
		expect(events.has(drillUid(drillId))).toBe(false);
		expect(occurrence.sequence).toBeGreaterThanOrEqual(series.revision * 1000);
	});
});

describe('the feed address', () => {
	it('is kept only as its hash, opens the owner’s feed, and is audited', async () => {
		const auditBefore = await h.db.selectFrom('audit_log').select('seq').execute();
		const { token, replaced } = await tx(h.db, (trx) =>
			createFeed(trx, actor(w.tara), w.tara.id, NOW)
		);
		expect(replaced).toBe(false);
		expect(token).toMatch(/^[a-z2-7]{52}$/);
		const row = await h.db
			.selectFrom('calendar_feeds')
			.selectAll()
			.where('user_id', '=', w.tara.id)
			.executeTakeFirstOrThrow();
		expect(row.token_hash).toBe(hashSecret(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(await feedOwner(h.db, token)).toMatchObject({ id: w.tara.id, role: 'trainee' });
		const entries = await h.db
			.selectFrom('audit_log')
			.select(['action', 'target_id'])
			.where('seq', '>', auditBefore.length)
			.execute();
		expect(entries).toEqual([{ action: 'calendar_feed.created', target_id: w.tara.id }]);
	});

	it('stops opening the feed once regenerated or stopped', async () => {
		const first = await tx(h.db, (trx) => createFeed(trx, actor(w.sam), w.sam.id, NOW));
		const second = await tx(h.db, (trx) => createFeed(trx, actor(w.sam), w.sam.id, NOW));
		expect(second.replaced).toBe(true);
		expect(await feedOwner(h.db, first.token)).toBeNull();
		expect((await feedOwner(h.db, second.token))?.id).toBe(w.sam.id);
		expect(await tx(h.db, (trx) => revokeFeed(trx, actor(w.sam), w.sam.id))).toBe(true);
		expect(await feedOwner(h.db, second.token)).toBeNull();
		expect(await tx(h.db, (trx) => revokeFeed(trx, actor(w.sam), w.sam.id))).toBe(false);
		const actions = await h.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_id', '=', w.sam.id)
			.where('action', 'like', 'calendar_feed.%')
			.orderBy('seq')
			.execute();
		expect(actions.map((a) => a.action)).toEqual([
			'calendar_feed.created',
			'calendar_feed.regenerated',
			'calendar_feed.revoked'
		]);
	});

	it('answers nothing for a malformed or unknown token, or a disabled account', async () => {
		expect(await feedOwner(h.db, 'short')).toBeNull();
		expect(await feedOwner(h.db, 'a'.repeat(52))).toBeNull();
		expect(await feedOwner(h.db, `${'a'.repeat(51)}1`)).toBeNull();
		const { token } = await tx(h.db, (trx) => createFeed(trx, actor(w.other), w.other.id, NOW));
		await h.db
			.updateTable('users')
			.set({ disabled_at: NOW })
			.where('id', '=', w.other.id)
			.execute();
		expect(await feedOwner(h.db, token)).toBeNull();
	});

	it('notes reads at most once an hour', async () => {
		await tx(h.db, (trx) => createFeed(trx, actor(w.lead), w.lead.id, NOW));
		await markFeedRead(h.db, w.lead.id, NOW);
		await markFeedRead(h.db, w.lead.id, new Date(NOW.getTime() + 10 * 60_000));
		expect((await feedStatus(h.db, w.lead.id))?.lastReadAt?.toISOString()).toBe(NOW.toISOString());
		const later = new Date(NOW.getTime() + 2 * 3_600_000);
		await markFeedRead(h.db, w.lead.id, later);
		expect((await feedStatus(h.db, w.lead.id))?.lastReadAt?.toISOString()).toBe(
			later.toISOString()
		);
	});
});

describe('the calendar', () => {
	const uids = (entries: { uid: string }[]) => entries.map((e) => e.uid);

	it('shows a trainee only the drills they are in and the actions they own', async () => {
		const entries = await entriesFor(w.tara);
		expect(uids(entries)).toContain(drillUid(ids.gmt));
		expect(uids(entries)).not.toContain(drillUid(ids.private));
		expect(uids(entries)).not.toContain(drillUid(ids.ended));
		expect(uids(entries)).toContain(`action-${ids.taraAction}@hotwash`);
		expect(uids(entries)).not.toContain(`action-${ids.samAction}@hotwash`);
		expect(entries.some((e) => e.kind === 'plan-review')).toBe(false);
	});

	it('shows an auditor every ended drill, every action and plan reviews, read-only', async () => {
		const entries = await entriesFor(w.auditor);
		expect(uids(entries)).toContain(drillUid(ids.ended));
		expect(uids(entries)).not.toContain(drillUid(ids.private));
		expect(uids(entries)).toContain(`action-${ids.samAction}@hotwash`);
		const reviews = await entriesFor(w.auditor, {}, { from: reviewDate, to: reviewDate });
		expect(uids(reviews)).toContain(`plan-review-${planId}@hotwash`);
		const trainee = await entriesFor(w.tara, {}, { from: reviewDate, to: reviewDate });
		expect(uids(trainee)).not.toContain(`plan-review-${planId}@hotwash`);
	});

	it('shows a lead everything, and narrows to their own with “mine”', async () => {
		const all = uids(await entriesFor(w.lead));
		expect(all).toEqual(
			expect.arrayContaining([drillUid(ids.private), drillUid(ids.ended), drillUid(ids.gmt)])
		);
		const mine = await entriesFor(w.lead, { mine: true });
		// The lead facilitates every drill here, owns no action, and edits plans.
		expect(mine.every((e) => e.mine)).toBe(true);
		expect(mine.some((e) => e.kind === 'action-due')).toBe(false);
		const reviews = await entriesFor(w.lead, { mine: true }, { from: reviewDate, to: reviewDate });
		expect(uids(reviews)).toContain(`plan-review-${planId}@hotwash`);
	});

	it('filters by kind and by state', async () => {
		const actions = await entriesFor(w.lead, { kinds: ['action-due'] });
		expect(actions.length).toBe(2);
		expect(actions.every((e) => e.kind === 'action-due')).toBe(true);
		const done = await entriesFor(w.lead, { states: ['done'] });
		expect(uids(done)).toEqual([drillUid(ids.ended)]);
	});

	it('puts a drill on the date it falls on in its own time zone', async () => {
		const late = (await entriesFor(w.tara)).find((e) => e.id === ids.lateNight)!;
		expect(late.date).toBe('2027-04-03');
		const onlyThird = await entriesFor(w.tara, {}, { from: '2027-04-03', to: '2027-04-03' });
		expect(uids(onlyThird)).toContain(drillUid(ids.lateNight));
		const onlySecond = await entriesFor(w.tara, {}, { from: '2027-04-02', to: '2027-04-02' });
		expect(uids(onlySecond)).not.toContain(drillUid(ids.lateNight));
	});

	it('calls a draft whose time has passed overdue, and a planned one planned', async () => {
		const entries = await entriesFor(w.lead);
		expect(entries.find((e) => e.id === ids.gmt)!.state).toBe('planned');
		const past = await calendarEntries(
			h.db,
			w.lead,
			MARCH_APRIL,
			{},
			new Date('2027-03-26T12:00:00Z')
		);
		expect(past.entries.find((e) => e.id === ids.gmt)!.state).toBe('overdue');
	});

	it('refuses a range that is backwards, too long or not made of dates, naming the field', () => {
		const field = (fn: () => unknown) => {
			try {
				fn();
			} catch (e) {
				expect(e).toBeInstanceOf(InvalidInputError);
				return (e as InvalidInputError).field;
			}
			return 'accepted';
		};
		expect(field(() => checkRange('2027-02-30', '2027-03-01'))).toBe('from');
		expect(field(() => checkRange('2027-03-01', '2027-02-01'))).toBe('to');
		expect(field(() => checkRange('2027-01-01', '2028-02-05'))).toBe('to');
		expect(field(() => checkRange('2027-01-01', '2028-02-04'))).toBe('accepted');
	});
});

describe('the schedule API’s query', () => {
	const q = (s: string) => scheduleQueryFrom(new URLSearchParams(s), '2027-03-20');

	it('reads from today for thirty days by default', () => {
		expect(q('')).toEqual({ range: { from: '2027-03-20', to: '2027-04-19' }, mine: false });
		expect(q('from=2027-05-01&mine=1')).toEqual({
			range: { from: '2027-05-01', to: '2027-05-01' },
			mine: true
		});
	});

	it('refuses unknown parameters and bad values', () => {
		expect(() => q('since=2027-01-01')).toThrow(InvalidInputError);
		expect(() => q('mine=yes')).toThrow(InvalidInputError);
		expect(() => q('from=2027-01-01&to=2029-01-01')).toThrow(InvalidInputError);
	});
});
