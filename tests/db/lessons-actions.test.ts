import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { overrideRating } from '../../src/lib/server/drills/grading';
import { end, start } from '../../src/lib/server/drills/lifecycle';
import { addObservation } from '../../src/lib/server/drills/observations';
import {
	ConflictError,
	ForbiddenError,
	InvalidFormError,
	InvalidInputError,
	NotFoundError
} from '../../src/lib/server/errors';
import type { LessonActor } from '../../src/lib/server/lessons/actor';
import {
	addNote,
	changeStatus,
	createAction,
	editAction,
	getAction,
	listActions,
	overdueActions,
	type ActionInput
} from '../../src/lib/server/lessons/actions';
import {
	createFinding,
	getFinding,
	listFindings,
	promoteObservation,
	updateFinding,
	type FindingInput
} from '../../src/lib/server/lessons/findings';
import { improvementPlanCsv } from '../../src/lib/server/lessons/improvement-csv';
import { verificationCandidates, verifyAction } from '../../src/lib/server/lessons/verification';
import {
	actor as drillActor,
	at,
	drillWorld,
	ransomwareDrill,
	tx,
	type World
} from './drills-fixtures';
import { createTestDatabase } from './test-database';

// The life of a corrective action: drawn from a finding of an ended drill (or a real
// incident), worked on by its owner one step at a time, verified by evidence: a later
// drill's final rating, an approved plan version that carries it, or a lead's note. Bad
// input is refused naming the field, with nothing saved; two changes from the same status
// never both apply.

let h: DatabaseHandle;
let w: World;
let sourceDrill: string;
let approvedVersionId: string;
let draftVersionId: string;

const who = (u: User): LessonActor => ({ id: u.id, role: u.role, label: u.email, ip: null });

async function endedDrill(endAt: Date, ratings: Record<string, 'P' | 'S' | 'M' | 'U'> = {}) {
	const id = await ransomwareDrill(h.db, w);
	const startAt = new Date(endAt.getTime() - 20 * 60_000);
	await tx(h.db, (trx) => start(trx, drillActor(w.lead), id, startAt));
	for (const [objectiveId, rating] of Object.entries(ratings))
		await tx(h.db, (trx) =>
			overrideRating(trx, drillActor(w.lead), id, { objectiveId, rating, reason: 'Test.' }, startAt)
		);
	await tx(h.db, (trx) => end(trx, drillActor(w.lead), id, endAt));
	return id;
}

beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
	sourceDrill = await endedDrill(at(30));
	const versions = await h.db.selectFrom('plan_versions').select(['id', 'status']).execute();
	approvedVersionId = versions.find((v) => v.status === 'approved')!.id;
	draftVersionId = versions.find((v) => v.status === 'draft')!.id;
});
afterAll(() => h.close());

const finding = (input: Partial<FindingInput> = {}, by = w.lead) =>
	tx(h.db, (trx) =>
		createFinding(
			trx,
			who(by),
			{
				kind: 'area_for_improvement',
				source: { drillId: sourceDrill },
				objectiveId: 'obj-contain',
				title: 'Containment took too long',
				observation: 'The VPN stayed open for 95 minutes after declaration.',
				referenceSectionKey: 'escalation',
				analysis: 'Nobody owned the VPN kill switch.',
				recommendation: 'Name an owner for the kill switch.',
				...input
			},
			at(40)
		)
	);

const actionInput = (input: Partial<ActionInput> = {}): ActionInput => ({
	action: 'Write the VPN kill-switch runbook and name its owner.',
	element: 'planning',
	organisation: 'SOC',
	ownerId: w.tara.id,
	startDate: '2026-03-11',
	dueDate: '2026-04-30',
	...input
});

const newAction = (findingId: string, input: Partial<ActionInput> = {}, by = w.lead) =>
	tx(h.db, (trx) => createAction(trx, who(by), findingId, actionInput(input), at(45)));

