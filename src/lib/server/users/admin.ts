import type { Transaction } from 'kysely';
import type { Role } from '../../permissions';
import type { AuditActor } from '../audit/log';
import { generatePassword } from '../auth/password';
import type { Database } from '../db/schema';
import { UserFacingError } from '../errors';
import * as users from './users';

// What an admin may do to accounts, with the guard rails that keep the
// organisation from locking itself out.

/** A guard rail an admin ran into (the last admin, their own role): shown to them. */
export class AdminRuleError extends UserFacingError {
	constructor(message: string) {
		super(message, 400);
	}
}

async function activeAdminsOtherThan(trx: Transaction<Database>, userId: string): Promise<number> {
	const r = await trx
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('role', '=', 'admin')
		.where('disabled_at', 'is', null)
		.where('id', '!=', userId)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function changeRole(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	role: Role
) {
	if (actor.id === userId) throw new AdminRuleError('You cannot change your own role.');
	const target = await users.getById(trx, userId);
	if (!target) throw new AdminRuleError('No such user.');
	if (
		target.role === 'admin' &&
		role !== 'admin' &&
		(await activeAdminsOtherThan(trx, userId)) === 0
	)
		throw new AdminRuleError('This is the last active admin; make another admin first.');
	await users.changeRole(trx, actor, userId, role);
}

export async function setDisabled(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	disabled: boolean
) {
	if (actor.id === userId) throw new AdminRuleError('You cannot disable your own account.');
	const target = await users.getById(trx, userId);
	if (!target) throw new AdminRuleError('No such user.');
	if (disabled && target.role === 'admin' && (await activeAdminsOtherThan(trx, userId)) === 0)
		throw new AdminRuleError('This is the last active admin; make another admin first.');
	await users.setDisabled(trx, actor, userId, disabled);
}

/**
 * Gives the user a one-time password (they must change it at next login), ends their
 * sessions and revokes their API tokens: a reset means the account may be in other hands.
 */
export async function resetWithOneTimePassword(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string
): Promise<string> {
	const password = generatePassword();
	await users.setPassword(trx, actor, userId, password, {
		mustChange: true,
		revokeTokens: true,
		action: 'user.password_reset'
	});
	return password;
}
