import type { Transaction } from 'kysely';
import {
	actionLabel,
	actionStatusLabels,
	capabilityElements,
	statusSteps,
	type ActionStatus,
	type CapabilityElement
} from '../../lessons/words';
import { can } from '../../permissions';
import { capabilities } from '../../scenarios/schema';
import * as audit from '../audit/log';
import type { Database } from '../db/schema';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { todayUtc } from '../plans/versions';
import { isUuid } from '../users/users';
import { holds, type LessonActor } from './actor';
import {
	actionTarget,
	assertWorksOn,
	isActionStatus,
	lockAction,
	recordEvent
} from './action-rows';
import {
	assertLessonEditor,
	calendarDate,
	fieldChecks,
	optionalText,
	requiredText
} from './checks';

// Corrective actions: the rows of the HSEEP improvement plan. A lead creates and edits them;
// the owner (the point of contact) moves one step at a time (open → in progress → done, or
// back from done to in progress) and adds progress notes; a lead cancels with a reason and
// verifies with evidence (verification.ts). Each change: the row lock, one history row, one
// audit entry, in the caller's transaction.

export type ActionInput = {
	capability?: unknown;
	action: unknown;
	element: unknown;
	organisation: unknown;
	ownerId: unknown;
	startDate: unknown;
	dueDate: unknown;
};

const closed: readonly ActionStatus[] = ['verified', 'cancelled'];

async function checkOwner(trx: Transaction<Database>, ownerId: unknown): Promise<string> {
	const id = typeof ownerId === 'string' ? ownerId.trim() : '';
	if (!id) throw new InvalidInputError('Choose the point of contact.', 'ownerId');
	const user = isUuid(id)
		? await trx
				.selectFrom('users')
				.select(['id', 'display_name', 'role', 'disabled_at'])
				.where('id', '=', id)
				.executeTakeFirst()
		: undefined;
	if (!user) throw new InvalidInputError('No such user.', 'ownerId');
	if (user.disabled_at)
		throw new InvalidInputError(
			`${user.display_name}'s account is disabled: choose someone active.`,
			'ownerId'
		);
	if (!can(user.role, 'actions.own'))
		throw new InvalidInputError(
			`${user.display_name} is an auditor and only reads: choose a lead, an admin or a trainee.`,
			'ownerId'
		);
	return user.id;
}

/**
 * The columns of an action's fields, every bad field reported at once; the owner is checked
 * when it is (re)assigned.
 */
async function checkFields(
	trx: Transaction<Database>,
	input: ActionInput,
	defaults: { capability: string | null; ownerId?: string }
) {
	const c = fieldChecks();
	const action = c.field(
		() => requiredText(input.action, 'action', 4000, 'Say what will be done.'),
		''
	);
	if (!capabilityElements.includes(input.element as CapabilityElement))
		c.problem(
			'element',
			'Choose the capability element: planning, organisation, equipment, training or exercise.'
		);
	const organisation = c.field(
		() =>
			requiredText(
				input.organisation,
				'organisation',
				200,
				'Name the primary responsible organisation.'
			),
		''
	);
	const capability = c.field(() => {
		const given = optionalText(input.capability, 'capability', 100) ?? defaults.capability;
		if (given && !(capabilities as readonly string[]).includes(given))
			throw new InvalidInputError(
				`"${given}" is not a capability; use one of ${capabilities.join(', ')}.`,
				'capability'
			);
		return given;
	}, null);
	const startDate = c.field(() => calendarDate(input.startDate, 'startDate', 'start date'), '');
	const dueDate = c.field(() => calendarDate(input.dueDate, 'dueDate', 'due date'), '');
	if (startDate && dueDate && dueDate < startDate)
		c.problem('dueDate', `The due date (${dueDate}) is before the start (${startDate}).`);
	const ownerId =
		defaults.ownerId && input.ownerId === defaults.ownerId
			? defaults.ownerId
			: await c.fieldAsync(() => checkOwner(trx, input.ownerId), '');
	c.done();
	return {
		action,
		element: input.element as CapabilityElement,
		organisation,
		capability,
		start_date: startDate,
		due_date: dueDate,
		owner_id: ownerId
	};
}

/** A new corrective action answering an area for improvement. */
export async function createAction(
	trx: Transaction<Database>,
	actor: LessonActor,
	findingId: string,
	input: ActionInput,
	now: Date
): Promise<{ id: string; number: number }> {
	assertLessonEditor(actor, 'create corrective actions');
	const finding = isUuid(findingId)
		? await trx
				.selectFrom('findings')
				.select(['id', 'number', 'kind', 'capability'])
				.where('id', '=', findingId)
				.forShare()
				.executeTakeFirst()
		: undefined;
	if (!finding) throw new NotFoundError('No such finding.');
	if (finding.kind !== 'area_for_improvement')
		throw new ConflictError(
			'A strength needs no corrective action: actions answer areas for improvement.',
			'findingId'
		);
	const fields = await checkFields(trx, input, { capability: finding.capability });
	const row = await trx
		.insertInto('corrective_actions')
		.values({
			...fields,
			finding_id: finding.id,
			created_by: actor.id,
			created_at: now,
			updated_at: now
		})
		.returning(['id', 'number'])
		.executeTakeFirstOrThrow();
	await recordEvent(trx, row.id, actor.id, 'created', now, {
		to: 'open',
		detail: { ownerId: fields.owner_id, dueDate: fields.due_date }
	});
	await audit.append(trx, actor, 'action.created', actionTarget(row.id), {
		number: row.number,
		findingId: finding.id,
		ownerId: fields.owner_id,
		startDate: fields.start_date,
		dueDate: fields.due_date
	});
	return row;
}

