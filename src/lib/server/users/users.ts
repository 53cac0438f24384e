import type { Kysely, Transaction } from 'kysely';
import { permissions, type Permission, type Role } from '../../permissions';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import { hashPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { generateSecret, hashSecret } from '../auth/tokens';
import type { Database, User } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, UserFacingError } from '../errors';

export const INVITE_LIFETIME_MS = 72 * 3_600_000;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function findByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
	return db
		.selectFrom('users')
		.selectAll()
		.where('email', '=', normaliseEmail(email))
		.executeTakeFirst();
}

export function getById(db: Kysely<Database>, id: string): Promise<User | undefined> {
	if (!isUuid(id)) return Promise.resolve(undefined);
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export function list(db: Kysely<Database>) {
	return db
		.selectFrom('users')
		.select(['id', 'email', 'display_name', 'role', 'disabled_at', 'created_at', 'password_hash'])
		.orderBy('disabled_at', (ob) => ob.desc().nullsFirst())
		.orderBy('email')
		.execute()
		.then((rows) =>
			rows.map(({ password_hash, ...r }) => ({ ...r, hasPassword: password_hash !== null }))
		);
}

/** Active users whose role has a permission, by name: the choices of a "who" field. */
export async function activeUsersWho(
	db: Kysely<Database>,
	permission: Permission
): Promise<{ id: string; name: string; role: Role }[]> {
	const rows = await db
		.selectFrom('users')
		.select(['id', 'display_name', 'role'])
		.where('disabled_at', 'is', null)
		.where('role', 'in', [...permissions[permission]])
		.orderBy('display_name')
		.limit(1000)
		.execute();
	return rows.map((u) => ({ id: u.id, name: u.display_name, role: u.role }));
}

export function count(db: Kysely<Database>): Promise<number> {
	return db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
}

export class EmailTakenError extends UserFacingError {
	constructor(readonly email: string) {
		super('A user with this email already exists.', 409, 'email');
	}
}

export type NewUserInput = {
	email: string;
	displayName: string;
	role: Role;
	/** Set now; null leaves the account waiting for its invite link. */
	password: string | null;
	mustChangePassword?: boolean;
};

export async function create(
	trx: Transaction<Database>,
	actor: AuditActor,
	input: NewUserInput
): Promise<User> {
	const email = normaliseEmail(input.email);
	const taken = await trx
		.selectFrom('users')
		.select('id')
		.where('email', '=', email)
		.executeTakeFirst();
	if (taken) throw new EmailTakenError(email);
	const passwordHash = input.password ? await hashPassword(input.password) : null;
	// Two admins adding the same person at once both pass the check above; the unique
	// constraint lets one of them in and the other gets the same answer as a late arrival.
	const user = await trx
		.insertInto('users')
		.values({
			email,
			display_name: input.displayName.trim(),
			role: input.role,
			password_hash: passwordHash,
			must_change_password: input.mustChangePassword ?? false
		})
		.returningAll()
		.executeTakeFirstOrThrow()
		.catch((e: unknown) => {
			throw isUniqueViolation(e, 'users_email_key') ? new EmailTakenError(email) : e;
		});
	await audit.append(trx, actor, 'user.created', target(user.id), {
		email,
		role: input.role,
		method: input.password ? 'password' : 'invite'
	});
	return user;
}

const target = (id: string) => ({ type: 'user', id });

export async function changeRole(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	role: Role
): Promise<void> {
	const before = await trx
		.selectFrom('users')
		.select('role')
		.where('id', '=', userId)
		.forUpdate()
		.executeTakeFirstOrThrow();
	if (before.role === role) return;
	await trx
		.updateTable('users')
		.set({ role, updated_at: new Date() })
		.where('id', '=', userId)
		.execute();
	await audit.append(trx, actor, 'user.role_changed', target(userId), {
		from: before.role,
		to: role
	});
}

export async function setDisabled(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	disabled: boolean
): Promise<void> {
	await trx
		.updateTable('users')
		.set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
		.where('id', '=', userId)
		.execute();
	if (disabled) {
		await invalidateUserSessions(trx, userId);
		await revokeApiTokens(trx, userId);
	}
	await audit.append(trx, actor, disabled ? 'user.disabled' : 'user.enabled', target(userId));
}

/** Revokes every live API token of the user; returns how many. */
async function revokeApiTokens(trx: Transaction<Database>, userId: string): Promise<number> {
	const result = await trx
		.updateTable('api_tokens')
		.set({ revoked_at: new Date() })
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/**
 * Sets a password and ends the user's sessions (all, or all but the one given); with
 * `revokeTokens` (an admin's reset) their API tokens too, as whoever forced the reset may
 * have been holding one.
 */
export async function setPassword(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string,
	password: string,
	opts: { mustChange: boolean; keepSessionId?: string; revokeTokens?: boolean; action: string }
): Promise<void> {
	await trx
		.updateTable('users')
		.set({
			password_hash: await hashPassword(password),
			must_change_password: opts.mustChange,
			updated_at: new Date()
		})
		.where('id', '=', userId)
		.execute();
	const ended = await invalidateUserSessions(trx, userId, opts.keepSessionId);
	const revoked = opts.revokeTokens ? await revokeApiTokens(trx, userId) : 0;
	await audit.append(trx, actor, opts.action, target(userId), {
		sessionsEnded: ended,
		...(opts.revokeTokens ? { tokensRevoked: revoked } : {})
	});
}

/** A one-time link that lets the user set a password; returns the secret for the URL. */
export async function createInvite(
	trx: Transaction<Database>,
	actor: AuditActor,
	userId: string
): Promise<string> {
	const secret = generateSecret();
	await trx
		.updateTable('invites')
		.set({ used_at: new Date() })
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.execute();
	await trx
		.insertInto('invites')
		.values({
			token_hash: hashSecret(secret),
			user_id: userId,
			created_by: actor.id,
			expires_at: new Date(Date.now() + INVITE_LIFETIME_MS)
		})
		.execute();
	await audit.append(trx, actor, 'user.invite_created', target(userId));
	return secret;
}

/** The user an unused, unexpired invite belongs to. */
export async function findInvite(db: Kysely<Database>, secret: string) {
	if (!/^[a-z2-7]{32}$/.test(secret)) return undefined;
	return db
		.selectFrom('invites')
		.innerJoin('users', 'users.id', 'invites.user_id')
		.select(['invites.token_hash', 'users.id as userId', 'users.email', 'users.display_name'])
		.where('invites.token_hash', '=', hashSecret(secret))
		.where('invites.used_at', 'is', null)
		.where('invites.expires_at', '>', new Date())
		.where('users.disabled_at', 'is', null)
		.executeTakeFirst();
}

export const INVITE_GONE = 'This invite link is not valid any more. Ask your admin for a new one.';

/**
 * Sets the invited user's password through the link, once. The link is taken by one
 * conditional update, so of two uses at the same moment one wins and the other gets a
 * ConflictError (on PostgreSQL the second waits for the first and then finds it used).
 */
export async function acceptInvite(
	trx: Transaction<Database>,
	secret: string,
	password: string,
	ip: string | null
): Promise<{ id: string; email: string }> {
	if (!/^[a-z2-7]{32}$/.test(secret)) throw new ConflictError(INVITE_GONE);
	const now = new Date();
	const taken = await trx
		.updateTable('invites')
		.set({ used_at: now })
		.where('token_hash', '=', hashSecret(secret))
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.returning('user_id')
		.executeTakeFirst();
	if (!taken) throw new ConflictError(INVITE_GONE);
	const user = await trx
		.selectFrom('users')
		.select(['id', 'email', 'disabled_at'])
		.where('id', '=', taken.user_id)
		.forUpdate()
		.executeTakeFirstOrThrow();
	if (user.disabled_at) throw new ConflictError(INVITE_GONE);
	await setPassword(trx, { id: user.id, label: user.email, ip }, user.id, password, {
		mustChange: false,
		action: 'user.invite_accepted'
	});
	return { id: user.id, email: user.email };
}
