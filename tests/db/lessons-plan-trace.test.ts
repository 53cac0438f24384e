import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanContent } from '../../src/lib/plans/content';
import { verifyPasswordReentry } from '../../src/lib/server/auth/reentry';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { end, start } from '../../src/lib/server/drills/lifecycle';
import {
	ConflictError,
	ForbiddenError,
	InvalidInputError,
	NotFoundError
} from '../../src/lib/server/errors';
import { changeStatus, createAction } from '../../src/lib/server/lessons/actions';
import { createFinding } from '../../src/lib/server/lessons/findings';
import {
	actionForLinking,
	actionsOfVersion,
	linkActionToPlan,
	linkTarget,
	unlinkAction
} from '../../src/lib/server/lessons/plan-links';
import { lessonsOnVersionPage, sectionLessons } from '../../src/lib/server/lessons/section-history';
import { traceFrom, traceStartFrom } from '../../src/lib/server/lessons/trace';
import { verifyAction } from '../../src/lib/server/lessons/verification';
import { diffVersions } from '../../src/lib/server/plans/compare';
import { PlanRuleError } from '../../src/lib/server/plans/errors';
import { createPlan } from '../../src/lib/server/plans/plans';
import * as versions from '../../src/lib/server/plans/versions';
import { actor, at, drillWorld, ransomwareDrill, tx, type World } from './drills-fixtures';
import { TEST_PASSWORD } from './fixtures';
import { createTestDatabase } from './test-database';

// The plan change trace: a lead links a corrective action to the plan's draft (opening one
// when there is none) and ticks the sections the change touches; approving that version
// records "resolved by plan v1.1" on each action; the section's history and the trace page
// follow the chain both ways; the diff names the actions each changed section answers.

let h: DatabaseHandle;
let w: World;
let drillId: string;
let findingId: string;
let findingNumber: number;
const DRILL_DAY = '2026-03-10';

const content = (escalation = 'Call the CISO within one hour.'): PlanContent => ({
	sections: [
		{ key: 'scope', title: 'Scope', level: 1, body: 'All production systems.' },
		{ key: 'escalation', title: 'Escalation', level: 1, body: escalation },
		{ key: 'legal-contact', title: 'Legal contact', level: 2, body: 'Call General Counsel.' },
		{ key: 'comms', title: 'Communications', level: 1, body: 'Status page first.' }
	],
	severityScale: [{ id: 'SEV1', name: 'Critical', criteria: 'Customer data exposed.' }],
	matrix: []
});

type Person = World['lead'];
const approveAs = async (who: Person, versionId: string, now = at(60 * 24)) => {
	const reentry = await verifyPasswordReentry(h.db, who, TEST_PASSWORD, null, {
		purpose: 'plan approval'
	});
	await tx(h.db, (trx) =>
		versions.approve(
			trx,
			actor(who),
			{ id: who.id, email: who.email, role: who.role },
			versionId,
			{ reentry, comment: '', effectiveDate: '2026-04-01' },
			now
		)
	);
};
const submit = (who: Person, versionId: string, number: string) =>
	tx(h.db, async (trx) => {
		const v = await versions.getVersion(trx, versionId);
		await versions.submitForReview(trx, actor(who), versionId, v!.revision, {
			number,
			changeSummary: 'Changes for the lessons of the drill.'
		});
	});

/** A plan of the test's own, approved as 1.0 (written by the lead, approved by the admin). */
async function approvedPlan(title = `Plan ${Math.random()}`) {
	const { plan, draft } = await tx(h.db, (trx) =>
		createPlan(trx, actor(w.lead), { title, kind: 'playbook', content: content() })
	);
	await submit(w.lead, draft.id, '1.0');
	await approveAs(w.admin, draft.id);
	return { planId: plan.id, v1: draft.id };
}

async function newAction(text = 'Add the legal contact to the escalation section.') {
	return tx(h.db, (trx) =>
		createAction(
			trx,
			actor(w.lead),
			findingId,
			{
				action: text,
				element: 'planning',
				organisation: 'SOC',
				ownerId: w.tara.id,
				startDate: '2026-03-11',
				dueDate: '2026-04-30'
			},
			at(30)
		)
	);
}

const link = (actionId: string, planId: string, keys: unknown[], who: Person = w.lead) =>
	tx(h.db, (trx) => linkActionToPlan(trx, actor(who), actionId, planId, keys, at(40)));

