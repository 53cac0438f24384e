import type { Transaction } from 'kysely';
import { actionStatuses, type ActionStatus } from '../../lessons/words';
import type { CorrectiveActionRow, Database } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
import { isUuid } from '../users/users';
import { holds, type LessonActor } from './actor';

// A corrective action's row under lock, who may work on it, and its history rows. Every
// change to an action takes the row lock first, so two changes never both start from the
// same status, and writes one corrective_action_events row with its audit entry.

export const actionTarget = (id: string) => ({ type: 'corrective_action', id });

export const isActionStatus = (s: unknown): s is ActionStatus =>
	(actionStatuses as readonly unknown[]).includes(s);

/** The action with its row locked until the transaction ends, or NotFoundError. */
export async function lockAction(
	trx: Transaction<Database>,
	actionId: string
): Promise<CorrectiveActionRow> {
	const row = isUuid(actionId)
		? await trx
				.selectFrom('corrective_actions')
				.selectAll()
				.where('id', '=', actionId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such corrective action.');
	return row;
}

/**
 * Who works on this action: its owner (status steps, progress notes) or a lead (everything).
 * Somebody who may read every action is refused; anybody else is told it does not exist.
 */
export function assertWorksOn(
	actor: LessonActor,
	row: Pick<CorrectiveActionRow, 'owner_id'>,
	what: string
): 'owner' | 'lead' {
	if (holds(actor, 'lessons.edit')) return 'lead';
	if (row.owner_id === actor.id && holds(actor, 'actions.own')) return 'owner';
	if (holds(actor, 'lessons.read'))
		throw new ForbiddenError(`Only the action's owner or a SOC lead may ${what}.`);
	throw new NotFoundError('No such corrective action.');
}

export async function recordEvent(
	trx: Transaction<Database>,
	actionId: string,
	by: string | null,
	kind: string,
	at: Date,
	event: {
		from?: ActionStatus | null;
		to?: ActionStatus | null;
		note?: string | null;
		detail?: Record<string, unknown>;
	} = {}
): Promise<void> {
	await trx
		.insertInto('corrective_action_events')
		.values({
			action_id: actionId,
			at,
			by,
			kind,
			from_status: event.from ?? null,
			to_status: event.to ?? null,
			note: event.note ?? null,
			detail: JSON.stringify(event.detail ?? {})
		})
		.execute();
}