const step = (u: User, actionId: string, to: string, extra = {}, when = at(60)) =>
	tx(h.db, (trx) => changeStatus(trx, who(u), actionId, to, extra, when));

const counts = async () => ({
	findings: (await h.db.selectFrom('findings').select('id').execute()).length,
	actions: (await h.db.selectFrom('corrective_actions').select('id').execute()).length,
	events: (await h.db.selectFrom('corrective_action_events').select('id').execute()).length,
	audit: (await h.db.selectFrom('audit_log').select('seq').execute()).length
});

/** Runs `work`, expects it to throw `kind` on `field`, and nothing to have been saved. */
async function refused(
	work: () => Promise<unknown>,
	kind: new (...args: never[]) => Error,
	field?: string,
	message?: RegExp
) {
	const before = await counts();
	const e = await work().then(
		() => null,
		(err: unknown) => err
	);
	expect(e, 'the change is refused').toBeInstanceOf(kind);
	if (field) expect((e as InvalidInputError).field).toBe(field);
	if (message) expect((e as Error).message).toMatch(message);
	expect(await counts(), 'nothing is saved').toEqual(before);
	return e as Error;
}

describe('findings', () => {
	it('are drawn from an ended drill, the capability following the objective, a section of the plan version it ran against', async () => {
		const { id, number } = await finding();
		const f = await getFinding(h.db, id);
		expect(f.number).toBe(number);
		expect(f.capability).toBe('containment');
		expect(f.objective?.id).toBe('obj-contain');
		expect(f.reference?.sectionKey).toBe('escalation');
		expect(f.reference?.section?.title).toBeTruthy();
		expect(f.source).toMatchObject({ kind: 'drill', id: sourceDrill });
		const audit = await h.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_id', '=', id)
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['finding.created']);
	});

	it('refuses a finding without a source, an objective not in the scenario, a section the plan version lacks, a drill still running', async () => {
		await refused(
			() => finding({ source: {} }),
			InvalidInputError,
			'source',
			/needs a source: a drill or an incident review/
		);
		await refused(() => finding({ objectiveId: 'obj-nope' }), InvalidInputError, 'objectiveId');
		await refused(
			() => finding({ referenceSectionKey: 'no-such-section' }),
			InvalidInputError,
			'referenceSectionKey',
			/has no section "no-such-section"/
		);
		await refused(() => finding({ capability: 'magic' }), InvalidInputError, 'capability');
		await refused(() => finding({ title: '  ' }), InvalidInputError, 'title');
		const running = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, drillActor(w.lead), running, at(1)));
		await refused(
			() => finding({ source: { drillId: running } }),
			InvalidInputError,
			'source',
			/once it has ended/
		);
		await refused(() => finding({}, w.tara), ForbiddenError);
		await refused(() => finding({}, w.auditor), ForbiddenError);
	});

	it('come from a real-incident review too, naming a capability (an incident has no objectives)', async () => {
		const review = await h.db
			.insertInto('incident_reviews')
			.values({
				reference: 'INC-2026-001',
				title: 'Phishing led to mailbox takeover',
				severity: 'SEV2',
				plan_id: (await h.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id,
				plan_version_id: approvedVersionId,
				aware_at: at(-600),
				created_by: w.lead.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await refused(
			() => finding({ source: { incidentReviewId: review.id } }),
			InvalidInputError,
			'objectiveId'
		);
		const f = await finding({
			source: { incidentReviewId: review.id },
			objectiveId: undefined,
			capability: 'communication'
		});
		const a = await newAction(f.id);
		expect((await listActions(h.db, { source: 'incident' })).map((x) => x.id)).toEqual([a.id]);
		expect((await listActions(h.db, { source: 'drill' })).map((x) => x.id)).not.toContain(a.id);
		expect((await listFindings(h.db, { source: 'incident' })).map((x) => x.id)).toEqual([f.id]);
	});

	it('promotes an observation in one step, once', async () => {
		const drillId = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, drillActor(w.lead), drillId, at(0)));
		const { observationId } = await tx(h.db, (trx) =>
			addObservation(
				trx,
				drillActor(w.lead),
				drillId,
				{
					text: 'Backups were reachable from the domain admin account.\nFound during inject 4.',
					objectiveId: 'obj-contain'
				},
				at(5)
			)
		);
		await tx(h.db, (trx) => end(trx, drillActor(w.lead), drillId, at(20)));
		const { id, number } = await tx(h.db, (trx) =>
			promoteObservation(trx, who(w.lead), observationId, at(25))
		);
		const f = await getFinding(h.db, id);
		expect(f).toMatchObject({
			kind: 'area_for_improvement',
			title: 'Backups were reachable from the domain admin account.',
			observationId,
			capability: 'containment',
			objective: { id: 'obj-contain' }
		});
		expect(f.observation).toContain('Found during inject 4.');
		await refused(
			() => tx(h.db, (trx) => promoteObservation(trx, who(w.lead), observationId, at(26))),
			ConflictError,
			'observationId',
			new RegExp(`already finding F-${number}`)
		);
	});

	it('are edited against the revision loaded; a stale one is refused', async () => {
		const { id } = await finding();
		const f = await getFinding(h.db, id);
		const edit = (revision: number, input = {}) =>
			tx(h.db, (trx) =>
				updateFinding(
					trx,
					who(w.lead),
					id,
					revision,
					{
						kind: f.kind,
						title: 'Containment took 95 minutes',
						observation: f.observation,
						objectiveId: 'obj-contain',
						...input
					},
					at(50)
				)
			);
		await edit(f.revision);
		expect((await getFinding(h.db, id)).title).toBe('Containment took 95 minutes');
		await refused(() => edit(f.revision), ConflictError, 'revision');
		await newAction(id);
		await refused(() => edit(f.revision + 1, { kind: 'strength' }), ConflictError, 'kind');
	});
});