const eventsOf = (actionId: string, kind: string) =>
	h.db
		.selectFrom('corrective_action_events')
		.selectAll()
		.where('action_id', '=', actionId)
		.where('kind', '=', kind)
		.orderBy('at')
		.execute();
const auditOf = (actionId: string, action: string) =>
	h.db
		.selectFrom('audit_log')
		.select(['action', 'actor_id', 'detail'])
		.where('target_id', '=', actionId)
		.where('action', '=', action)
		.execute();
const openVersionOf = (planId: string) => versions.openDraftOf(h.db, planId);

beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
	drillId = await ransomwareDrill(h.db, w);
	await tx(h.db, (trx) => start(trx, actor(w.lead), drillId, at(1)));
	await tx(h.db, (trx) => end(trx, actor(w.lead), drillId, at(10)));
	const f = await tx(h.db, (trx) =>
		createFinding(
			trx,
			actor(w.lead),
			{
				kind: 'area_for_improvement',
				source: { drillId },
				title: 'Legal was called late',
				observation: 'Legal heard of the breach two hours in.'
			},
			at(20)
		)
	);
	findingId = f.id;
	findingNumber = f.number;
});
afterAll(() => h.close());

describe('linking an action to a plan draft', () => {
	it('opens the draft when the plan has none, lists the action with its sections, and records it', async () => {
		const { planId, v1 } = await approvedPlan();
		const action = await newAction();
		expect(await openVersionOf(planId)).toBeUndefined();

		const draftId = await link(action.id, planId, ['escalation', 'legal-contact', 'escalation']);

		const draft = await versions.getVersion(h.db, draftId);
		expect(draft).toMatchObject({ status: 'draft', plan_id: planId, based_on_id: v1 });
		const listed = await actionsOfVersion(h.db, draftId);
		expect(listed).toHaveLength(1);
		expect(listed[0]).toMatchObject({
			action: { id: action.id, label: `A-${action.number}` },
			finding: { id: findingId, label: `F-${findingNumber}` },
			source: { kind: 'drill', id: drillId, label: `drill of ${DRILL_DAY}` },
			sectionKeys: ['escalation', 'legal-contact'],
			sections: [
				{ key: 'escalation', number: '2', title: 'Escalation' },
				{ key: 'legal-contact', number: '2.1', title: 'Legal contact' }
			],
			resolvedHere: false
		});
		const [event] = await eventsOf(action.id, 'linked');
		expect(event.note).toBe(
			`Linked to the draft of ${(await linkTarget(h.db, planId)).plan.title}: 2 Escalation, 2.1 Legal contact`
		);
		expect(event.detail).toMatchObject({ versionId: draftId, openedDraft: true });
		const [entry] = await auditOf(action.id, 'action.linked');
		expect(entry).toMatchObject({ actor_id: w.lead.id });
		expect(entry.detail).toMatchObject({ planId, versionId: draftId, openedDraft: true });
		const opened = await h.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_id', '=', draftId)
			.execute();
		expect(opened.map((o) => o.action)).toContain('plan.draft_opened');
	});

	it('adds further actions to the open draft, and a second link of the same action replaces its sections', async () => {
		const { planId } = await approvedPlan();
		const first = await newAction('Name a deputy for General Counsel.');
		const second = await newAction('Put the status page first in communications.');
		const draftId = await link(first.id, planId, ['legal-contact']);
		expect(await link(second.id, planId, ['comms'])).toBe(draftId);
		expect(await link(first.id, planId, ['escalation'])).toBe(draftId);

		const listed = await actionsOfVersion(h.db, draftId);
		expect(listed.map((l) => [l.action.id, l.sectionKeys])).toEqual([
			[first.id, ['escalation']],
			[second.id, ['comms']]
		]);
		const events = await eventsOf(first.id, 'linked');
		expect(events).toHaveLength(2);
		expect(events[1].note).toMatch(/^Sections changed in the draft of .*: 2 Escalation$/);
		expect(events[1].detail).toMatchObject({
			previousSectionKeys: ['legal-contact'],
			openedDraft: false
		});
		// The link page shows it: the plan's draft and what is ticked.
		const view = await actionForLinking(h.db, first.id);
		expect(view.links).toEqual([
			expect.objectContaining({ planId, versionId: draftId, sectionKeys: ['escalation'] })
		]);
		expect(view.sourcePlanId).not.toBeNull();
	});

	it('refuses a section key the draft does not have, naming it, and saves nothing (not even a new draft)', async () => {
		const { planId } = await approvedPlan();
		const action = await newAction();
		const error = await link(action.id, planId, ['escalation', 'no-such-section']).catch((e) => e);
		expect(error).toBeInstanceOf(InvalidInputError);
		expect(error.field).toBe('sectionKeys');
		expect(error.message).toContain('no-such-section');
		expect(await openVersionOf(planId)).toBeUndefined();
		expect(await eventsOf(action.id, 'linked')).toHaveLength(0);
		expect(await auditOf(action.id, 'action.linked')).toHaveLength(0);

		const none = await link(action.id, planId, []).catch((e) => e);
		expect(none).toBeInstanceOf(InvalidInputError);
		expect(none.field).toBe('sectionKeys');
	});

	it('refuses a draft in review until it is sent back, then links to it', async () => {
		const { planId } = await approvedPlan();
		const action = await newAction();
		const draft = await tx(h.db, (trx) => versions.openDraft(trx, actor(w.lead), planId));
		await submit(w.lead, draft.id, '1.1');

		const refused = await link(action.id, planId, ['scope']).catch((e) => e);
		expect(refused).toBeInstanceOf(ConflictError);
		expect(refused.message).toMatch(/draft v1\.1 is in review: send it back/);
		expect((await linkTarget(h.db, planId)).refusal).toMatch(/in review/);

		await tx(h.db, (trx) =>
			versions.requestChanges(
				trx,
				actor(w.admin),
				{ id: w.admin.id, email: w.admin.email, role: w.admin.role },
				draft.id,
				'Add the lessons of the drill.'
			)
		);
		expect(await link(action.id, planId, ['scope'])).toBe(draft.id);
	});

	it('lets only leads and admins link, and refuses unknown plans and actions', async () => {
		const { planId } = await approvedPlan();
		const action = await newAction();
		for (const who of [w.tara, w.auditor])
			await expect(link(action.id, planId, ['scope'], who)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			link(action.id, '00000000-0000-4000-8000-000000000000', ['scope'])
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(link('nope', planId, ['scope'])).rejects.toBeInstanceOf(NotFoundError);
		expect(await openVersionOf(planId)).toBeUndefined();
	});

	it('unlinks from a draft only', async () => {
		const { planId, v1 } = await approvedPlan();
		const action = await newAction();
		const draftId = await link(action.id, planId, ['scope']);
		const unlink = (versionId: string) =>
			tx(h.db, (trx) => unlinkAction(trx, actor(w.lead), versionId, action.id, at(50)));
		await expect(unlink(v1)).rejects.toBeInstanceOf(ConflictError);
		await unlink(draftId);
		expect(await actionsOfVersion(h.db, draftId)).toEqual([]);
		expect((await eventsOf(action.id, 'unlinked'))[0].note).toBe('Unlinked from the draft');
		expect(await auditOf(action.id, 'action.unlinked')).toHaveLength(1);
		await expect(unlink(draftId)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('approval of a version that resolves actions', () => {
	it('records "resolved by plan v1.1" on each action, leaves its status alone, and makes the version evidence', async () => {
		const { planId } = await approvedPlan();
		const a1 = await newAction('Add the legal contact.');
		const a2 = await newAction('Escalate to the CISO in 30 minutes.');
		const draftId = await link(a1.id, planId, ['legal-contact']);
		await link(a2.id, planId, ['escalation']);
		await submit(w.lead, draftId, '1.1');
		await approveAs(w.admin, draftId);

		for (const a of [a1, a2]) {
			const row = await h.db
				.selectFrom('corrective_actions')
				.select(['status', 'resolved_by_version_id'])
				.where('id', '=', a.id)
				.executeTakeFirstOrThrow();
			expect(row).toEqual({ status: 'open', resolved_by_version_id: draftId });
			const [event] = await eventsOf(a.id, 'resolved');
			expect(event).toMatchObject({ note: 'resolved by plan v1.1', by: w.admin.id });
			const [entry] = await auditOf(a.id, 'action.resolved');
			expect(entry.detail).toMatchObject({ versionId: draftId, number: '1.1' });
		}
		expect((await actionsOfVersion(h.db, draftId)).every((l) => l.resolvedHere)).toBe(true);

		// The owner finishes the work; the approved version is the evidence a lead verifies by.
		await tx(h.db, (trx) => changeStatus(trx, actor(w.tara), a1.id, 'in_progress', {}, at(70)));
		await tx(h.db, (trx) => changeStatus(trx, actor(w.tara), a1.id, 'done', {}, at(80)));
		await tx(h.db, (trx) =>
			verifyAction(trx, actor(w.lead), a1.id, { kind: 'plan_version', versionId: draftId }, at(90))
		);
		const trace = await traceFrom(h.db, { actionId: a1.id });
		expect(trace.chains[0].findings[0].actions[0].verification).toMatchObject({
			kind: 'plan_version',
			version: { id: draftId, planId, number: '1.1' }
		});
	});

	it('refuses the approval when a linked section is no longer in the version, and changes nothing', async () => {
		const { planId } = await approvedPlan();
		const action = await newAction();
		const draftId = await link(action.id, planId, ['comms']);
		await tx(h.db, async (trx) => {
			const v = await versions.getVersion(trx, draftId);
			const c = versions.contentOf(v!);
			await versions.saveDraft(
				trx,
				actor(w.lead),
				draftId,
				v!.revision,
				{ ...c, sections: c.sections.filter((s) => s.key !== 'comms') },
				'Removed communications.'
			);
		});
		await submit(w.lead, draftId, '1.1');
		const error = await approveAs(w.admin, draftId).catch((e) => e);
		expect(error).toBeInstanceOf(PlanRuleError);
		expect(error.status).toBe(409);
		expect(error.message).toContain(`A-${action.number}`);
		expect(error.message).toContain('comms');
		expect((await versions.getVersion(h.db, draftId))?.status).toBe('in_review');
		expect(await eventsOf(action.id, 'resolved')).toHaveLength(0);
	});

	it('leaves approval of a version without links as it was', async () => {
		const { planId, v1 } = await approvedPlan();
		expect((await versions.currentApproved(h.db, planId))?.id).toBe(v1);
	});
});

describe('section history, trace and diff', () => {
	let planId: string;
	let v1: string;
	let v11: string;
	let v12: string;
	let a1: { id: string; number: number };
	let a2: { id: string; number: number };
	let a3: { id: string; number: number };
	let retestId: string;

	beforeAll(async () => {
		({ planId, v1 } = await approvedPlan());
		a1 = await newAction('Add the legal contact.');
		a2 = await newAction('Escalate within 30 minutes.');
		a3 = await newAction('Rehearse the call tree.');
		// v1.1 for A-1 (legal contact) and A-2 (escalation): the text changes with them.
		v11 = await link(a1.id, planId, ['legal-contact']);
		await link(a2.id, planId, ['escalation']);
		await tx(h.db, async (trx) => {
			const v = await versions.getVersion(trx, v11);
			const c = versions.contentOf(v!);
			await versions.saveDraft(
				trx,
				actor(w.lead),
				v11,
				v!.revision,
				{
					...c,
					sections: c.sections.map((s) =>
						s.key === 'escalation' ? { ...s, body: 'Call the CISO within 30 minutes.' } : s
					)
				},
				'Escalation within 30 minutes.'
			);
		});
		await submit(w.lead, v11, '1.1');
		await approveAs(w.admin, v11);
		// v1.2 for A-1 again (escalation), still a draft.
		v12 = await link(a1.id, planId, ['escalation']);
		// A later drill re-tested A-2 (its verification is A's to check; here it is set as data).
		retestId = await ransomwareDrill(h.db, w, { title: 'Re-test' });
		await tx(h.db, (trx) => start(trx, actor(w.lead), retestId, at(60 * 24 * 7)));
		await tx(h.db, (trx) => end(trx, actor(w.lead), retestId, at(60 * 24 * 7 + 30)));
		await h.db
			.updateTable('corrective_actions')
			.set({
				status: 'verified',
				verified_by_kind: 'drill',
				verified_drill_id: retestId,
				verified_by: w.lead.id,
				verified_at: at(60 * 24 * 8)
			})
			.where('id', '=', a2.id)
			.execute();
	});

	it("tells a section's history in the words of the lesson behind each change", async () => {
		const history = await sectionLessons(h.db, planId, 'escalation');
		expect(history.map((l) => l.sentence)).toEqual([
			`changed in v1.1 for action A-${a2.number} (finding F-${findingNumber}, drill of ${DRILL_DAY})`
		]);
		const withDraft = await sectionLessons(h.db, planId, 'escalation', { includeOpen: true });
		expect(withDraft.map((l) => [l.versionId, l.action.id])).toEqual([
			[v12, a1.id],
			[v11, a2.id]
		]);
		expect(withDraft[0].sentence).toMatch(/^to change in the draft for action A-/);
		expect(await sectionLessons(h.db, planId, 'scope')).toEqual([]);
	});

	it("marks on a version's page the sections approved versions changed, and whether it has actions", async () => {
		// v1.1 (approved) changed legal-contact and escalation; the draft v1.2's link is not yet a change.
		const onDraft = await lessonsOnVersionPage(h.db, planId, v12);
		expect(onDraft.changedSections.sort()).toEqual(['escalation', 'legal-contact']);
		expect(onDraft.hasActions).toBe(true);
		const onApproved = await lessonsOnVersionPage(h.db, planId, v11);
		expect(onApproved.changedSections.sort()).toEqual(['escalation', 'legal-contact']);
		expect(onApproved.hasActions).toBe(true);
		// v1.0 resolved nothing: the page reads no actions for it.
		expect((await lessonsOnVersionPage(h.db, planId, v1)).hasActions).toBe(false);
		expect(await actionsOfVersion(h.db, v1)).toEqual([]);
	});

	it('follows a drill forward to findings, actions, plan versions and sections, and the re-test', async () => {
		const trace = await traceFrom(h.db, { drillId });
		expect(trace.start).toMatchObject({ kind: 'drill', id: drillId });
		const [source] = trace.chains;
		expect(source).toMatchObject({ kind: 'drill', id: drillId, focus: true, date: DRILL_DAY });
		const finding = source.findings.find((f) => f.id === findingId)!;
		const first = finding.actions.find((a) => a.id === a1.id)!;
		expect(first.links.map((l) => [l.number, l.status, l.sections.map((s) => s.key)])).toEqual([
			['1.1', 'approved', ['legal-contact']],
			['draft', 'draft', ['escalation']]
		]);
		expect(first.resolvedBy).toEqual({ versionId: v11, planId, number: '1.1' });
		const second = finding.actions.find((a) => a.id === a2.id)!;
		expect(second.verification).toMatchObject({
			kind: 'drill',
			drill: { id: retestId, title: 'Re-test' }
		});
		expect(finding.actions.find((a) => a.id === a3.id)?.links).toEqual([]);
	});

	it('follows the re-test drill back to the action it verified', async () => {
		const trace = await traceFrom(h.db, { drillId: retestId });
		expect(trace.chains).toEqual([expect.objectContaining({ id: retestId, findings: [] })]);
		expect(trace.verifiedHere).toHaveLength(1);
		expect(trace.verifiedHere[0].id).toBe(drillId);
		expect(trace.verifiedHere[0].findings[0].actions.map((a) => a.id)).toEqual([a2.id]);
	});

	it('follows an action back to its finding and drill, showing that action only', async () => {
		const trace = await traceFrom(h.db, { actionId: `A-${a1.number}` });
		expect(trace.start).toMatchObject({ kind: 'action', id: a1.id });
		expect(trace.chains).toHaveLength(1);
		expect(trace.chains[0].id).toBe(drillId);
		expect(trace.chains[0].findings.map((f) => f.id)).toEqual([findingId]);
		expect(trace.chains[0].findings[0].actions.map((a) => [a.id, a.focus])).toEqual([
			[a1.id, true]
		]);
		const byFinding = await traceFrom(h.db, { findingId: `F-${findingNumber}` });
		expect(byFinding.chains[0].findings[0].actions.length).toBeGreaterThanOrEqual(3);
	});

	it('follows a plan section back to every lesson that changed it', async () => {
		const trace = await traceFrom(h.db, { planId, sectionKey: 'escalation' });
		expect(trace.start).toMatchObject({ kind: 'section', label: '2 Escalation' });
		expect(trace.section?.history.map((l) => l.action.id)).toEqual([a1.id, a2.id]);
		const actions = trace.chains.flatMap((s) => s.findings.flatMap((f) => f.actions));
		expect(actions.map((a) => a.id).sort()).toEqual([a1.id, a2.id].sort());
		await expect(traceFrom(h.db, { planId, sectionKey: 'no-such-section' })).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(traceFrom(h.db, { planId, sectionKey: 'Bad Key' })).rejects.toBeInstanceOf(
			InvalidInputError
		);
	});

	it('reads where a trace starts from a query string', () => {
		const q = (s: string) => traceStartFrom(new URLSearchParams(s));
		expect(q('')).toBeNull();
		expect(q('action=A-12')).toEqual({ actionId: 'A-12' });
		expect(q(`section=${planId}:escalation`)).toEqual({ planId, sectionKey: 'escalation' });
		expect(q(`plan=${planId}&section=escalation`)).toEqual({ planId, sectionKey: 'escalation' });
		expect(() => q('drill=x&action=y')).toThrow(InvalidInputError);
		expect(() => q('section=escalation')).toThrow(InvalidInputError);
	});

	it('refuses unknown starts with "not found"', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		for (const start of [
			{ drillId: unknown },
			{ incidentReviewId: unknown },
			{ findingId: 'F-999999' },
			{ actionId: unknown }
		])
			await expect(traceFrom(h.db, start)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('lists, in the diff, the actions each changed section answers', async () => {
		const d = await diffVersions(h.db, planId, v1, v11, { answers: true });
		expect(d.diff.sections.find((s) => s.key === 'escalation')?.status).toBe('changed');
		expect(d.answers).toEqual({
			escalation: [expect.objectContaining({ actionId: a2.id, versionNumber: '1.1' })]
		});
		// legal-contact is linked but unchanged: nothing to annotate.
		// From 1.0 to the draft: the approved 1.1 in between and the draft itself count.
		const toDraft = await diffVersions(h.db, planId, v1, v12, { answers: true });
		expect(toDraft.answers?.escalation?.map((x) => [x.actionId, x.versionNumber])).toEqual([
			[a1.id, 'draft'],
			[a2.id, '1.1']
		]);
		// From 1.1 to the draft: only the draft's links (the draft did not change escalation).
		expect((await diffVersions(h.db, planId, v11, v12, { answers: true })).answers).toEqual({});
		// Without asking, the diff is as before.
		expect('answers' in (await diffVersions(h.db, planId, v1, v11))).toBe(false);
	});
});

describe('races (both engines)', () => {
	it('a link racing the approval of the plan draft is either resolved by it or lands in a new draft', async () => {
		for (let round = 0; round < 4; round++) {
			const { planId } = await approvedPlan();
			const a1 = await newAction();
			const a2 = await newAction();
			const draftId = await link(a1.id, planId, ['scope']);
			await submit(w.lead, draftId, '1.1');
			const [approval, late] = await Promise.allSettled([
				approveAs(w.admin, draftId),
				link(a2.id, planId, ['comms'])
			]);
			expect(approval.status).toBe('fulfilled');
			if (late.status === 'rejected') expect(late.reason).toBeInstanceOf(ConflictError);
			else expect(late.value).not.toBe(draftId);
			// Invariant: every action linked to an approved version was recorded as resolved.
			const unrecorded = await h.db
				.selectFrom('plan_version_actions as pva')
				.innerJoin('plan_versions as v', 'v.id', 'pva.plan_version_id')
				.innerJoin('corrective_actions as a', 'a.id', 'pva.action_id')
				.select('a.id')
				.where('v.plan_id', '=', planId)
				.where('v.status', '=', 'approved')
				.where((eb) =>
					eb.or([
						eb('a.resolved_by_version_id', 'is', null),
						eb('a.resolved_by_version_id', '!=', eb.ref('v.id'))
					])
				)
				.execute();
			expect(unrecorded).toEqual([]);
		}
	});

	it("an owner's status change racing the approval that resolves the action both succeed", async () => {
		for (let round = 0; round < 4; round++) {
			const { planId } = await approvedPlan();
			const action = await newAction();
			const draftId = await link(action.id, planId, ['scope']);
			await submit(w.lead, draftId, '1.1');
			const results = await Promise.allSettled([
				approveAs(w.admin, draftId),
				tx(h.db, (trx) => changeStatus(trx, actor(w.tara), action.id, 'in_progress', {}, at(90)))
			]);
			expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
				'ok',
				'ok'
			]);
			const row = await h.db
				.selectFrom('corrective_actions')
				.select(['status', 'resolved_by_version_id'])
				.where('id', '=', action.id)
				.executeTakeFirstOrThrow();
			expect(row).toEqual({ status: 'in_progress', resolved_by_version_id: draftId });
		}
	});
});
