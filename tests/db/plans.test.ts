import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanContent } from '../../src/lib/plans/content';
import { verifyPasswordReentry } from '../../src/lib/server/auth/reentry';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { PlanRuleError, StaleRevisionError } from '../../src/lib/server/plans/errors';
import {
	createPlan,
	listPlans,
	reviewState,
	setReviewInterval
} from '../../src/lib/server/plans/plans';
import * as versions from '../../src/lib/server/plans/versions';
import { makeUser, TEST_PASSWORD } from './fixtures';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => h.db.transaction().execute(fn);
const content = (body = 'Call the CISO within one hour.'): PlanContent => ({
	sections: [
		{ key: 'scope', title: 'Scope', level: 1, body: 'All production systems.' },
		{ key: 'escalation', title: 'Escalation', level: 1, body }
	],
	severityScale: [{ id: 'SEV1', name: 'Critical', criteria: 'Customer data exposed.' }],
	matrix: []
});
type Person = Awaited<ReturnType<typeof makeUser>>;
const actor = (u: Person) => ({ id: u.id, label: u.email, ip: null });
const approver = (u: Person) => ({ id: u.id, email: u.email, role: u.role });

/** Approves as `who`, who re-enters `password` (the right one unless a test says otherwise). */
const approveAs = (
	who: Person,
	versionId: string,
	input: { password: string; comment: string; effectiveDate: string },
	now?: Date
) => {
	const { password, ...rest } = input;
	return verifyPasswordReentry(h.db, who, password, null, { purpose: 'plan approval' }).then(
		(reentry) =>
			tx((trx) =>
				versions.approve(trx, actor(who), approver(who), versionId, { ...rest, reentry }, now)
			)
	);
};

/** A plan whose first draft (by `author`) is in review as 1.0. */
async function planInReview(author: Person) {
	const { plan, draft } = await tx((trx) =>
		createPlan(trx, actor(author), {
			title: `Plan ${Math.random()}`,
			kind: 'ir-plan',
			content: content()
		})
	);
	await tx((trx) =>
		versions.submitForReview(trx, actor(author), draft.id, draft.revision, {
			number: '1.0',
			changeSummary: 'First version of the plan.'
		})
	);
	return { plan, draftId: draft.id };
}

// Approvals happen on a fixed day, so review dates never depend on the day tests run.
const APPROVAL_DAY = new Date('2026-08-31T10:00:00Z');

async function approved(author: Person, boss: Person) {
	const p = await planInReview(author);
	await approveAs(
		boss,
		p.draftId,
		{ password: TEST_PASSWORD, comment: 'Looks right.', effectiveDate: '2026-12-01' },
		APPROVAL_DAY
	);
	return p;
}

