import type { Transaction } from 'kysely';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { invalidateUserSessions } from './session';

/** Ends one of the user's own sessions; another user's session does not exist for them. */
export async function endOwnSession(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	sessionId: string
): Promise<void> {
	const r = await trx
		.deleteFrom('sessions')
		.where('id', '=', sessionId)
		.where('user_id', '=', actor.id)
		.executeTakeFirst();
	if (Number(r.numDeletedRows) === 0) throw new NotFoundError('That session has already ended.');
	await audit.append(trx, actor, 'session.ended', { type: 'user', id: actor.id });
}

/** Ends every session of the user but the one asking, in one statement; how many ended. */
export async function endOtherOwnSessions(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	currentSessionId: string
): Promise<number> {
	const ended = await invalidateUserSessions(trx, actor.id, currentSessionId);
	await audit.append(
		trx,
		actor,
		'session.others_ended',
		{ type: 'user', id: actor.id },
		{ count: ended }
	);
	return ended;
}
