import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanContent } from '../../src/lib/plans/content';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { User } from '../../src/lib/server/db/schema';
import { ConflictError, InvalidFormError, InvalidInputError } from '../../src/lib/server/errors';
import {
	createIncidentReview,
	getIncidentReview,
	incidentReviewDetail,
	listIncidentReviews,
	parseUtcTime,
	updateIncidentReview,
	type IncidentInput
} from '../../src/lib/server/lessons/incidents';
import type { LessonActor } from '../../src/lib/server/lessons/actor';
import { makeUser } from './fixtures';
import { tx } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// Post-incident reviews: the plan version in force at awareness (or one chosen), a severity
// of that version, times in UTC, a timeline of decisions and the notifications made, each
// checked against the matrix deadline of its stage from that deadline's anchor. A reference
// is unique (also under concurrency), an edit needs the revision it was based on.

const NOW = new Date('2026-05-01T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

const mins = (amount: number) => ({ amount, unit: 'minutes' as const });
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const contact = [{ name: '', email: 'x@example.org', phone: '', outOfBand: '' }];

function content(extraRow = false): PlanContent {
	return {
		sections: [{ key: 'scope', title: 'Scope', level: 1, body: 'All incidents.' }],
		severityScale: [
			{ id: 'SEV1', name: 'Critical', criteria: 'Everything is down.' },
			{ id: 'SEV2', name: 'High', criteria: 'Something is down.' }
		],
		matrix: [
			{
				key: 'soc',
				stakeholder: 'SOC on-call',
				audience: 'internal',
				contacts: contact,
				appliesWhen: [],
				notifications: {
					SEV1: {
						notify: true,
						stages: [{ name: 'Page', deadlines: [{ within: mins(15), anchor: 'declaration' }] }]
					},
					SEV2: {
						notify: true,
						stages: [{ name: 'Page', deadlines: [{ within: mins(30), anchor: 'declaration' }] }]
					}
				},
				notifier: 'SOC analyst',
				approver: '',
				messageTemplate: ''
			},
			{
				key: 'regulator',
				stakeholder: 'Data protection authority',
				audience: 'regulator',
				contacts: contact,
				appliesWhen: ['personal-data'],
				notifications: {
					SEV1: {
						notify: true,
						stages: [
							{
								name: 'Initial notification',
								deadlines: [
									{ within: hours(4), anchor: 'classification' },
									{ within: hours(24), anchor: 'awareness' }
								]
							},
							{ name: 'Final report', deadlines: [{ within: hours(72), anchor: 'awareness' }] }
						]
					},
					SEV2: { notify: false, stages: [] }
				},
				notifier: 'DPO',
				approver: 'General counsel',
				messageTemplate: ''
			},
			...(extraRow
				? [
						{
							key: 'ceo',
							stakeholder: 'Chief executive',
							audience: 'executive' as const,
							contacts: contact,
							appliesWhen: [],
							notifications: {
								SEV1: {
									notify: true,
									stages: [
										{
											name: 'Brief',
											deadlines: [{ within: hours(1), anchor: 'declaration' as const }]
										}
									]
								},
								SEV2: { notify: false, stages: [] }
							},
							notifier: 'Incident commander',
							approver: '',
							messageTemplate: ''
						}
					]
				: [])
		]
	};
}

let h: DatabaseHandle;
let lead: User;
let planId: string;
let oldVersion: string;
let inForce: string;
let draft: string;
let otherPlanVersion: string;

const who = (u: User): LessonActor => ({ id: u.id, role: u.role, label: u.email, ip: null });

async function version(
	plan: string,
	status: 'approved' | 'superseded' | 'draft',
	c: PlanContent,
	approvedDaysAgo: number | null,
	supersededDaysAgo: number | null,
	minor: number
) {
	const row = await h.db
		.insertInto('plan_versions')
		.values({
			plan_id: plan,
			status,
			major: status === 'draft' ? null : 1,
			minor: status === 'draft' ? null : minor,
			content: JSON.stringify(c),
			author_id: lead.id,
			contributor_ids: JSON.stringify([lead.id]),
			approved_at: approvedDaysAgo === null ? null : daysAgo(approvedDaysAgo),
			approved_by: approvedDaysAgo === null ? null : lead.id,
			effective_date: approvedDaysAgo === null ? null : '2026-01-01',
			next_review_date: approvedDaysAgo === null ? null : '2027-01-01',
			superseded_at: supersededDaysAgo === null ? null : daysAgo(supersededDaysAgo)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

beforeAll(async () => {
	h = await createTestDatabase();
	lead = await makeUser(h.db, 'lead');
	const plan = await h.db
		.insertInto('plans')
		.values({ title: 'IR plan', kind: 'ir-plan', created_by: lead.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	planId = plan.id;
	oldVersion = await version(planId, 'superseded', content(false), 30, 10, 0);
	inForce = await version(planId, 'approved', content(true), 10, null, 1);
	draft = await version(planId, 'draft', content(true), null, null, 0);
	const other = await h.db
		.insertInto('plans')
		.values({ title: 'Other plan', kind: 'ir-plan', created_by: lead.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	otherPlanVersion = await version(other.id, 'approved', content(true), 40, null, 0);
});
afterAll(() => h.close());

/** UTC as a datetime-local input sends it. */
const local = (d: Date) => d.toISOString().slice(0, 16);
const aware = new Date('2026-04-25T08:00:00Z');
const after = (minutes: number) => local(new Date(aware.getTime() + minutes * 60_000));

let counter = 0;
const input = (over: Partial<IncidentInput> = {}): IncidentInput => ({
	reference: `INC-2026-${String(++counter).padStart(3, '0')}`,
	title: 'Phishing led to a mailbox takeover',
	severity: 'SEV1',
	planId,
	planVersionId: '',
	awareAt: local(aware),
	declaredAt: after(30),
	classifiedAt: after(120),
	determinedAt: '',
	resolvedAt: after(60 * 30),
	summary: 'A finance mailbox was taken over.',
	timeline: [
		{ at: after(45), decision: 'Reset the password and revoke sessions', by: 'IC' },
		{ at: after(10), decision: 'Open an incident', by: 'SOC' },
		{ at: '', decision: '', by: '' }
	],
	notifications: [
		{ rowKey: 'soc', stage: '0', notifiedAt: after(40), note: 'Paged' },
		{ rowKey: 'regulator', stage: '0', notifiedAt: after(60 * 5), note: 'Portal' },
		{ rowKey: '', stage: '0', notifiedAt: '', note: '' }
	],
	...over
});

const create = (i: IncidentInput, now = NOW) =>
	tx(h.db, (trx) => createIncidentReview(trx, who(lead), i, now));

describe('recording a post-incident review', () => {
	it('stores it against the version in force at awareness, in UTC, audited', async () => {
		const i = input();
		const { id } = await create(i);
		const r = await getIncidentReview(h.db, id);
		expect(r?.plan_version_id).toBe(inForce);
		expect(r?.reference).toBe(i.reference);
		expect(r?.aware_at.toISOString()).toBe('2026-04-25T08:00:00.000Z');
		expect(r?.determined_at).toBeNull();
		// Blank rows of the form are dropped; the timeline is in time order.
		expect(r?.timeline.map((t) => t.decision)).toEqual([
			'Open an incident',
			'Reset the password and revoke sessions'
		]);
		expect(r?.notifications.map((n) => [n.rowKey, n.stage, n.note])).toEqual([
			['soc', 0, 'Paged'],
			['regulator', 0, 'Portal']
		]);
		const entries = await h.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('target_id', '=', id)
			.execute();
		expect(entries).toEqual([{ action: 'incident_review.created', actor_id: lead.id }]);
	});

	it('takes the version in force back then, or any approved version of the plan chosen', async () => {
		const earlier = await create(
			input({
				awareAt: local(daysAgo(20)),
				declaredAt: '',
				classifiedAt: '',
				resolvedAt: '',
				notifications: [],
				timeline: []
			})
		);
		expect((await getIncidentReview(h.db, earlier.id))?.plan_version_id).toBe(oldVersion);
		const chosen = await create(input({ planVersionId: oldVersion }));
		expect((await getIncidentReview(h.db, chosen.id))?.plan_version_id).toBe(oldVersion);
		// The version alone says the plan.
		const byVersion = await create(input({ planId: '', planVersionId: inForce }));
		expect((await getIncidentReview(h.db, byVersion.id))?.plan_id).toBe(planId);
	});

	it('refuses a draft and a time before any approval; a version names its plan', async () => {
		await expect(create(input({ planVersionId: draft }))).rejects.toMatchObject({
			field: 'planVersionId',
			message: 'Choose an approved version: a draft was never in force.'
		});
		// A version of another plan than the one in the plan field names its own plan.
		const other = await create(input({ planVersionId: otherPlanVersion }));
		expect((await getIncidentReview(h.db, other.id))?.plan_version_id).toBe(otherPlanVersion);
		await expect(
			create(
				input({
					awareAt: local(daysAgo(60)),
					declaredAt: '',
					classifiedAt: '',
					resolvedAt: '',
					notifications: [],
					timeline: []
				})
			)
		).rejects.toMatchObject({ field: 'planVersionId' });
		await expect(create(input({ planId: 'nope' }))).rejects.toMatchObject({ field: 'planId' });
	});

	it('refuses bad input with the field, saving nothing', async () => {
		const before = (await listIncidentReviews(h.db)).length;
		const cases: [Partial<IncidentInput>, string][] = [
			[{ reference: '' }, 'reference'],
			[{ reference: 'INC 1' }, 'reference'],
			[{ reference: 'X'.repeat(41) }, 'reference'],
			[{ title: '  ' }, 'title'],
			[{ title: 't\u0000' }, 'title'],
			[{ severity: 'SEV9' }, 'severity'],
			[{ severity: '' }, 'severity'],
			[{ awareAt: '' }, 'awareAt'],
			[{ awareAt: '2026-02-30T10:00' }, 'awareAt'],
			[{ awareAt: 'yesterday' }, 'awareAt'],
			[{ awareAt: '2026-06-01T10:00' }, 'awareAt'],
			[{ resolvedAt: after(-1) }, 'resolvedAt'],
			[{ declaredAt: after(-60) }, 'declaredAt'],
			[{ summary: 's'.repeat(20_001) }, 'summary'],
			[{ timeline: [{ at: after(5), decision: '' }] }, 'timeline-0-decision'],
			[{ timeline: [{ at: '', decision: 'x' }] }, 'timeline-0-at'],
			[{ timeline: [{}, { at: after(5), decision: 'd'.repeat(2001) }] }, 'timeline-1-decision'],
			[
				{ timeline: Array.from({ length: 101 }, () => ({ at: after(5), decision: 'x' })) },
				'timeline'
			],
			[
				{ notifications: [{ rowKey: 'nobody', stage: '0', notifiedAt: after(5) }] },
				'notifications-0-rowKey'
			],
			[
				{ notifications: [{ rowKey: 'soc', stage: '7', notifiedAt: after(5) }] },
				'notifications-0-stage'
			],
			[
				{ notifications: [{ rowKey: 'soc', stage: '0', notifiedAt: '' }] },
				'notifications-0-notifiedAt'
			],
			[
				{ notifications: [{ rowKey: 'soc', stage: '0', notifiedAt: after(-5) }] },
				'notifications-0-notifiedAt'
			],
			[
				{
					notifications: [
						{ rowKey: 'soc', stage: '0', notifiedAt: after(5) },
						{ rowKey: 'soc', stage: '0', notifiedAt: after(6) }
					]
				},
				'notifications-1-rowKey'
			],
			// The older version has no CEO row.
			[
				{
					planVersionId: oldVersion,
					notifications: [{ rowKey: 'ceo', stage: '0', notifiedAt: after(5) }]
				},
				'notifications-0-rowKey'
			]
		];
		for (const [over, field] of cases)
			await expect(create(input(over)), field).rejects.toMatchObject({ field });
		expect((await listIncidentReviews(h.db)).length).toBe(before);
	});

	it('names every bad field at once, rows included, so the form marks them all', async () => {
		const e = await create(
			input({
				title: '',
				resolvedAt: after(-1),
				severity: 'SEV9',
				timeline: [{ at: '', decision: 'Isolate the host' }],
				notifications: [{ rowKey: 'nobody', stage: '0', notifiedAt: after(5) }]
			})
		).catch((err: unknown) => err);
		expect(e).toBeInstanceOf(InvalidFormError);
		expect(Object.keys((e as InvalidFormError).fieldErrors).sort()).toEqual([
			'notifications-0-rowKey',
			'resolvedAt',
			'severity',
			'timeline-0-at',
			'title'
		]);
	});

	it('reads times as UTC, or with the zone given', () => {
		expect(parseUtcTime('2026-03-10T14:05', 'x')?.toISOString()).toBe('2026-03-10T14:05:00.000Z');
		expect(parseUtcTime('2026-03-10 14:05:30', 'x')?.toISOString()).toBe(
			'2026-03-10T14:05:30.000Z'
		);
		expect(parseUtcTime('2026-03-10T14:05+02:00', 'x')?.toISOString()).toBe(
			'2026-03-10T12:05:00.000Z'
		);
		expect(parseUtcTime('', 'x')).toBeNull();
		expect(() => parseUtcTime('2026-03-10T24:05', 'x')).toThrow(InvalidInputError);
	});
});

describe('a unique reference', () => {
	it('is refused on the field, whatever its case', async () => {
		await create(input({ reference: 'INC-2026-900' }));
		await expect(create(input({ reference: 'inc-2026-900' }))).rejects.toThrow(
			new ConflictError('Another review already has the reference INC-2026-900.', 'reference')
		);
	});

	it('holds under concurrent inserts: one review, the others a clear conflict', async () => {
		const results = await Promise.allSettled(
			[1, 2, 3, 4].map(() => create(input({ reference: 'INC-2026-RACE' })))
		);
		const ok = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
		expect(ok).toHaveLength(1);
		for (const r of refused) expect(r.reason).toMatchObject({ status: 409, field: 'reference' });
		const rows = await h.db
			.selectFrom('incident_reviews')
			.select('id')
			.where('reference', '=', 'INC-2026-RACE')
			.execute();
		expect(rows).toHaveLength(1);
	});
});

describe('editing a review', () => {
	it('needs the revision it was based on; a stale one is a conflict', async () => {
		const { id } = await create(input());
		const r = await getIncidentReview(h.db, id);
		const out = await tx(h.db, (trx) =>
			updateIncidentReview(
				trx,
				who(lead),
				id,
				1,
				input({ reference: r!.reference, severity: 'SEV2' }),
				NOW
			)
		);
		expect(out.revision).toBe(2);
		expect((await getIncidentReview(h.db, id))?.severity).toBe('SEV2');
		await expect(
			tx(h.db, (trx) =>
				updateIncidentReview(trx, who(lead), id, 1, input({ reference: r!.reference }), NOW)
			)
		).rejects.toMatchObject({ status: 409, field: 'revision' });
		const audit = await h.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('target_id', '=', id)
			.where('action', '=', 'incident_review.updated')
			.execute();
		expect(audit).toHaveLength(1);
		expect((audit[0].detail as { changed: string[] }).changed).toContain('severity');
	});

	it('refuses to take another review’s reference', async () => {
		const a = await create(input());
		const b = await create(input());
		const ra = await getIncidentReview(h.db, a.id);
		await expect(
			tx(h.db, (trx) =>
				updateIncidentReview(trx, who(lead), b.id, 1, input({ reference: ra!.reference }), NOW)
			)
		).rejects.toMatchObject({ status: 409, field: 'reference' });
	});
});

describe('notifications against the matrix deadlines', () => {
	it('says on time, late by N minutes, anchor not recorded, and who was never told', async () => {
		const { id } = await create(
			input({
				classifiedAt: '',
				notifications: [
					// Declared at +30: paged within 15 minutes is due at +45.
					{ rowKey: 'soc', stage: '0', notifiedAt: after(40) },
					// Initial: 4 h after classification (not recorded) and 24 h after awareness.
					{ rowKey: 'regulator', stage: '0', notifiedAt: after(60 * 5) },
					// Final report: 72 h after awareness, sent at 73 h.
					{ rowKey: 'regulator', stage: '1', notifiedAt: after(73 * 60) }
				]
			})
		);
		const { timeliness } = await incidentReviewDetail(h.db, id);
		const [soc, initial, final] = timeliness.notifications;
		expect(soc).toMatchObject({ verdict: 'on_time', marginMinutes: 5, stageName: 'Page' });
		expect(initial).toMatchObject({ verdict: 'anchor_unknown', missing: ['classification'] });
		expect(final).toMatchObject({ verdict: 'late', lateByMinutes: 60, stageName: 'Final report' });
		// The CEO row applies to every SEV1 incident and was never told.
		expect(timeliness.missing).toEqual([
			expect.objectContaining({ rowKey: 'ceo', never: true, everyIncident: true })
		]);
	});

	it('is late when a known deadline passed, even with another anchor unknown', async () => {
		const { id } = await create(
			input({
				classifiedAt: '',
				notifications: [{ rowKey: 'regulator', stage: '0', notifiedAt: after(25 * 60) }]
			})
		);
		const { timeliness } = await incidentReviewDetail(h.db, id);
		expect(timeliness.notifications[0]).toMatchObject({ verdict: 'late', lateByMinutes: 60 });
		expect(timeliness.missing.map((m) => [m.rowKey, m.never, m.stages.map((s) => s.name)])).toEqual(
			[
				['soc', true, ['Page']],
				['regulator', false, ['Final report']],
				['ceo', true, ['Brief']]
			]
		);
	});

	it('takes the earliest deadline of a stage, and says when a row is not required', async () => {
		const { id } = await create(
			input({
				// Classified at +60: initial due at +5 h (4 h after), not +24 h.
				classifiedAt: after(60),
				severity: 'SEV1',
				notifications: [{ rowKey: 'regulator', stage: '0', notifiedAt: after(6 * 60) }]
			})
		);
		const { timeliness } = await incidentReviewDetail(h.db, id);
		expect(timeliness.notifications[0]).toMatchObject({ verdict: 'late', lateByMinutes: 60 });
		const sev2 = await create(
			input({
				severity: 'SEV2',
				notifications: [{ rowKey: 'regulator', stage: '0', notifiedAt: after(10) }]
			})
		);
		const d2 = await incidentReviewDetail(h.db, sev2.id);
		expect(d2.timeliness.notifications[0]).toMatchObject({ verdict: 'not_required' });
		expect(d2.timeliness.missing.map((m) => m.rowKey)).toEqual(['soc']);
	});
});

describe('the list', () => {
	it('shows every review, most recent incident first, with the number of findings', async () => {
		const list = await listIncidentReviews(h.db);
		expect(list.length).toBeGreaterThan(5);
		const times = list.map((r) => r.awareAt.getTime());
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		expect(list[0]).toMatchObject({ planTitle: 'IR plan', findings: 0 });
	});
});
