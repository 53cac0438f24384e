import { sql, type Transaction } from 'kysely';
import { systemActor } from '../audit/log';
import { passwordProblem } from '../auth/password';
import { hashSecret } from '../auth/tokens';
import type { Database, User } from '../db/schema';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import * as users from '../users/users';
import { SETUP_TOKEN_KEY } from './bootstrap';

export type FirstAdminInput = { email: string; displayName: string; password: string };

/**
 * Creates the first admin through the one-time setup link. The link is marked used by one
 * conditional update, so of two people using it at the same moment one gets the admin
 * account and the other a ConflictError (on PostgreSQL the second update waits for the
 * first and then finds the link used). A link that never existed is not found.
 */
export async function createFirstAdmin(
	trx: Transaction<Database>,
	token: string,
	input: FirstAdminInput,
	ip: string | null
): Promise<User> {
	if (!/^[a-z2-7]{32}$/.test(token)) throw new NotFoundError();
	const hash = hashSecret(token);
	const now = new Date();
	const taken = await trx
		.updateTable('settings')
		.set({ value: JSON.stringify({ hash, usedAt: now.toISOString() }), updated_at: now })
		.where('key', '=', SETUP_TOKEN_KEY)
		.where(sql<string>`value->>'hash'`, '=', hash)
		.where(sql<string>`value->>'usedAt'`, 'is', null)
		.returning('key')
		.executeTakeFirst();
	if (!taken) {
		const used = await trx
			.selectFrom('settings')
			.select('key')
			.where('key', '=', SETUP_TOKEN_KEY)
			.where(sql<string>`value->>'hash'`, '=', hash)
			.executeTakeFirst();
		if (used) throw new ConflictError(ALREADY_SET_UP);
		throw new NotFoundError();
	}
	if ((await users.count(trx)) > 0) throw new ConflictError(ALREADY_SET_UP);
	const problem = passwordProblem(input.password, { email: input.email });
	if (problem) throw new InvalidInputError(problem, 'password');
	return users.create(trx, { ...systemActor('first-run setup'), ip }, { ...input, role: 'admin' });
}

const ALREADY_SET_UP = 'This setup link has been used: the first admin exists. Log in instead.';
