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

// The choices offered when a token is made; a token outliving its script by years is a leak
// waiting to happen, so a chosen date is bounded too.
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export const MAX_TOKEN_DAYS = 730;
const DAY_MS = 86_400_000;

/**
 * When a token made now expires: `never`, a number of days from now, or the end (UTC) of a
 * calendar date `YYYY-MM-DD` from tomorrow to MAX_TOKEN_DAYS ahead. Null: never; undefined:
 * not an allowed choice.
 */
export function tokenExpiry(
	choice: string,
	date: string | undefined,
	now = new Date()
): Date | null | undefined {
	if (choice === 'never') return null;
	if (choice === 'date') {
		if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
		const end = new Date(`${date}T23:59:59.999Z`);
		if (Number.isNaN(end.getTime()) || end.toISOString().slice(0, 10) !== date) return undefined;
		const today = now.toISOString().slice(0, 10);
		if (date <= today || end.getTime() - now.getTime() > (MAX_TOKEN_DAYS + 1) * DAY_MS)
			return undefined;
		return end;
	}
	const days = Number(choice);
	if (!(TOKEN_EXPIRY_DAYS as readonly number[]).includes(days)) return undefined;
	return new Date(now.getTime() + days * DAY_MS);
}

/** Creates a token and returns it: the only time its value is ever shown. */
export async function createApiToken(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	name: string,
	expiresAt: Date | null = null
): Promise<{ id: string; token: string }> {
	const token = PREFIX + generateSecret();
	const row = await trx
		.insertInto('api_tokens')
		.values({
			user_id: userId,
			name: name.trim(),
			token_hash: hashSecret(token),
			expires_at: expiresAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await audit.append(
		trx,
		actor,
		'token.created',
		{ type: 'api_token', id: row.id },
		{ name, userId, expiresAt: expiresAt?.toISOString() ?? null }
	);
	return { id: row.id, token };
}

// A user has a handful of tokens; the list is capped all the same.
const MAX_LISTED_TOKENS = 200;

export function listApiTokens(db: Kysely<Database>, userId: string) {
	return db
		.selectFrom('api_tokens')
		.select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at', 'expires_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.limit(MAX_LISTED_TOKENS)
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

// Writing last_used_at on every API call would make each call a write; a minute is precise
// enough for "last used".
const LAST_USED_INTERVAL_MS = 60_000;

/** The user behind a bearer token, or null for unknown, revoked, expired or disabled. */
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
		.where((eb) =>
			eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', new Date())])
		)
		.where('users.disabled_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	const now = Date.now();
	if (!row.last_used_at || now - row.last_used_at.getTime() > LAST_USED_INTERVAL_MS) {
		// Conditional, so of concurrent calls at most one writes per interval.
		await db
			.updateTable('api_tokens')
			.set({ last_used_at: new Date(now) })
			.where('id', '=', row.tokenId)
			.where((eb) =>
				eb.or([
					eb('last_used_at', 'is', null),
					eb('last_used_at', '<=', new Date(now - LAST_USED_INTERVAL_MS))
				])
			)
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

/** When a live token expired, or null when it is not a token that has expired. */
export async function apiTokenExpiredAt(db: Kysely<Database>, token: string): Promise<Date | null> {
	if (!isWellFormedToken(token)) return null;
	const row = await db
		.selectFrom('api_tokens')
		.select('expires_at')
		.where('token_hash', '=', hashSecret(token))
		.where('revoked_at', 'is', null)
		.where('expires_at', '<=', new Date())
		.executeTakeFirst();
	return row?.expires_at ?? null;
}
