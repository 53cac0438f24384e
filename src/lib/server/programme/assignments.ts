import { sql, type Kysely, type Transaction } from 'kysely';
import { isCalendarDate } from '../../dates';
import { can, type Role } from '../../permissions';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { drillResults } from '../drills/results';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { boundedText, fieldChecks } from '../lessons/checks';
import { findScenario, fullLibrary } from '../scenarios/custom';
import { activeUsersWho, isUuid } from '../users/users';

// Assigned practice: a lead gives a solo-ready scenario to trainees with a due date and a
// note. An assignment is completed by the trainee's first solo drill of that scenario that
// ended after it was assigned (its score is the assignment's); until then it is open, and
// overdue once its due date has passed. One open assignment per scenario and trainee: the
// partial unique index refuses a second, even from two leads at the same moment.

export type AssignmentActor = AuditActor & { id: string; role: Role };

export type AssignmentStatus = 'open' | 'overdue' | 'completed' | 'cancelled';

export const MAX_TRAINEES_PER_ASSIGNMENT = 50;
export const MAX_NOTE_CHARS = 2000;
/** How far ahead a due date may be: a year is a plan, ten is a typo. */
const MAX_DUE_DAYS = 366;
const OPEN_ONCE = 'practice_assignments_open_once';
const LIST_LIMIT = 500;

export type AssignmentView = {
	id: string;
	scenarioId: string;
	scenarioTitle: string;
	traineeId: string;
	traineeName: string;
	dueDate: string;
	note: string;
	assignedByName: string;
	assignedAt: Date;
	cancelledAt: Date | null;
	status: AssignmentStatus;
	/** The solo drill that completed it, with its score. */
	completion: {
		drillId: string;
		endedAt: Date;
		share: number | null;
		points: number;
		max: number;
		late: boolean;
	} | null;
};

export const assignmentTarget = (id: string) => ({ type: 'practice_assignment', id });

function assertAssigner(actor: AssignmentActor, what: string) {
	if (!can(actor.role, 'practice.assign'))
		throw new ForbiddenError(`Only a SOC lead or an admin may ${what}.`);
}

const addDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The scenario to assign: it exists, is valid and is solo-ready (field `scenarioId`). */
async function soloScenario(trx: Transaction<Database>, scenarioId: unknown) {
	const id = typeof scenarioId === 'string' ? scenarioId.trim() : '';
	if (!id) throw new InvalidInputError('Choose a scenario to assign.', 'scenarioId');
	const found = id.length <= 100 ? await findScenario(trx, id).catch(() => null) : null;
	if (!found) throw new InvalidInputError('No such scenario.', 'scenarioId');
	const scenario = found.entry.scenario;
	if (!scenario)
		throw new InvalidInputError(
			'This scenario has errors; fix it before assigning it.',
			'scenarioId'
		);
	if (!scenario.solo)
		throw new InvalidInputError(
			'This scenario is not solo-ready (it needs a facilitator to grade), so it cannot be practised alone.',
			'scenarioId'
		);
	return { id: scenario.id, title: scenario.title };
}

/** The trainees: active users whose role may practise (field `traineeIds`). */
async function checkTrainees(trx: Transaction<Database>, raw: unknown) {
	const given = (Array.isArray(raw) ? raw : raw === undefined || raw === '' ? [] : [raw]).map(
		(v) => (typeof v === 'string' ? v.trim() : '')
	);
	if (!given.length) throw new InvalidInputError('Choose at least one trainee.', 'traineeIds');
	if (given.length > MAX_TRAINEES_PER_ASSIGNMENT)
		throw new InvalidInputError(
			`Assign to at most ${MAX_TRAINEES_PER_ASSIGNMENT} people at once.`,
			'traineeIds'
		);
	const ids = [...new Set(given)];
	if (!ids.every(isUuid)) throw new InvalidInputError('No such user.', 'traineeIds');
	const users = await trx
		.selectFrom('users')
		.select(['id', 'display_name', 'role', 'disabled_at'])
		.where('id', 'in', ids)
		.execute();
	return ids.map((id) => {
		const user = users.find((u) => u.id === id);
		if (!user) throw new InvalidInputError('No such user.', 'traineeIds');
		if (user.disabled_at)
			throw new InvalidInputError(
				`${user.display_name}'s account is disabled: choose someone active.`,
				'traineeIds'
			);
		if (!can(user.role, 'drills.practise'))
			throw new InvalidInputError(
				`${user.display_name} may not practise drills (auditors only read).`,
				'traineeIds'
			);
		return { id: user.id, name: user.display_name };
	});
}

function dueDateOf(value: unknown, today: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new InvalidInputError('Give the due date.', 'dueDate');
	if (!isCalendarDate(text))
		throw new InvalidInputError('The due date must be a date like 2026-12-31.', 'dueDate');
	if (text < today)
		throw new InvalidInputError(`The due date is in the past (today is ${today}).`, 'dueDate');
	if (text > addDays(today, MAX_DUE_DAYS))
		throw new InvalidInputError('Set a due date within a year.', 'dueDate');
	return text;
}

