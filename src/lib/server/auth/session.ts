import type { Kysely } from 'kysely';
import type { Role } from '../../permissions';
import type { Database } from '../db/schema';
import { generateSecret, hashSecret } from './tokens';

export type SessionPolicy = { idleMs: number; maxMs: number };

export type SessionUser = {
	id: string;
	email: string;
	displayName: string;
	role: Role;
	mustChangePassword: boolean;
};

export type ValidSession = { id: string; user: SessionUser; expiresAt: Date };

// Writing last_seen_at on every request would make each page view a write; a minute's
// slack in the idle clock is harmless.
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
	db: Kysely<Database>,
	userId: string,
	policy: SessionPolicy,
	client: { ip: string | null; userAgent: string | null }
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateSecret();
	const now = new Date();
	const expiresAt = new Date(now.getTime() + policy.maxMs);
	await db
		.insertInto('sessions')
		.values({
			id: hashSecret(token),
			user_id: userId,
			created_at: now,
			last_seen_at: now,
			expires_at: expiresAt,
			ip: client.ip,
			user_agent: client.userAgent?.slice(0, 300) ?? null
		})
		.execute();
	return { token, expiresAt };
}

/**
 * The session and its user, or null when unknown, expired, idle too long or disabled. A
 * request counts as activity (`touch`); a stream's re-check does not, so a tab left open on a
 * stream alone does not keep its session from idling out.
 */
export async function validateSessionToken(
	db: Kysely<Database>,
	token: string,
	policy: SessionPolicy,
	options: { touch: boolean } = { touch: true }
): Promise<ValidSession | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = hashSecret(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id',
			'sessions.expires_at',
			'sessions.last_seen_at',
			'users.id as user_id',
			'users.email',
			'users.display_name',
			'users.role',
			'users.must_change_password',
			'users.disabled_at'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const now = Date.now();
	const idleExpired = now - row.last_seen_at.getTime() > policy.idleMs;
	if (row.disabled_at || row.expires_at.getTime() <= now || idleExpired) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	if (options.touch && now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
		await db
			.updateTable('sessions')
			.set({ last_seen_at: new Date(now) })
			.where('id', '=', id)
			.execute();
	}
	return {
		id,
		expiresAt: row.expires_at,
		user: {
			id: row.user_id,
			email: row.email,
			displayName: row.display_name,
			role: row.role,
			mustChangePassword: row.must_change_password
		}
	};
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, except optionally the one making the request. */
export async function invalidateUserSessions(
	db: Kysely<Database>,
	userId: string,
	exceptSessionId?: string
): Promise<number> {
	let q = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
	const result = await q.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function listUserSessions(db: Kysely<Database>, userId: string) {
	return db
		.selectFrom('sessions')
		.select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
		.where('user_id', '=', userId)
		.where('expires_at', '>', new Date())
		.orderBy('last_seen_at', 'desc')
		.execute();
}
