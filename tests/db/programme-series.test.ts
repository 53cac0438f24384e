import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { createDrill } from '../../src/lib/server/drills/create';
import { start } from '../../src/lib/server/drills/lifecycle';
import { drillPeople } from '../../src/lib/server/drills/people';
import { getDrill } from '../../src/lib/server/drills/rows';
import {
	ConflictError,
	ForbiddenError,
	InvalidFormError,
	InvalidInputError,
	NotFoundError
} from '../../src/lib/server/errors';
import { cancelPlanned, planDraft, topUpSeries } from '../../src/lib/server/programme/occurrences';
import {
	createSeries,
	editSeries,
	endSeries,
	seriesFor,
	type NewSeriesInput
} from '../../src/lib/server/programme/series';
import { upcomingDrillsFor } from '../../src/lib/server/programme/upcoming';
import { seedDemoSeries } from '../../src/lib/server/setup/demo-series';
import { actor, drillWorld, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// Recurring drills: a series' occurrences are draft drills made through a 13-month horizon;
// changing the series changes future occurrences only; one occurrence is adjusted on its own;
// ending the series cancels what is still to come. Every change is audited.

let h: DatabaseHandle;
let w: World;
beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
});
afterAll(() => h.close());

/** Friday 1 January 2027, 09:00 UTC. */
const NOW = new Date('2027-01-01T09:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

const quarterly = (extra: Partial<NewSeriesInput> = {}): NewSeriesInput => ({
	title: `Quarterly ransomware ${Math.random().toString(36).slice(2, 8)}`,
	mode: 'live',
	scenarioId: 'ransomware-double-extortion',
	scheduledAt: '2027-01-05T10:00',
	timeZone: 'Europe/London',
	rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU',
	participants: [{ userId: w.tara.id, roles: ['ic', 'soc-analyst'] }],
	observers: [w.auditor.id],
	...extra
});

const create = (input: NewSeriesInput, now = NOW, who = w.lead) =>
	tx(h.db, (trx) => createSeries(trx, actor(who), input, now));

const occurrences = (seriesId: string) =>
	h.db
		.selectFrom('drills')
		.select([
			'id',
			'occurrence_key',
			'scheduled_at',
			'status',
			'detached',
			'cancelled_reason',
			'auto_start',
			'duration_minutes',
			'window_ends_at',
			'pacing',
			'mode'
		])
		.where('series_id', '=', seriesId)
		.orderBy('scheduled_at')
		.execute();

const auditOf = (targetId: string, action: string) =>
	h.db
		.selectFrom('audit_log')
		.select(['detail', 'actor_id', 'actor_label'])
		.where('target_id', '=', targetId)
		.where('action', '=', action)
		.execute();

async function fieldOf(p: Promise<unknown>): Promise<Record<string, string>> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	if (e instanceof InvalidFormError) return e.fieldErrors;
	if (e instanceof InvalidInputError) return { [e.field ?? '']: e.message };
	throw e ?? new Error('expected a refusal');
}