describe('plan version life cycle', () => {
	it('approves a version in review and records who, when, comment, effective date and next review', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { draftId } = await approved(lead, boss);
		const v = await versions.getVersion(h.db, draftId);
		expect(v).toMatchObject({
			status: 'approved',
			major: 1,
			minor: 0,
			approved_by: boss.id,
			approval_comment: 'Looks right.',
			effective_date: '2026-12-01'
		});
		expect(v!.next_review_date).toBe('2027-08-31');
	});

	it('supersedes the previous approved version when the next one is approved', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { plan, draftId: first } = await approved(lead, boss);
		const draft = await tx((trx) => versions.openDraft(trx, actor(lead), plan.id));
		expect(versions.contentOf(draft)).toEqual(content());
		await tx((trx) =>
			versions.submitForReview(trx, actor(lead), draft.id, draft.revision, {
				number: '1.1',
				changeSummary: 'Faster CISO call.'
			})
		);
		await approveAs(boss, draft.id, {
			password: TEST_PASSWORD,
			comment: '',
			effectiveDate: '2027-01-01'
		});
		expect((await versions.getVersion(h.db, first))?.status).toBe('superseded');
		expect((await versions.currentApproved(h.db, plan.id))?.id).toBe(draft.id);
	});

	it('allows only one open draft per plan', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { plan } = await approved(lead, boss);
		await tx((trx) => versions.openDraft(trx, actor(lead), plan.id));
		await expect(tx((trx) => versions.openDraft(trx, actor(boss), plan.id))).rejects.toThrow(
			/already has an open draft/
		);
	});

	it('requires the version number to grow', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { plan } = await approved(lead, boss);
		const draft = await tx((trx) => versions.openDraft(trx, actor(lead), plan.id));
		for (const number of ['1.0', '0.9', 'two']) {
			await expect(
				tx((trx) =>
					versions.submitForReview(trx, actor(lead), draft.id, draft.revision, {
						number,
						changeSummary: 'Some change.'
					})
				)
			).rejects.toMatchObject({ field: 'number' });
		}
	});

	it('sends a version back with a comment, and editing returns it to draft', async () => {
		const lead = await makeUser(h.db, 'lead');
		const reviewer = await makeUser(h.db, 'lead');
		const { draftId } = await planInReview(lead);
		await tx((trx) =>
			versions.requestChanges(
				trx,
				actor(reviewer),
				approver(reviewer),
				draftId,
				'Add the DPO to the matrix.'
			)
		);
		const sent = await versions.getVersion(h.db, draftId);
		expect(sent).toMatchObject({
			status: 'changes_requested',
			review_comment: 'Add the DPO to the matrix.'
		});
		await tx((trx) =>
			versions.saveDraft(
				trx,
				actor(lead),
				draftId,
				sent!.revision,
				content('Call the DPO too.'),
				'edit'
			)
		);
		expect((await versions.getVersion(h.db, draftId))?.status).toBe('draft');
	});

	it('keeps the number a draft was first submitted with when it is resubmitted', async () => {
		const lead = await makeUser(h.db, 'lead');
		const reviewer = await makeUser(h.db, 'lead');
		const { draftId } = await planInReview(lead);
		await tx((trx) =>
			versions.requestChanges(trx, actor(reviewer), approver(reviewer), draftId, 'Add the DPO.')
		);
		const sent = await versions.getVersion(h.db, draftId);
		const rev = await tx((trx) =>
			versions.saveDraft(trx, actor(lead), draftId, sent!.revision, content('DPO.'), 'edit')
		);
		await tx((trx) =>
			versions.submitForReview(trx, actor(lead), draftId, rev, {
				changeSummary: 'Added the DPO as asked.'
			})
		);
		expect(await versions.getVersion(h.db, draftId)).toMatchObject({
			status: 'in_review',
			major: 1,
			minor: 0
		});
	});
});

