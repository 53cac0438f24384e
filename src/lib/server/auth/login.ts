import type { Kysely } from 'kysely';
import * as audit from '../audit/log';
import type { Database } from '../db/schema';
import { findByEmail, normaliseEmail } from '../users/users';
import { hashPassword, verifyPassword } from './password';
import { createSession, type SessionPolicy } from './session';
import { countAttempt, settleSuccessfulAttempt } from './throttle';

export type LoginResult =
	| { outcome: 'ok'; token: string; expiresAt: Date; mustChangePassword: boolean }
	| { outcome: 'invalid' }
	| { outcome: 'throttled'; retryAfter: number };

// Verifying against a real hash even when the account does not exist keeps the response
// time from telling an attacker which emails have accounts.
let dummyHash: Promise<string> | undefined;

/** A password checked against a user's hash, or against a dummy one when there is no user. */
export async function passwordMatches(
	passwordHash: string | null | undefined,
	password: string
): Promise<boolean> {
	dummyHash ??= hashPassword('not a real password, only here to spend time');
	const ok = await verifyPassword(passwordHash ?? (await dummyHash), password);
	return ok && !!passwordHash;
}

export async function attemptLogin(
	db: Kysely<Database>,
	input: { email: string; password: string; ip: string | null; userAgent: string | null },
	policy: SessionPolicy
): Promise<LoginResult> {
	const email = normaliseEmail(input.email);
	// Counted before the password is looked at, so a burst cannot outrun the count.
	const counted = await countAttempt(db, { account: email, ip: input.ip });
	if (!counted.allowed) {
		await audit.record(db, { id: null, label: email, ip: input.ip }, 'login.throttled');
		return { outcome: 'throttled', retryAfter: counted.retryAfter };
	}

	const user = await findByEmail(db, email);
	const passwordOk = await passwordMatches(user?.password_hash, input.password);
	if (!user || !passwordOk || user.disabled_at) {
		const reason = !user
			? 'unknown account'
			: user.disabled_at
				? 'account disabled'
				: 'wrong password';
		await audit.record(
			db,
			{ id: user?.id ?? null, label: email, ip: input.ip },
			'login.failure',
			user ? { type: 'user', id: user.id } : null,
			{ reason }
		);
		return { outcome: 'invalid' };
	}

	await settleSuccessfulAttempt(db, counted.attempt);
	const session = await createSession(db, user.id, policy, input);
	await audit.record(db, { id: user.id, label: user.email, ip: input.ip }, 'login.success', {
		type: 'user',
		id: user.id
	});
	return { outcome: 'ok', ...session, mustChangePassword: user.must_change_password };
}