const editable = [
	'action',
	'element',
	'organisation',
	'capability',
	'start_date',
	'due_date',
	'owner_id'
] as const;

/** A lead edits an action's fields; `revision` is the one they loaded. */
export async function editAction(
	trx: Transaction<Database>,
	actor: LessonActor,
	actionId: string,
	revision: number,
	input: ActionInput,
	now: Date
): Promise<void> {
	assertLessonEditor(actor, 'edit corrective actions');
	const row = await lockAction(trx, actionId);
	if (row.revision !== revision)
		throw new ConflictError(
			'Someone else changed this action after you opened it. Reload it and make your change again.',
			'revision'
		);
	if (closed.includes(row.status))
		throw new ConflictError(
			`${actionLabel(row.number)} is ${actionStatusLabels[row.status].toLowerCase()}: a closed action is not edited.`,
			'status'
		);
	const fields = await checkFields(trx, input, {
		capability: null,
		ownerId: row.owner_id
	});
	const changes: Record<string, { from: unknown; to: unknown }> = {};
	for (const k of editable) if (fields[k] !== row[k]) changes[k] = { from: row[k], to: fields[k] };
	if (!Object.keys(changes).length) return;
	await trx
		.updateTable('corrective_actions')
		.set({ ...fields, revision: row.revision + 1, updated_at: now })
		.where('id', '=', row.id)
		.execute();
	await recordEvent(trx, row.id, actor.id, 'edited', now, { detail: { changes } });
	await audit.append(trx, actor, 'action.edited', actionTarget(row.id), {
		number: row.number,
		changes
	});
}

function stepRefusal(from: ActionStatus, to: ActionStatus): string {
	if (from === 'open' && to === 'done') return 'An open action goes to in progress first.';
	if (to === 'open') return 'An action never goes back to open: in progress is the way back.';
	return `An action that is ${actionStatusLabels[from].toLowerCase()} cannot become ${actionStatusLabels[to].toLowerCase()}.`;
}

/**
 * Moves an action one step (words.statusSteps): its owner or a lead; cancelling (a lead,
 * with a reason) ends it; done sets the completion date, back to in progress clears it.
 * Verification has its own step with evidence (verifyAction).
 */
export async function changeStatus(
	trx: Transaction<Database>,
	actor: LessonActor,
	actionId: string,
	to: unknown,
	extra: { note?: unknown; reason?: unknown },
	now: Date
): Promise<{ from: ActionStatus; to: ActionStatus }> {
	const row = await lockAction(trx, actionId);
	const as = assertWorksOn(actor, row, 'change its status');
	if (!isActionStatus(to))
		throw new InvalidInputError('Choose open, in progress, done or cancelled.', 'status');
	if (to === 'verified')
		throw new InvalidInputError(
			'Verifying needs evidence: a lead verifies a done action with a drill, a plan version or a note.',
			'status'
		);
	if (to === 'cancelled' && !holds(actor, 'lessons.edit'))
		throw new ForbiddenError('Only a SOC lead or an admin may cancel an action.');
	if (closed.includes(row.status))
		throw new ConflictError(
			`${actionLabel(row.number)} is ${actionStatusLabels[row.status].toLowerCase()} and closed.`,
			'status'
		);
	if (to === row.status)
		throw new ConflictError(
			`${actionLabel(row.number)} is already ${actionStatusLabels[to].toLowerCase()}.`,
			'status'
		);
	if (!statusSteps[row.status].includes(to))
		throw new InvalidInputError(stepRefusal(row.status, to), 'status');
	const reason =
		to === 'cancelled'
			? requiredText(extra.reason, 'reason', 2000, 'Say why the action is cancelled.')
			: null;
	const note = optionalText(extra.note, 'note', 4000);
	const completed =
		to === 'done' ? todayUtc(now) : to === 'in_progress' ? null : row.completed_date;
	await trx
		.updateTable('corrective_actions')
		.set({ status: to, completed_date: completed, cancel_reason: reason, updated_at: now })
		.where('id', '=', row.id)
		.execute();
	await recordEvent(trx, row.id, actor.id, 'status', now, {
		from: row.status,
		to,
		note: reason ?? note,
		detail: { as, ...(completed && to === 'done' ? { completedDate: completed } : {}) }
	});
	await audit.append(trx, actor, 'action.status_changed', actionTarget(row.id), {
		number: row.number,
		from: row.status,
		to,
		...(reason ? { reason } : {}),
		...(note ? { note } : {})
	});
	return { from: row.status, to };
}

/** A progress note on the action's history (its owner or a lead). */
export async function addNote(
	trx: Transaction<Database>,
	actor: LessonActor,
	actionId: string,
	note: unknown,
	now: Date
): Promise<void> {
	const row = await lockAction(trx, actionId);
	assertWorksOn(actor, row, 'add progress notes');
	const text = requiredText(note, 'note', 4000, 'Write the progress note.');
	await trx
		.updateTable('corrective_actions')
		.set({ updated_at: now })
		.where('id', '=', row.id)
		.execute();
	await recordEvent(trx, row.id, actor.id, 'note', now, { note: text });
	await audit.append(trx, actor, 'action.noted', actionTarget(row.id), {
		number: row.number,
		note: text
	});
}

export { actionFor, getAction, type ActionView } from './action-view';
export { listActions, overdueActions } from './list';