describe('creating a series', () => {
	it('makes a draft drill for each occurrence of the next 13 months, at 10:00 London time', async () => {
		const { seriesId, drillIds } = await create(quarterly());
		const rows = await occurrences(seriesId);
		expect(rows.map((r) => r.occurrence_key)).toEqual([
			'2027-01-05T10:00',
			'2027-04-06T10:00',
			'2027-07-06T10:00',
			'2027-10-05T10:00',
			'2028-01-04T10:00'
		]);
		expect(drillIds).toHaveLength(5);
		// GMT in January, BST (UTC+1) from April to October.
		expect(rows.map((r) => r.scheduled_at!.toISOString().slice(0, 16))).toEqual([
			'2027-01-05T10:00',
			'2027-04-06T09:00',
			'2027-07-06T09:00',
			'2027-10-05T09:00',
			'2028-01-04T10:00'
		]);
		expect(rows.every((r) => r.status === 'draft' && !r.detached && !r.auto_start)).toBe(true);
		const people = await drillPeople(h.db, rows[2].id);
		expect(people.map((p) => [p.userId, p.kind]).sort()).toEqual(
			[
				[w.lead.id, 'facilitator'],
				[w.tara.id, 'participant'],
				[w.auditor.id, 'observer']
			].sort()
		);
		const [entry] = await auditOf(seriesId, 'series.created');
		expect(entry.detail).toMatchObject({
			occurrences: 5,
			rule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU'
		});
		expect(entry.actor_id).toBe(w.lead.id);
	});

	it('does not make occurrences that are already past', async () => {
		const { seriesId } = await create(quarterly({ scheduledAt: '2026-07-07T10:00' }));
		const keys = (await occurrences(seriesId)).map((r) => r.occurrence_key);
		expect(keys[0]).toBe('2027-01-05T10:00');
		expect(keys.every((k) => k! > '2027-01-01')).toBe(true);
	});

	it('names every bad field of the timing at once', async () => {
		expect(
			await fieldOf(
				create(
					quarterly({
						rrule: 'FREQ=HOURLY',
						scheduledAt: '2027-02-30T10:00',
						timeZone: 'Mars/Base'
					})
				)
			)
		).toEqual({
			scheduledAt: 'Give the date and time of the first drill.',
			timeZone: 'Choose a time zone such as Europe/London.'
		});
		expect(await fieldOf(create(quarterly({ rrule: 'FREQ=DAILY' })))).toEqual({
			rrule: expect.stringMatching(/more than 60/)
		});
		expect(await fieldOf(create(quarterly({ rrule: 'FREQ=WEEKLY;UNTIL=20261231' })))).toEqual({
			rrule: expect.stringMatching(/never gives a date/)
		});
		expect(
			await fieldOf(
				create(quarterly({ scheduledAt: '2026-01-06T10:00', rrule: 'FREQ=WEEKLY;UNTIL=20261231' }))
			)
		).toEqual({ rrule: expect.stringMatching(/no drill from now/) });
	});

	it('refuses a participant without a role, on the participant, and keeps nothing', async () => {
		const title = `No roles ${Date.now()}`;
		const e = await fieldOf(
			create(quarterly({ title, participants: [{ userId: w.tara.id, roles: ['no-such-role'] }] }))
		);
		expect(Object.keys(e)).toEqual(['participants.0.roles']);
		const left = await h.db
			.selectFrom('drill_series')
			.select('id')
			.where('title', '=', title)
			.execute();
		expect(left).toEqual([]);
	});

	it('is for leads and admins only', async () => {
		await expect(create(quarterly(), NOW, w.tara)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('gives each occurrence of a team drill over a window its own window', async () => {
		const { seriesId } = await create(
			quarterly({
				mode: 'async',
				rrule: 'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4',
				scheduledAt: '2027-01-31T09:00',
				windowEndsAt: '2027-02-02T17:00',
				pacing: 'answered'
			})
		);
		const rows = await occurrences(seriesId);
		// Months without a 31st are skipped.
		expect(rows.map((r) => r.occurrence_key!.slice(0, 10))).toEqual([
			'2027-01-31',
			'2027-03-31',
			'2027-05-31',
			'2027-07-31'
		]);
		for (const r of rows) {
			expect(r.mode).toBe('async');
			expect(r.pacing).toBe('answered');
			expect(r.window_ends_at!.getTime() - r.scheduled_at!.getTime()).toBe(56 * 3_600_000);
		}
	});
});

describe('the horizon', () => {
	it('is topped up once a day without making anything twice', async () => {
		const { seriesId } = await create(quarterly({ rrule: 'FREQ=MONTHLY;BYDAY=1TU' }));
		expect(await occurrences(seriesId)).toHaveLength(13);
		const again = await topUpSeries(h.db, NOW);
		expect(again.failed).toEqual([]);
		expect(await occurrences(seriesId)).toHaveLength(13);
		// Two months on (1 March), February's and March's first Tuesdays of 2028 come in.
		await topUpSeries(h.db, days(59));
		const rows = await occurrences(seriesId);
		expect(rows).toHaveLength(15);
		expect(new Set(rows.map((r) => r.occurrence_key)).size).toBe(15);
		const [entry] = await auditOf(seriesId, 'series.topped_up');
		expect(entry).toMatchObject({ actor_label: 'scheduler', actor_id: w.lead.id });
	});
});

describe('changing a series', () => {
	it('changes future occurrences only, leaving started, adjusted and cancelled ones alone', async () => {
		const s = await create(quarterly({ rrule: 'FREQ=MONTHLY;BYDAY=1TU' }));
		const [first, second, third, fourth] = await occurrences(s.seriesId);
		// The first runs; the second is moved on its own; the third is cancelled.
		await tx(h.db, (trx) => start(trx, actor(w.lead), first.id, new Date('2027-01-05T10:00Z')));
		await tx(h.db, (trx) =>
			planDraft(
				trx,
				actor(w.lead),
				second.id,
				{ kind: 'at', scheduledAt: '2027-02-03T15:00', timeZone: 'Europe/London' },
				NOW
			)
		);
		await tx(h.db, (trx) => cancelPlanned(trx, actor(w.lead), third.id, 'Office move', NOW));
		const later = new Date('2027-01-10T09:00Z');
		const changed = await tx(h.db, (trx) =>
			editSeries(
				trx,
				actor(w.admin),
				s.seriesId,
				1,
				{
					title: 'Monthly ransomware, afternoons',
					scheduledAt: '2027-01-05T14:00',
					timeZone: 'Europe/London',
					rrule: 'FREQ=MONTHLY;BYDAY=1TU',
					participants: [{ userId: w.sam.id, roles: ['ic'] }]
				},
				later
			)
		);
		const rows = await occurrences(s.seriesId);
		const byId = new Map(rows.map((r) => [r.id, r]));
		expect(byId.get(first.id)?.status).toBe('running');
		expect(byId.get(second.id)?.scheduled_at?.toISOString()).toBe('2027-02-03T15:00:00.000Z');
		expect(byId.get(second.id)?.detached).toBe(true);
		expect(byId.get(third.id)).toMatchObject({
			status: 'cancelled',
			cancelled_reason: 'Office move'
		});
		expect(byId.has(fourth.id)).toBe(false);
		// The future drafts are made again at 14:00, with the new people.
		const remade = rows.filter((r) => r.occurrence_key!.endsWith('14:00'));
		expect(remade.length).toBe(changed.made);
		expect(remade[0].occurrence_key).toBe('2027-02-02T14:00');
		const people = await drillPeople(h.db, remade[0].id);
		expect(people.find((p) => p.kind === 'participant')?.userId).toBe(w.sam.id);
		// The series' lead still facilitates, though an admin made the change.
		expect(people.filter((p) => p.kind === 'facilitator').map((p) => p.userId)).toEqual([
			w.lead.id
		]);
		expect((await getDrill(h.db, remade[0].id))?.title).toBe('Monthly ransomware, afternoons');
		const [entry] = await auditOf(s.seriesId, 'series.updated');
		expect(entry.detail).toMatchObject({
			revision: 2,
			removed: changed.removed,
			made: changed.made
		});
	});

	it('refuses a change made from a stale revision', async () => {
		const s = await create(quarterly());
		const change = (revision: number) =>
			tx(h.db, (trx) =>
				editSeries(
					trx,
					actor(w.lead),
					s.seriesId,
					revision,
					{
						scheduledAt: '2027-01-05T11:00',
						timeZone: 'Europe/London',
						rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU',
						participants: [{ userId: w.tara.id, roles: ['ic'] }]
					},
					NOW
				)
			);
		await change(1);
		const e = await change(1).catch((err: unknown) => err);
		expect(e).toBeInstanceOf(ConflictError);
		expect((e as ConflictError).field).toBe('revision');
	});

	it('lets one of two simultaneous changes through and refuses the other', async () => {
		const s = await create(quarterly());
		const input = {
			scheduledAt: '2027-01-05T12:00',
			timeZone: 'Europe/London',
			rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU',
			participants: [{ userId: w.tara.id, roles: ['ic'] }]
		};
		const results = await Promise.allSettled([
			tx(h.db, (trx) => editSeries(trx, actor(w.lead), s.seriesId, 1, input, NOW)),
			tx(h.db, (trx) => editSeries(trx, actor(w.admin), s.seriesId, 1, input, NOW))
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ConflictError);
		const rows = await occurrences(s.seriesId);
		expect(new Set(rows.map((r) => r.occurrence_key)).size).toBe(rows.length);
		expect(rows).toHaveLength(5);
	});
});

describe('ending a series', () => {
	it('cancels the drafts still to come, with the reason, and takes no more changes', async () => {
		const s = await create(quarterly());
		const [first] = await occurrences(s.seriesId);
		await tx(h.db, (trx) => start(trx, actor(w.lead), first.id, new Date('2027-01-05T10:00Z')));
		const when = new Date('2027-02-01T09:00Z');
		const { cancelled } = await tx(h.db, (trx) =>
			endSeries(trx, actor(w.lead), s.seriesId, 1, 'Replaced by monthly drills', when)
		);
		expect(cancelled).toBe(4);
		const rows = await occurrences(s.seriesId);
		expect(rows[0].status).toBe('running');
		for (const r of rows.slice(1))
			expect(r).toMatchObject({
				status: 'cancelled',
				cancelled_reason: 'Series ended: Replaced by monthly drills'
			});
		expect(await auditOf(rows[1].id, 'drill.cancelled')).toHaveLength(1);
		await expect(
			tx(h.db, (trx) => endSeries(trx, actor(w.lead), s.seriesId, 2, 'again', when))
		).rejects.toBeInstanceOf(ConflictError);
		// No top-up makes drills for an ended series.
		await topUpSeries(h.db, days(400));
		expect(await occurrences(s.seriesId)).toHaveLength(5);
	});

	it('needs a reason', async () => {
		const s = await create(quarterly());
		expect(
			await fieldOf(tx(h.db, (trx) => endSeries(trx, actor(w.lead), s.seriesId, 1, '  ', NOW)))
		).toEqual({ reason: expect.any(String) });
	});
});

describe('one occurrence on its own', () => {
	it('is cancelled with a reason by its facilitator only, and only before it starts', async () => {
		const s = await create(quarterly());
		const [first, second] = await occurrences(s.seriesId);
		expect(
			await fieldOf(tx(h.db, (trx) => cancelPlanned(trx, actor(w.lead), first.id, '', NOW)))
		).toEqual({ reason: expect.any(String) });
		await expect(
			tx(h.db, (trx) => cancelPlanned(trx, actor(w.tara), first.id, 'No', NOW))
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			tx(h.db, (trx) => cancelPlanned(trx, actor(w.other), first.id, 'No', NOW))
		).rejects.toBeInstanceOf(NotFoundError);
		await tx(h.db, (trx) => start(trx, actor(w.lead), second.id, NOW));
		await expect(
			tx(h.db, (trx) => cancelPlanned(trx, actor(w.lead), second.id, 'Late', NOW))
		).rejects.toBeInstanceOf(ConflictError);
		await tx(h.db, (trx) => cancelPlanned(trx, actor(w.lead), first.id, 'Bank holiday', NOW));
		const [entry] = await auditOf(first.id, 'drill.cancelled');
		expect(entry.detail).toMatchObject({ reason: 'Bank holiday', seriesId: s.seriesId });
	});

	it('keeps a time: a series occurrence cannot be taken off the schedule', async () => {
		const s = await create(quarterly());
		const [first] = await occurrences(s.seriesId);
		expect(
			await fieldOf(
				tx(h.db, (trx) => planDraft(trx, actor(w.lead), first.id, { kind: 'unscheduled' }, NOW))
			)
		).toEqual({ when: expect.any(String) });
	});
});

describe('planning a drill on its own', () => {
	it('schedules, moves and unschedules a live draft, audited each time', async () => {
		const { drillId } = await tx(h.db, (trx) =>
			createDrill(
				trx,
				actor(w.lead),
				{
					scenarioId: 'ransomware-double-extortion',
					mode: 'live',
					participants: [{ userId: w.tara.id, roles: ['ic'] }]
				},
				NOW
			)
		);
		const plan = (when: Parameters<typeof planDraft>[3]) =>
			tx(h.db, (trx) => planDraft(trx, actor(w.lead), drillId, when, NOW));
		await plan({
			kind: 'at',
			scheduledAt: '2027-03-28T10:00',
			timeZone: 'Europe/London',
			autoStart: true,
			durationMinutes: 90
		});
		let d = await getDrill(h.db, drillId);
		expect(d?.schedule).toMatchObject({
			scheduledAt: new Date('2027-03-28T09:00Z'),
			timeZone: 'Europe/London',
			autoStart: true,
			durationMinutes: 90
		});
		expect(
			await fieldOf(plan({ kind: 'at', scheduledAt: '2026-12-01T10:00', timeZone: 'UTC' }))
		).toEqual({
			scheduledAt: 'Plan it for a time still to come.'
		});
		expect(
			await fieldOf(
				plan({ kind: 'at', scheduledAt: '2027-03-01T10:00', timeZone: 'UTC', durationMinutes: 2 })
			)
		).toEqual({
			durationMinutes: expect.any(String)
		});
		await plan({ kind: 'unscheduled' });
		d = await getDrill(h.db, drillId);
		expect(d?.schedule.scheduledAt).toBeNull();
		expect(await auditOf(drillId, 'drill.planned')).toHaveLength(2);
	});
});

describe('the series page and the dashboard', () => {
	it('shows a series to leads and admins only, with its rule in words', async () => {
		const s = await create(quarterly());
		const view = await seriesFor(h.db, w.admin, s.seriesId, NOW);
		expect(view.words).toBe('every 3 months on the 1st Tuesday, at 10:00 (Europe/London)');
		expect(view.upcoming).toHaveLength(5);
		expect(view.later[0].key).toBe('2028-04-04T10:00');
		await expect(seriesFor(h.db, w.tara, s.seriesId, NOW)).rejects.toBeInstanceOf(NotFoundError);
		await expect(seriesFor(h.db, w.auditor, s.seriesId, NOW)).rejects.toBeInstanceOf(NotFoundError);
		await expect(seriesFor(h.db, w.lead, 'nope', NOW)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('lists the next two weeks of a participant’s drills, with a reminder the day before', async () => {
		const { seriesId } = await create(
			quarterly({
				rrule: 'FREQ=WEEKLY;BYDAY=TU',
				participants: [{ userId: w.other.id, roles: ['ic'] }]
			})
		);
		const monday = new Date('2027-01-04T11:00Z');
		const mine = (await upcomingDrillsFor(h.db, w.other, monday)).filter(
			(d) => d.seriesId === seriesId
		);
		expect(mine.map((d) => [d.scheduledAt.toISOString(), d.soon])).toEqual([
			['2027-01-05T10:00:00.000Z', true],
			['2027-01-12T10:00:00.000Z', false]
		]);
		expect(mine[0].kind).toBe('participant');
		// The lead facilitates every one of them.
		const lead = (await upcomingDrillsFor(h.db, w.lead, monday)).filter(
			(d) => d.seriesId === seriesId
		);
		expect(lead.map((d) => d.kind)).toEqual(['facilitator', 'facilitator']);
		// Someone not in the drills sees none of them.
		const sam = (await upcomingDrillsFor(h.db, w.sam, monday)).filter(
			(d) => d.seriesId === seriesId
		);
		expect(sam).toEqual([]);
	});
});

describe('the demo series', () => {
	it('has a quarterly rule, one ended and one cancelled occurrence, and planned ones', async () => {
		const { seriesId } = await tx(h.db, (trx) =>
			seedDemoSeries(trx, { lead: w.lead, trainee: w.tara, analyst: w.sam }, NOW)
		);
		const view = await seriesFor(h.db, w.lead, seriesId, NOW);
		expect(view.words).toBe('every 3 months on the 1st Tuesday, at 10:00 (Europe/London)');
		expect(view.past.map((o) => o.status)).toEqual(['cancelled', 'ended']);
		expect(view.past[0].cancelledReason).toMatch(/Postponed/);
		expect(view.past.map((o) => o.occurrenceKey)).toEqual(['2026-10-06T10:00', '2026-07-07T10:00']);
		expect(view.upcoming.map((o) => o.occurrenceKey)).toEqual([
			'2027-01-05T10:00',
			'2027-04-06T10:00',
			'2027-07-06T10:00',
			'2027-10-05T10:00',
			'2028-01-04T10:00'
		]);
		const mine = await upcomingDrillsFor(h.db, w.tara, NOW);
		expect(mine.some((d) => d.seriesId === seriesId && d.reminder.startsWith('Tue 5 Jan'))).toBe(
			true
		);
	});
});