describe('a corrective action', () => {
	it('goes open → in progress → done → verified, each change in its history and the audit trail', async () => {
		const f = await finding();
		const { id, number } = await newAction(f.id, { capability: '' });
		let a = await getAction(h.db, id);
		expect(a).toMatchObject({
			number,
			status: 'open',
			capability: 'containment',
			ownerId: w.tara.id
		});
		await step(w.tara, id, 'in_progress', { note: 'Started on the runbook.' });
		await tx(h.db, (trx) => addNote(trx, who(w.tara), id, 'Draft runbook shared.', at(70)));
		await step(w.tara, id, 'done', {}, new Date('2026-04-02T10:00:00Z'));
		a = await getAction(h.db, id);
		expect(a.status).toBe('done');
		expect(a.completedDate).toBe('2026-04-02');
		// Back to in progress clears the completion date; done again sets it.
		await step(
			w.lead,
			id,
			'in_progress',
			{ note: 'The runbook misses the VPN appliance.' },
			new Date('2026-04-03T10:00:00Z')
		);
		expect((await getAction(h.db, id)).completedDate).toBeNull();
		await step(w.tara, id, 'done', {}, new Date('2026-04-05T10:00:00Z'));
		await tx(h.db, (trx) =>
			verifyAction(
				trx,
				who(w.lead),
				id,
				{ kind: 'note', note: 'Tabletop walk-through passed.', reference: 'DOC-881' },
				new Date('2026-04-06T10:00:00Z')
			)
		);
		a = await getAction(h.db, id);
		expect(a.status).toBe('verified');
		expect(a.verification).toMatchObject({ kind: 'note', reference: 'DOC-881' });
		expect(a.history.map((e) => [e.kind, e.from, e.to])).toEqual([
			['created', null, 'open'],
			['status', 'open', 'in_progress'],
			['note', null, null],
			['status', 'in_progress', 'done'],
			['status', 'done', 'in_progress'],
			['status', 'in_progress', 'done'],
			['verified', 'done', 'verified']
		]);
		const audit = await h.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_id', '=', id)
			.orderBy('seq')
			.execute();
		expect(audit.map((x) => x.action)).toEqual([
			'action.created',
			'action.status_changed',
			'action.noted',
			'action.status_changed',
			'action.status_changed',
			'action.status_changed',
			'action.verified'
		]);
		// A verified action is closed.
		await refused(() => step(w.lead, id, 'in_progress'), ConflictError, 'status');
	});

	it('refuses a due date before the start, an owner disabled, unknown or an auditor, a strength, nothing saved', async () => {
		const f = await finding();
		await refused(
			() => newAction(f.id, { startDate: '2026-05-01', dueDate: '2026-04-30' }),
			InvalidInputError,
			'dueDate',
			/before the start/
		);
		await refused(() => newAction(f.id, { dueDate: '2026-02-30' }), InvalidInputError, 'dueDate');
		await refused(
			() => newAction(f.id, { ownerId: '00000000-0000-4000-8000-000000000000' }),
			InvalidInputError,
			'ownerId'
		);
		await refused(() => newAction(f.id, { ownerId: w.auditor.id }), InvalidInputError, 'ownerId');
		await h.db
			.updateTable('users')
			.set({ disabled_at: at(0) })
			.where('id', '=', w.other.id)
			.execute();
		await refused(
			() => newAction(f.id, { ownerId: w.other.id }),
			InvalidInputError,
			'ownerId',
			/disabled/
		);
		await refused(() => newAction(f.id, { element: 'magic' }), InvalidInputError, 'element');
		await refused(() => newAction(f.id, {}, w.tara), ForbiddenError);
		const strength = await finding({ kind: 'strength' });
		await refused(() => newAction(strength.id), ConflictError, 'findingId');
	});

	it('names every bad field of an action at once, so the form marks them all', async () => {
		const f = await finding();
		const e = await refused(
			() =>
				newAction(f.id, {
					action: '  ',
					organisation: '',
					startDate: '2026-05-01',
					dueDate: '2026-04-30',
					ownerId: w.auditor.id
				}),
			InvalidFormError
		);
		expect(Object.keys((e as InvalidFormError).fieldErrors).sort()).toEqual([
			'action',
			'dueDate',
			'organisation',
			'ownerId'
		]);
		expect((e as InvalidFormError).fieldErrors.dueDate).toMatch(/before the start/);
	});

	it('moves one step at a time: a jump, a verification without evidence, a cancel without reason are refused', async () => {
		const f = await finding();
		const { id } = await newAction(f.id);
		await refused(
			() => step(w.tara, id, 'done'),
			InvalidInputError,
			'status',
			/An open action goes to in progress first/
		);
		await refused(() => step(w.lead, id, 'verified'), InvalidInputError, 'status');
		await refused(() => step(w.lead, id, 'sideways'), InvalidInputError, 'status');
		await refused(() => step(w.lead, id, 'cancelled'), InvalidInputError, 'reason');
		await refused(() => step(w.lead, id, 'open'), ConflictError, 'status');
		await step(w.lead, id, 'cancelled', { reason: 'Superseded by the new VPN.' });
		const a = await getAction(h.db, id);
		expect(a).toMatchObject({ status: 'cancelled', cancelReason: 'Superseded by the new VPN.' });
	});

	it('is worked on by its owner or a lead: other trainees do not see it, auditors only read', async () => {
		const f = await finding();
		const { id } = await newAction(f.id);
		await refused(() => step(w.sam, id, 'in_progress'), NotFoundError);
		await refused(
			() => tx(h.db, (trx) => addNote(trx, who(w.sam), id, 'Hi', at(61))),
			NotFoundError
		);
		await refused(() => step(w.auditor, id, 'in_progress'), ForbiddenError);
		// The owner may not cancel, edit or verify.
		await refused(() => step(w.tara, id, 'cancelled', { reason: 'Bored.' }), ForbiddenError);
		const a = await getAction(h.db, id);
		await refused(
			() =>
				tx(h.db, (trx) =>
					editAction(trx, who(w.tara), id, a.revision, actionInput({ organisation: 'IT' }), at(62))
				),
			ForbiddenError
		);
		// A lead edits against the revision loaded.
		await tx(h.db, (trx) =>
			editAction(
				trx,
				who(w.lead),
				id,
				a.revision,
				actionInput({ organisation: 'IT operations', ownerId: w.sam.id }),
				at(63)
			)
		);
		const edited = await getAction(h.db, id);
		expect(edited).toMatchObject({ organisation: 'IT operations', ownerId: w.sam.id });
		expect(edited.history.at(-1)?.detail).toMatchObject({
			changes: { organisation: { from: 'SOC', to: 'IT operations' } }
		});
		await refused(
			() =>
				tx(h.db, (trx) =>
					editAction(trx, who(w.lead), id, a.revision, actionInput({ organisation: 'X' }), at(64))
				),
			ConflictError,
			'revision'
		);
		await refused(
			() =>
				tx(h.db, (trx) =>
					editAction(
						trx,
						who(w.lead),
						id,
						edited.revision,
						actionInput({ ownerId: w.sam.id, startDate: '2026-06-01', dueDate: '2026-05-01' }),
						at(64)
					)
				),
			InvalidInputError,
			'dueDate'
		);
	});

	it('takes only one of two concurrent status changes from the same status', async () => {
		const f = await finding();
		const { id } = await newAction(f.id);
		const results = await Promise.allSettled([
			step(w.tara, id, 'in_progress'),
			step(w.lead, id, 'in_progress')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(ConflictError);
		const a = await getAction(h.db, id);
		expect(a.history.filter((e) => e.kind === 'status')).toHaveLength(1);
	});

	it('is overdue while open or in progress after its due date, on the dashboard and for its owner', async () => {
		const f = await finding();
		const late = await newAction(f.id, { startDate: '2026-01-01', dueDate: '2026-02-01' });
		const lateDone = await newAction(f.id, { startDate: '2026-01-01', dueDate: '2026-02-01' });
		await step(w.tara, lateDone.id, 'in_progress');
		await step(w.tara, lateDone.id, 'done');
		const onTime = await newAction(f.id, { startDate: '2026-01-01', dueDate: '2026-12-01' });
		const ids = (list: { id: string }[]) => list.map((a) => a.id);
		const overdue = await overdueActions(h.db, '2026-03-15');
		expect(ids(overdue)).toContain(late.id);
		expect(ids(overdue)).not.toContain(lateDone.id);
		expect(ids(overdue)).not.toContain(onTime.id);
		expect(ids(await overdueActions(h.db, '2026-03-15', w.sam.id))).not.toContain(late.id);
		expect(ids(await overdueActions(h.db, '2026-03-15', w.tara.id))).toContain(late.id);
		const listed = await listActions(h.db, { findingId: f.id }, '2026-03-15');
		expect(listed.find((a) => a.id === late.id)?.overdue).toBe(true);
		expect(listed.find((a) => a.id === onTime.id)?.overdue).toBe(false);
	});
});

describe('verification', () => {
	it('by a later drill: the final rating (override included) for the finding objective must be P or S', async () => {
		const f = await finding();
		const { id } = await newAction(f.id);
		await step(w.tara, id, 'in_progress');
		const verify = (drillId: string) =>
			tx(h.db, (trx) => verifyAction(trx, who(w.lead), id, { kind: 'drill', drillId }, at(500)));
		// Not done yet.
		await refused(() => verify(sourceDrill), ConflictError, 'status');
		await step(w.tara, id, 'done');
		await refused(() => verify(sourceDrill), InvalidInputError, 'drillId', /a later drill/);
		const retestM = await endedDrill(at(200), { 'obj-contain': 'M' });
		await refused(() => verify(retestM), InvalidInputError, 'drillId', /rated M/);
		const retestP = await endedDrill(at(300), { 'obj-contain': 'P', 'obj-detect': 'U' });
		const candidates = await verificationCandidates(h.db, id);
		const byId = new Map(candidates.drills.map((d) => [d.id, d.verdict]));
		expect(byId.get(retestM)).toMatchObject({ rating: 'M', on: 'objective', verifies: false });
		expect(byId.get(retestP)).toMatchObject({ rating: 'P', on: 'objective', verifies: true });
		expect(byId.has(sourceDrill)).toBe(false);
		await verify(retestP);
		const a = await getAction(h.db, id);
		expect(a.status).toBe('verified');
		expect(a.verification?.drill?.id).toBe(retestP);
		expect(a.history.at(-1)?.detail).toMatchObject({ kind: 'drill', rating: 'P', on: 'objective' });
	});

	it('by an approved plan version that carries the action, not a draft or an unrelated version', async () => {
		const f = await finding();
		const { id } = await newAction(f.id);
		await step(w.tara, id, 'in_progress');
		await step(w.tara, id, 'done');
		const verify = (versionId: string) =>
			tx(h.db, (trx) =>
				verifyAction(trx, who(w.lead), id, { kind: 'plan_version', versionId }, at(500))
			);
		await refused(
			() => verify(approvedVersionId),
			InvalidInputError,
			'versionId',
			/does not carry/
		);
		await h.db
			.insertInto('plan_version_actions')
			.values({
				plan_version_id: draftVersionId,
				action_id: id,
				section_keys: JSON.stringify(['escalation']),
				added_by: w.lead.id,
				added_at: at(100)
			})
			.execute();
		await refused(() => verify(draftVersionId), InvalidInputError, 'versionId', /not approved/);
		await h.db
			.insertInto('plan_version_actions')
			.values({
				plan_version_id: approvedVersionId,
				action_id: id,
				section_keys: JSON.stringify(['escalation']),
				added_by: w.lead.id,
				added_at: at(100)
			})
			.execute();
		expect((await verificationCandidates(h.db, id)).versions.map((v) => v.id)).toEqual([
			approvedVersionId
		]);
		expect((await getAction(h.db, id)).planLinks.map((l) => l.number)).toContain('draft');
		await verify(approvedVersionId);
		expect((await getAction(h.db, id)).verification?.planVersion?.id).toBe(approvedVersionId);
	});

	it('by a note needs the note and a reference, and a lead', async () => {
		const f = await finding();
		const { id } = await newAction(f.id);
		await step(w.tara, id, 'in_progress');
		await step(w.tara, id, 'done');
		const verify = (u: User, note: string, reference: string) =>
			tx(h.db, (trx) => verifyAction(trx, who(u), id, { kind: 'note', note, reference }, at(500)));
		await refused(() => verify(w.lead, 'Walk-through passed.', ''), InvalidInputError, 'reference');
		await refused(() => verify(w.lead, '', 'DOC-1'), InvalidInputError, 'note');
		await refused(() => verify(w.tara, 'I did it.', 'DOC-1'), ForbiddenError);
	});
});

describe('the improvement plan as CSV', () => {
	it('has the HSEEP columns and neutralises formulas', async () => {
		const f = await finding();
		await newAction(f.id, { action: '=HYPERLINK("http://evil.example")', organisation: '+SOC' });
		const csv = improvementPlanCsv(await listActions(h.db, { findingId: f.id }));
		const [head, line] = csv.split('\r\n');
		expect(head).toBe(
			'Capability,Area for improvement,Corrective action,Capability element,Primary responsible organisation,Point of contact,Start,Due,Completed,Status,Source'
		);
		expect(line).toContain("'+SOC");
		expect(line).not.toMatch(/,=/);
		expect(line).toContain('Containment');
	});
});