describe('segregation of duties', () => {
	it('refuses approval by the lead who wrote the draft', async () => {
		const lead = await makeUser(h.db, 'lead');
		const { draftId } = await planInReview(lead);
		await expect(
			approveAs(lead, draftId, {
				password: TEST_PASSWORD,
				comment: '',
				effectiveDate: '2026-12-01'
			})
		).rejects.toThrow(/segregation of duties/);
	});

	it('refuses approval by a lead who edited the draft', async () => {
		const author = await makeUser(h.db, 'lead');
		const editor = await makeUser(h.db, 'lead');
		const { plan, draft } = await tx((trx) =>
			createPlan(trx, actor(author), { title: 'P', kind: 'playbook', content: content() })
		);
		const rev = await tx((trx) =>
			versions.saveDraft(trx, actor(editor), draft.id, draft.revision, content('Edited.'), 'edit')
		);
		await tx((trx) =>
			versions.submitForReview(trx, actor(author), draft.id, rev, {
				number: '1.0',
				changeSummary: 'First version.'
			})
		);
		await expect(
			approveAs(editor, draft.id, {
				password: TEST_PASSWORD,
				comment: '',
				effectiveDate: '2026-12-01'
			})
		).rejects.toThrow(/segregation of duties/);
		expect(plan.kind).toBe('playbook');
	});

	it('refuses approval by the admin who wrote the draft, as for anyone', async () => {
		const admin = await makeUser(h.db, 'admin');
		const { draftId } = await planInReview(admin);
		await expect(
			approveAs(admin, draftId, {
				password: TEST_PASSWORD,
				comment: '',
				effectiveDate: '2026-12-01'
			})
		).rejects.toThrow(/segregation of duties/);
		expect((await versions.getVersion(h.db, draftId))?.status).toBe('in_review');
	});

	it('refuses an effective date that does not exist', async () => {
		const author = await makeUser(h.db, 'lead');
		const other = await makeUser(h.db, 'lead');
		const { draftId } = await planInReview(author);
		await expect(
			approveAs(other, draftId, {
				password: TEST_PASSWORD,
				comment: '',
				effectiveDate: '2026-02-30'
			})
		).rejects.toMatchObject({ field: 'effectiveDate', status: 400 });
		expect((await versions.getVersion(h.db, draftId))?.status).toBe('in_review');
	});

	it('lets another lead approve, but only with the right password', async () => {
		const author = await makeUser(h.db, 'lead');
		const other = await makeUser(h.db, 'lead');
		const { draftId } = await planInReview(author);
		await expect(
			approveAs(other, draftId, {
				password: 'wrong password!',
				comment: '',
				effectiveDate: '2026-12-01'
			})
		).rejects.toMatchObject({ field: 'password' });
		expect((await versions.getVersion(h.db, draftId))?.status).toBe('in_review');
		await approveAs(other, draftId, {
			password: TEST_PASSWORD,
			comment: '',
			effectiveDate: '2026-12-01'
		});
		expect((await versions.getVersion(h.db, draftId))?.status).toBe('approved');
	});

	it('never lets a trainee or an auditor approve', async () => {
		const author = await makeUser(h.db, 'lead');
		const { draftId } = await planInReview(author);
		for (const role of ['trainee', 'auditor'] as const) {
			const u = await makeUser(h.db, role);
			await expect(
				approveAs(u, draftId, { password: TEST_PASSWORD, comment: '', effectiveDate: '2026-12-01' })
			).rejects.toThrow(/may not approve/);
		}
	});
});

describe('immutability of approved versions', () => {
	it('refuses to edit an approved plan version through the data layer', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { draftId } = await approved(lead, boss);
		const v = await versions.getVersion(h.db, draftId);
		await expect(
			tx((trx) => versions.saveDraft(trx, actor(lead), draftId, v!.revision, content('x'), 'edit'))
		).rejects.toThrow(/can no longer be edited/);
	});

	it('refuses any direct UPDATE or DELETE of approved and superseded versions in the database', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { plan, draftId: first } = await approved(lead, boss);
		const draft = await tx((trx) => versions.openDraft(trx, actor(lead), plan.id));
		await tx((trx) =>
			versions.submitForReview(trx, actor(lead), draft.id, draft.revision, {
				number: '2.0',
				changeSummary: 'Rewrite.'
			})
		);
		await approveAs(boss, draft.id, {
			password: TEST_PASSWORD,
			comment: '',
			effectiveDate: '2027-01-01'
		});
		for (const id of [first, draft.id]) {
			await expect(
				h.db
					.updateTable('plan_versions')
					.set({ content: JSON.stringify(content('tampered')) })
					.where('id', '=', id)
					.execute()
			).rejects.toThrow(/cannot be changed/);
			await expect(
				h.db.updateTable('plan_versions').set({ status: 'draft' }).where('id', '=', id).execute()
			).rejects.toThrow(/cannot be changed/);
			await expect(h.db.deleteFrom('plan_versions').where('id', '=', id).execute()).rejects.toThrow(
				/cannot be deleted/
			);
		}
		await expect(
			sql`update plan_versions set approval_comment = 'x' where id = ${draft.id}`.execute(h.db)
		).rejects.toThrow(/cannot be changed/);
	});
});

