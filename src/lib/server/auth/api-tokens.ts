import type { Kysely, Transaction } from 'kysely';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import type { SessionUser } from './session';
import { generateSecret, hashSecret } from './tokens';

// Tokens carry a prefix so they are recognisable in a leaked paste or a secret scanner.
const PREFIX = 'hw_';
const TOKEN_PATTERN = /^hw_[a-z2-7]{32}$/;

export function isWellFormedToken(token: string): boolean {
	return TOKEN_PATTERN.test(token);
}

/** Creates a token and returns it: the only time its value is ever shown. */
export async function createApiToken(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	name: string
): Promise<{ id: string; token: string }> {
	const token = PREFIX + generateSecret();
	const row = await trx
		.insertInto('api_tokens')
		.values({ user_id: userId, name: name.trim(), token_hash: hashSecret(token) })
		.returning('id')
		.executeTakeFirstOrThrow();
	await audit.append(
		trx,
		actor,
		'token.created',
		{ type: 'api_token', id: row.id },
		{ name, userId }
	);
	return { id: row.id, token };
}

export function listApiTokens(db: Kysely<Database>, userId: string) {
	return db
		.selectFrom('api_tokens')
		.select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
}

/** Revokes one of the user's own tokens; false when there is no such live token. */
export async function revokeApiToken(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	tokenId: string
): Promise<boolean> {
	const result = await trx
		.updateTable('api_tokens')
		.set({ revoked_at: new Date() })
		.where('id', '=', tokenId)
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return false;
	await audit.append(trx, actor, 'token.revoked', { type: 'api_token', id: tokenId }, { userId });
	return true;
}

/** The user behind a bearer token, or null for unknown, revoked or disabled. */
export async function authenticateApiToken(
	db: Kysely<Database>,
	token: string
): Promise<SessionUser | null> {
	if (!isWellFormedToken(token)) return null;
	const row = await db
		.selectFrom('api_tokens')
		.innerJoin('users', 'users.id', 'api_tokens.user_id')
		.select([
			'api_tokens.id as tokenId',
			'api_tokens.last_used_at',
			'users.id',
			'users.email',
			'users.display_name',
			'users.role',
			'users.must_change_password'
		])
		.where('api_tokens.token_hash', '=', hashSecret(token))
		.where('api_tokens.revoked_at', 'is', null)
		.where('users.disabled_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
		await db
			.updateTable('api_tokens')
			.set({ last_used_at: new Date() })
			.where('id', '=', row.tokenId)
			.execute();
	}
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		role: row.role,
		mustChangePassword: row.must_change_password
	};
}