const alreadyAssigned = (name: string, title: string, due?: string) =>
	new ConflictError(
		`${name} already has “${title}” to practise${due ? ` (due ${due})` : ''}; cancel that assignment first or choose another scenario.`,
		'traineeIds'
	);

export type AssignInput = {
	scenarioId: unknown;
	traineeIds: unknown;
	dueDate: unknown;
	note?: unknown;
};

/** Assigns a solo-ready scenario to one or more trainees; every bad field named at once. */
export async function assignPractice(
	trx: Transaction<Database>,
	actor: AssignmentActor,
	input: AssignInput,
	now: Date
): Promise<{ ids: string[] }> {
	assertAssigner(actor, 'assign practice');
	const today = now.toISOString().slice(0, 10);
	const c = fieldChecks();
	const scenario = await c.fieldAsync(() => soloScenario(trx, input.scenarioId), null);
	const trainees = await c.fieldAsync(() => checkTrainees(trx, input.traineeIds), []);
	const dueDate = c.field(() => dueDateOf(input.dueDate, today), '');
	const note = c.field(() => boundedText(input.note, 'note', MAX_NOTE_CHARS), '');
	c.done();
	if (!scenario) throw new InvalidInputError('Choose a scenario to assign.', 'scenarioId');

	const open = await trx
		.selectFrom('practice_assignments')
		.select(['trainee_id', 'due_date'])
		.where('scenario_id', '=', scenario.id)
		.where(
			'trainee_id',
			'in',
			trainees.map((t) => t.id)
		)
		.where('cancelled_at', 'is', null)
		.execute();
	for (const t of trainees) {
		const existing = open.find((o) => o.trainee_id === t.id);
		if (existing) throw alreadyAssigned(t.name, scenario.title, existing.due_date);
	}

	const ids: string[] = [];
	for (const t of trainees) {
		// A lead assigning the same at the same moment passes the check above; the index then
		// refuses one of the two, and the savepoint keeps the transaction usable to say so.
		await sql`savepoint practice_assignment`.execute(trx);
		let row: { id: string };
		try {
			row = await trx
				.insertInto('practice_assignments')
				.values({
					scenario_id: scenario.id,
					trainee_id: t.id,
					due_date: dueDate,
					note,
					assigned_by: actor.id,
					assigned_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await sql`release savepoint practice_assignment`.execute(trx);
		} catch (e) {
			if (!isUniqueViolation(e, OPEN_ONCE)) throw e;
			await sql`rollback to savepoint practice_assignment`.execute(trx);
			throw alreadyAssigned(t.name, scenario.title);
		}
		await audit.append(trx, actor, 'practice.assigned', assignmentTarget(row.id), {
			scenarioId: scenario.id,
			traineeId: t.id,
			dueDate,
			...(note ? { note: note.slice(0, 200) } : {})
		});
		ids.push(row.id);
	}
	return { ids };
}

/** Cancels an open assignment (a completed one stays as the record of the practice done). */
export async function cancelAssignment(
	trx: Transaction<Database>,
	actor: AssignmentActor,
	assignmentId: string,
	now: Date
): Promise<void> {
	assertAssigner(actor, 'cancel assigned practice');
	const row = isUuid(assignmentId)
		? await trx
				.selectFrom('practice_assignments')
				.selectAll()
				.where('id', '=', assignmentId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such assignment.');
	if (row.cancelled_at) throw new ConflictError('This assignment is already cancelled.');
	const done = await completions(trx, [row]);
	if (done.has(row.id))
		throw new ConflictError('This assignment is completed; a completed one is not cancelled.');
	await trx
		.updateTable('practice_assignments')
		.set({ cancelled_at: now, cancelled_by: actor.id })
		.where('id', '=', row.id)
		.execute();
	await audit.append(trx, actor, 'practice.assignment_cancelled', assignmentTarget(row.id), {
		scenarioId: row.scenario_id,
		traineeId: row.trainee_id
	});
}

type AssignmentKey = { id: string; scenario_id: string; trainee_id: string; assigned_at: Date };
type Completion = { drillId: string; endedAt: Date };

/** For each assignment, the trainee's first solo drill of its scenario ended after it. */
async function completions(
	db: Kysely<Database>,
	rows: AssignmentKey[]
): Promise<Map<string, Completion>> {
	const out = new Map<string, Completion>();
	if (!rows.length) return out;
	const earliest = new Date(Math.min(...rows.map((r) => r.assigned_at.getTime())));
	const drills = await db
		.selectFrom('drills as d')
		.innerJoin('drill_members as m', (j) =>
			j.onRef('m.drill_id', '=', 'd.id').on('m.kind', '=', 'participant')
		)
		.select(['d.id', 'd.scenario_id', 'd.ended_at', 'm.user_id'])
		.where('d.mode', '=', 'solo')
		.where('d.status', '=', 'ended')
		.where('d.ended_at', '>', earliest)
		.where('m.user_id', 'in', [...new Set(rows.map((r) => r.trainee_id))])
		.where('d.scenario_id', 'in', [...new Set(rows.map((r) => r.scenario_id))])
		.orderBy('d.ended_at')
		.execute();
	for (const r of rows) {
		const first = drills.find(
			(d) =>
				d.user_id === r.trainee_id &&
				d.scenario_id === r.scenario_id &&
				d.ended_at !== null &&
				d.ended_at > r.assigned_at
		);
		if (first) out.set(r.id, { drillId: first.id, endedAt: first.ended_at! });
	}
	return out;
}

export type AssignmentFilter = {
	id?: string;
	traineeId?: string;
	/** Leave out cancelled ones. */
	current?: boolean;
	status?: AssignmentStatus;
	limit?: number;
	/** Read the completing drills' scores (false: a to-do list that drops completed ones). */
	scores?: boolean;
};

/** Assignments with their completion and score, soonest due first. */
export async function listAssignments(
	db: Kysely<Database>,
	filter: AssignmentFilter,
	today: string
): Promise<AssignmentView[]> {
	let query = db
		.selectFrom('practice_assignments as a')
		.innerJoin('users as t', 't.id', 'a.trainee_id')
		.innerJoin('users as b', 'b.id', 'a.assigned_by')
		.select([
			'a.id',
			'a.scenario_id',
			'a.trainee_id',
			'a.due_date',
			'a.note',
			'a.assigned_at',
			'a.cancelled_at',
			't.display_name as trainee_name',
			'b.display_name as assigned_by_name'
		]);
	if (filter.id) query = query.where('a.id', '=', filter.id);
	if (filter.traineeId) query = query.where('a.trainee_id', '=', filter.traineeId);
	if (filter.current || (filter.status && filter.status !== 'cancelled'))
		query = query.where('a.cancelled_at', 'is', null);
	if (filter.status === 'cancelled') query = query.where('a.cancelled_at', 'is not', null);
	const rows = await query
		.orderBy('a.due_date')
		.orderBy('t.display_name')
		.orderBy('a.assigned_at')
		.limit(Math.min(filter.limit ?? LIST_LIMIT, LIST_LIMIT))
		.execute();
	const done = await completions(db, rows);
	const titles = new Map((await fullLibrary(db)).map((e) => [e.id, e.scenario?.title ?? e.id]));
	const scores = new Map<string, { share: number | null; points: number; max: number }>();
	for (const c of filter.scores === false ? [] : done.values())
		if (!scores.has(c.drillId)) {
			const { totals } = await drillResults(db, c.drillId);
			scores.set(c.drillId, { share: totals.share, points: totals.points, max: totals.max });
		}
	const views = rows.map((r): AssignmentView => {
		const c = done.get(r.id);
		const completion = c
			? {
					...c,
					...(scores.get(c.drillId) ?? { share: null, points: 0, max: 0 }),
					late: c.endedAt.toISOString().slice(0, 10) > r.due_date
				}
			: null;
		const status: AssignmentStatus = r.cancelled_at
			? 'cancelled'
			: completion
				? 'completed'
				: r.due_date < today
					? 'overdue'
					: 'open';
		return {
			id: r.id,
			scenarioId: r.scenario_id,
			scenarioTitle: titles.get(r.scenario_id) ?? r.scenario_id,
			traineeId: r.trainee_id,
			traineeName: r.trainee_name,
			dueDate: r.due_date,
			note: r.note,
			assignedByName: r.assigned_by_name,
			assignedAt: r.assigned_at,
			cancelledAt: r.cancelled_at,
			status,
			completion
		};
	});
	return filter.status ? views.filter((v) => v.status === filter.status) : views;
}

/**
 * One assignment as the viewer may see it: leads and admins any, a trainee only their own
 * (anyone else's does not exist for them).
 */
export async function getAssignment(
	db: Kysely<Database>,
	viewer: { id: string; role: Role },
	assignmentId: string,
	today: string
): Promise<AssignmentView> {
	if (!isUuid(assignmentId)) throw new NotFoundError('No such assignment.');
	const row = await db
		.selectFrom('practice_assignments')
		.select(['id', 'trainee_id'])
		.where('id', '=', assignmentId)
		.executeTakeFirst();
	if (!row || (!can(viewer.role, 'practice.assign') && row.trainee_id !== viewer.id))
		throw new NotFoundError('No such assignment.');
	const [view] = await listAssignments(db, { id: row.id }, today);
	if (!view) throw new NotFoundError('No such assignment.');
	return view;
}

/** The trainee's assignments still to do (overdue first, then by due date), for the dashboard. */
export async function assignmentsFor(
	db: Kysely<Database>,
	traineeId: string,
	today: string
): Promise<AssignmentView[]> {
	const mine = await listAssignments(db, { traineeId, current: true, scores: false }, today);
	return mine.filter((a) => a.status === 'open' || a.status === 'overdue');
}

/** Who may be given practice: active users whose role may practise, trainees first. */
export async function traineeChoices(
	db: Kysely<Database>
): Promise<{ id: string; name: string; role: Role }[]> {
	const users = await activeUsersWho(db, 'drills.practise');
	return users.sort((a, b) => Number(b.role === 'trainee') - Number(a.role === 'trainee'));
}