describe('concurrent editing', () => {
	it('refuses a save based on a stale revision', async () => {
		const a = await makeUser(h.db, 'lead');
		const b = await makeUser(h.db, 'lead');
		const { draft } = await tx((trx) =>
			createPlan(trx, actor(a), { title: 'P', kind: 'ir-plan', content: content() })
		);
		await tx((trx) =>
			versions.saveDraft(trx, actor(a), draft.id, draft.revision, content('A wrote this.'), 'edit')
		);
		await expect(
			tx((trx) =>
				versions.saveDraft(
					trx,
					actor(b),
					draft.id,
					draft.revision,
					content('B wrote this.'),
					'edit'
				)
			)
		).rejects.toBeInstanceOf(StaleRevisionError);
		expect(versions.contentOf((await versions.getVersion(h.db, draft.id))!).sections[1].body).toBe(
			'A wrote this.'
		);
	});

	it('lets exactly one of two simultaneous saves win, never silently overwriting', async () => {
		const a = await makeUser(h.db, 'lead');
		const b = await makeUser(h.db, 'lead');
		const { draft } = await tx((trx) =>
			createPlan(trx, actor(a), { title: 'P', kind: 'ir-plan', content: content() })
		);
		const results = await Promise.allSettled([
			tx((trx) =>
				versions.saveDraft(
					trx,
					actor(a),
					draft.id,
					draft.revision,
					content('A wrote this.'),
					'edit'
				)
			),
			tx((trx) =>
				versions.saveDraft(
					trx,
					actor(b),
					draft.id,
					draft.revision,
					content('B wrote this.'),
					'edit'
				)
			)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(StaleRevisionError);
		const saved = versions.contentOf((await versions.getVersion(h.db, draft.id))!).sections[1].body;
		const winner = results[0].status === 'fulfilled' ? 'A wrote this.' : 'B wrote this.';
		expect(saved).toBe(winner);
	});

	it('refuses invalid content with the field that is wrong, and stores nothing', async () => {
		const a = await makeUser(h.db, 'lead');
		const { draft } = await tx((trx) =>
			createPlan(trx, actor(a), { title: 'P', kind: 'ir-plan', content: content() })
		);
		const bad = content();
		bad.sections[0].key = 'Not A Key';
		const err = await tx((trx) =>
			versions.saveDraft(trx, actor(a), draft.id, draft.revision, bad, 'edit')
		).catch((e) => e);
		expect(err).toBeInstanceOf(PlanRuleError);
		expect(err.field).toBe('sections.0.key');
		expect((await versions.getVersion(h.db, draft.id))?.revision).toBe(draft.revision);
	});
});

describe('review dates', () => {
	it('sets the next review from the plan’s own review cycle at approval', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { plan, draftId } = await planInReview(lead);
		await tx((trx) => setReviewInterval(trx, actor(boss), plan.id, 6));
		await expect(
			tx((trx) => setReviewInterval(trx, actor(boss), plan.id, 0))
		).rejects.toMatchObject({ field: 'months' });
		await approveAs(
			boss,
			draftId,
			{ password: TEST_PASSWORD, comment: '', effectiveDate: '2026-12-01' },
			APPROVAL_DAY
		);
		// Six months after 31 August is the last day of February.
		expect((await versions.getVersion(h.db, draftId))?.next_review_date).toBe('2027-02-28');
	});

	it('marks plans overdue or due within 30 days', () => {
		expect(reviewState('2026-01-01', '2026-06-01')).toBe('overdue');
		expect(reviewState('2026-06-20', '2026-06-01')).toBe('due-soon');
		expect(reviewState('2026-09-01', '2026-06-01')).toBe('ok');
		expect(reviewState(null, '2026-06-01')).toBe('never-approved');
	});

	it('lists each plan with the version in force and its open draft', async () => {
		const lead = await makeUser(h.db, 'lead');
		const boss = await makeUser(h.db, 'admin');
		const { plan } = await approved(lead, boss);
		await tx((trx) => versions.openDraft(trx, actor(lead), plan.id));
		const listed = (await listPlans(h.db, { inForceOnly: false }, '2026-12-01')).find(
			(p) => p.id === plan.id
		);
		expect(listed).toMatchObject({
			approved: { number: '1.0', effectiveDate: '2026-12-01' },
			draft: { status: 'draft' },
			review: 'ok'
		});
	});
});
