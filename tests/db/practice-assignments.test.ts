import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { User } from '../../src/lib/server/db/schema';
import { submitAnswer } from '../../src/lib/server/drills/answers';
import { startPractice } from '../../src/lib/server/drills/create';
import { end } from '../../src/lib/server/drills/lifecycle';
import {
	ConflictError,
	ForbiddenError,
	InvalidFormError,
	InvalidInputError,
	NotFoundError
} from '../../src/lib/server/errors';
import {
	assignmentsFor,
	assignPractice,
	cancelAssignment,
	getAssignment,
	listAssignments,
	type AssignmentActor
} from '../../src/lib/server/programme/assignments';
import {
	capabilityTrends,
	practiceProgress,
	recentMonths
} from '../../src/lib/server/programme/practice-progress';
import { actor, at, drillWorld, T0, tx, type World } from './drills-fixtures';
import { makeUser } from './fixtures';
import { seedDemoAssignments } from '../../src/lib/server/setup/demo-assignments';
import { seedDemoDrills } from '../../src/lib/server/setup/demo-drills';
import { createTestDatabase } from './test-database';

// Assigned practice: a lead gives solo scenarios to trainees with a due date; the trainee's
// first solo drill of the scenario that ends after the assignment completes it, with its
// score; one open assignment per scenario and trainee, even under two leads at once; a
// trainee sees only their own.

let h: DatabaseHandle;
let w: World;

const who = (u: User): AssignmentActor => ({ id: u.id, role: u.role, label: u.email, ip: null });
const TODAY = T0.toISOString().slice(0, 10);
const day = (offset: number) =>
	new Date(T0.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const assign = (
	by: User,
	input: { scenarioId?: unknown; traineeIds?: unknown; dueDate?: unknown; note?: unknown },
	now = T0
) =>
	tx(h.db, (trx) =>
		assignPractice(
			trx,
			who(by),
			{ scenarioId: 'phishing-mailbox-takeover', dueDate: day(7), traineeIds: [], ...input },
			now
		)
	);

/** A solo attempt of the phishing scenario by `u`, the first prompt answered right, ended. */
async function practise(u: User, startMinutes: number, scenarioId = 'phishing-mailbox-takeover') {
	const { drillId } = await tx(h.db, (trx) =>
		startPractice(trx, actor(u), { scenarioId }, at(startMinutes))
	);
	if (scenarioId === 'phishing-mailbox-takeover')
		await tx(h.db, (trx) =>
			submitAnswer(
				trx,
				actor(u),
				drillId,
				'q-first',
				{ option: 'revoke-all' },
				at(startMinutes + 1)
			)
		);
	await tx(h.db, (trx) => end(trx, actor(u), drillId, at(startMinutes + 2)));
	return drillId;
}

const auditCount = async (action: string) =>
	Number(
		(
			await h.db
				.selectFrom('audit_log')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('action', '=', action)
				.executeTakeFirstOrThrow()
		).n
	);

beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
});

afterAll(async () => {
	await h?.close();
});

describe('assigning practice', () => {
	it('assigns a solo-ready scenario to two trainees with a due date and a note, audited', async () => {
		const before = await auditCount('practice.assigned');
		const { ids } = await assign(w.lead, {
			scenarioId: 'lost-laptop-personal-data',
			traineeIds: [w.tara.id, w.sam.id],
			note: 'Before the Q3 tabletop.'
		});
		expect(ids).toHaveLength(2);
		const listed = await listAssignments(h.db, { current: true }, TODAY);
		const mine = listed.filter((a) => ids.includes(a.id));
		expect(mine.map((a) => [a.traineeName, a.status, a.dueDate, a.note])).toEqual(
			expect.arrayContaining([
				[w.tara.display_name, 'open', day(7), 'Before the Q3 tabletop.'],
				[w.sam.display_name, 'open', day(7), 'Before the Q3 tabletop.']
			])
		);
		expect(mine[0].scenarioTitle).toMatch(/lost laptop/i);
		expect(await auditCount('practice.assigned')).toBe(before + 2);
	});

	it('refuses a scenario that is not solo-ready, naming the scenario field', async () => {
		await expect(
			assign(w.lead, { scenarioId: 'ransomware-double-extortion', traineeIds: [w.tara.id] })
		).rejects.toMatchObject({ field: 'scenarioId', status: 400 });
	});

	it('names every bad field at once: no trainee, a past due date, an over-long note', async () => {
		const e = await assign(w.lead, {
			traineeIds: [],
			dueDate: day(-1),
			note: 'x'.repeat(2001)
		}).catch((x) => x);
		expect(e).toBeInstanceOf(InvalidFormError);
		expect(Object.keys((e as InvalidFormError).fieldErrors).sort()).toEqual([
			'dueDate',
			'note',
			'traineeIds'
		]);
	});

	it('refuses an auditor as the trainee, and a date that is not one', async () => {
		await expect(assign(w.lead, { traineeIds: [w.auditor.id] })).rejects.toMatchObject({
			field: 'traineeIds'
		});
		await expect(
			assign(w.lead, { traineeIds: [w.tara.id], dueDate: '2026-02-30' })
		).rejects.toMatchObject({ field: 'dueDate' });
	});

	it('lets only leads and admins assign', async () => {
		await expect(assign(w.tara, { traineeIds: [w.sam.id] })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(assign(w.auditor, { traineeIds: [w.sam.id] })).rejects.toBeInstanceOf(
			ForbiddenError
		);
	});

	it('refuses a second open assignment of the same scenario, naming the trainee field', async () => {
		const other = await makeUser(h.db, 'trainee');
		await assign(w.lead, { scenarioId: 'ddos-customer-portal', traineeIds: [other.id] });
		const e = await assign(w.admin, {
			scenarioId: 'ddos-customer-portal',
			traineeIds: [other.id]
		}).catch((x) => x);
		expect(e).toBeInstanceOf(ConflictError);
		expect(e.field).toBe('traineeIds');
		expect(e.message).toContain(other.display_name);
	});

	it('refuses one of two leads assigning the same at the same moment, by the unique index', async () => {
		const other = await makeUser(h.db, 'trainee');
		const input = { scenarioId: 'mfa-fatigue-sso-takeover', traineeIds: [other.id] };
		const outcomes = await Promise.allSettled([assign(w.lead, input), assign(w.admin, input)]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ConflictError);
		expect(refused.reason.field).toBe('traineeIds');
		const rows = await h.db
			.selectFrom('practice_assignments')
			.select('id')
			.where('trainee_id', '=', other.id)
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('assigns nobody when one of the trainees already has it', async () => {
		const [a, b] = [await makeUser(h.db, 'trainee'), await makeUser(h.db, 'trainee')];
		await assign(w.lead, { scenarioId: 'misconfigured-storage-bucket', traineeIds: [b.id] });
		await expect(
			assign(w.lead, { scenarioId: 'misconfigured-storage-bucket', traineeIds: [a.id, b.id] })
		).rejects.toBeInstanceOf(ConflictError);
		expect(await assignmentsFor(h.db, a.id, TODAY)).toEqual([]);
	});
});

describe('completion, overdue and cancelling', () => {
	it('is completed by the first solo attempt ended after the assignment, with its score', async () => {
		const trainee = await makeUser(h.db, 'trainee');
		// An attempt before the assignment does not count.
		await practise(trainee, 0);
		const {
			ids: [id]
		} = await assign(w.lead, { traineeIds: [trainee.id] }, at(10));
		expect((await getAssignment(h.db, w.lead, id, TODAY)).status).toBe('open');
		const first = await practise(trainee, 20);
		await practise(trainee, 30);
		const done = await getAssignment(h.db, w.lead, id, TODAY);
		expect(done.status).toBe('completed');
		expect(done.completion?.drillId).toBe(first);
		expect(done.completion?.points).toBeGreaterThan(0);
		expect(done.completion?.share).toBeGreaterThan(0);
		expect(done.completion?.late).toBe(false);
		// Done: no longer on the trainee's to-do list.
		expect((await assignmentsFor(h.db, trainee.id, TODAY)).map((a) => a.id)).not.toContain(id);
	});

	it('is overdue once the due date has passed without an attempt', async () => {
		const trainee = await makeUser(h.db, 'trainee');
		const {
			ids: [id]
		} = await assign(w.lead, { traineeIds: [trainee.id], dueDate: day(2) });
		expect((await getAssignment(h.db, w.lead, id, day(2))).status).toBe('open');
		expect((await getAssignment(h.db, w.lead, id, day(3))).status).toBe('overdue');
		expect((await assignmentsFor(h.db, trainee.id, day(3)))[0]).toMatchObject({
			id,
			status: 'overdue'
		});
	});

	it('cancels an open assignment, audited, and the scenario may be assigned again', async () => {
		const trainee = await makeUser(h.db, 'trainee');
		const {
			ids: [id]
		} = await assign(w.lead, { traineeIds: [trainee.id] });
		const before = await auditCount('practice.assignment_cancelled');
		await tx(h.db, (trx) => cancelAssignment(trx, who(w.admin), id, at(5)));
		expect((await getAssignment(h.db, w.lead, id, TODAY)).status).toBe('cancelled');
		expect(await auditCount('practice.assignment_cancelled')).toBe(before + 1);
		await expect(
			tx(h.db, (trx) => cancelAssignment(trx, who(w.lead), id, at(6)))
		).rejects.toBeInstanceOf(ConflictError);
		const again = await assign(w.lead, { traineeIds: [trainee.id] });
		expect(again.ids).toHaveLength(1);
	});

	it('refuses to cancel a completed assignment, an unknown one, or for a trainee', async () => {
		const trainee = await makeUser(h.db, 'trainee');
		const {
			ids: [id]
		} = await assign(w.lead, { traineeIds: [trainee.id] }, at(100));
		await practise(trainee, 110);
		await expect(
			tx(h.db, (trx) => cancelAssignment(trx, who(w.lead), id, at(120)))
		).rejects.toBeInstanceOf(ConflictError);
		await expect(
			tx(h.db, (trx) =>
				cancelAssignment(trx, who(w.lead), '00000000-0000-4000-8000-000000000000', at(120))
			)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			tx(h.db, (trx) => cancelAssignment(trx, who(trainee), id, at(120)))
		).rejects.toBeInstanceOf(ForbiddenError);
	});
});

describe('who sees an assignment', () => {
	it('shows a trainee their own and answers "not found" for another trainee’s', async () => {
		const [mine, theirs] = [await makeUser(h.db, 'trainee'), await makeUser(h.db, 'trainee')];
		const {
			ids: [own]
		} = await assign(w.lead, { traineeIds: [mine.id] });
		const {
			ids: [other]
		} = await assign(w.lead, { traineeIds: [theirs.id] });
		expect((await getAssignment(h.db, mine, own, TODAY)).id).toBe(own);
		await expect(getAssignment(h.db, mine, other, TODAY)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getAssignment(h.db, mine, 'not-a-uuid', TODAY)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect((await getAssignment(h.db, w.admin, other, TODAY)).traineeId).toBe(theirs.id);
		expect((await assignmentsFor(h.db, mine.id, TODAY)).map((a) => a.id)).toEqual([own]);
	});
});

describe('progress per trainee and per capability', () => {
	it('counts each trainee’s assignments and scores, and the capability shares by month', async () => {
		const trainee = await makeUser(h.db, 'trainee');
		await assign(w.lead, { traineeIds: [trainee.id], dueDate: day(1) }, at(0));
		await assign(
			w.lead,
			{ scenarioId: 'bec-wire-fraud', traineeIds: [trainee.id], dueDate: day(1) },
			at(0)
		);
		await practise(trainee, 10);
		const progress = await practiceProgress(h.db, new Date(T0.getTime() + 3 * 86_400_000), {
			traineeId: trainee.id
		});
		const row = progress.trainees.find((t) => t.id === trainee.id)!;
		expect(row).toMatchObject({ assigned: 2, completed: 1, overdue: 1, open: 0, attempts: 1 });
		expect(row.latestShare).toBeGreaterThan(0);
		expect(progress.months.at(-1)).toBe(TODAY.slice(0, 7));
		expect(progress.trainee?.attempts).toHaveLength(1);
		const trend = progress.trainee!.trends;
		expect(trend.length).toBeGreaterThan(0);
		// Practised this month only: earlier months are gaps, not zeros.
		for (const t of trend) {
			expect(t.values.slice(0, -1).every((v) => v === null)).toBe(true);
			expect(t.values.at(-1)).not.toBeNull();
		}
		expect(progress.teamTrends.length).toBeGreaterThan(0);
	});

	it('answers "not found" for a trainee id that is no trainee', async () => {
		await expect(
			practiceProgress(h.db, T0, { traineeId: '00000000-0000-4000-8000-000000000000' })
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(practiceProgress(h.db, T0, { traineeId: 'x' })).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('averages capability shares per month and leaves months without practice empty', () => {
		const months = recentMonths(new Date('2026-03-15T00:00:00Z'), 3);
		expect(months).toEqual(['2026-01', '2026-02', '2026-03']);
		const attempt = (endedAt: string, share: number) => ({
			drillId: endedAt,
			traineeId: 't',
			scenarioId: 's',
			title: 's',
			endedAt: new Date(endedAt),
			share,
			capabilities: [{ capability: 'containment', share }]
		});
		expect(
			capabilityTrends(
				[
					attempt('2026-01-05T10:00:00Z', 0.5),
					attempt('2026-01-20T10:00:00Z', 1),
					attempt('2026-03-01T00:00:00Z', 0.2)
				],
				months
			)
		).toEqual([{ capability: 'containment', values: [0.75, null, 0.2] }]);
	});
});

describe('input bounds', () => {
	it('refuses more trainees than a form may hold, and an unknown user', async () => {
		await expect(
			assign(w.lead, { traineeIds: Array.from({ length: 51 }, () => w.tara.id) })
		).rejects.toBeInstanceOf(InvalidInputError);
		await expect(
			assign(w.lead, { traineeIds: ['00000000-0000-4000-8000-000000000000'] })
		).rejects.toMatchObject({ field: 'traineeIds' });
	});
});

describe('demo data', () => {
	it('holds a done assignment scored from the demo solo attempt, one due in a week, one overdue', async () => {
		const [lead, trainee, analyst, auditor] = [
			await makeUser(h.db, 'lead'),
			await makeUser(h.db, 'trainee'),
			await makeUser(h.db, 'trainee'),
			await makeUser(h.db, 'auditor')
		];
		const now = new Date();
		await tx(h.db, async (trx) => {
			await seedDemoDrills(trx, { lead, trainee, analyst, auditor }, now);
			await seedDemoAssignments(trx, { lead, trainee, analyst }, now);
		});
		const today = now.toISOString().slice(0, 10);
		const tara = await listAssignments(h.db, { traineeId: trainee.id }, today);
		expect(tara.map((a) => [a.scenarioId, a.status])).toEqual([
			['phishing-mailbox-takeover', 'completed'],
			['mfa-fatigue-sso-takeover', 'open']
		]);
		expect(tara[0].completion?.share).toBeGreaterThan(0);
		const sam = await listAssignments(h.db, { traineeId: analyst.id }, today);
		expect(sam.map((a) => a.status)).toEqual(['overdue']);
	});
});
