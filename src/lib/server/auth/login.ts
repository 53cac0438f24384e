import type { Kysely } from 'kysely';
import * as audit from '../audit/log';
import type { Database } from '../db/schema';
import { findByEmail, normaliseEmail } from '../users/users';
import { hashPassword, verifyPassword } from './password';
import { createSession, type SessionPolicy } from './session';
import { clearAccountFailures, recordFailure, retryAfterSeconds } from './throttle';

export type LoginResult =
	| { outcome: 'ok'; token: string; expiresAt: Date; mustChangePassword: boolean }
	| { outcome: 'invalid' }
	| { outcome: 'throttled'; retryAfter: number };

// Verifying against a real hash even when the account does not exist keeps the response
// time from telling an attacker which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function attemptLogin(
	db: Kysely<Database>,
	input: { email: string; password: string; ip: string | null; userAgent: string | null },
	policy: SessionPolicy
): Promise<LoginResult> {
	const email = normaliseEmail(input.email);
	const keys = { account: email, ip: input.ip };
	const wait = await retryAfterSeconds(db, keys);
	if (wait > 0) {
		await audit.record(db, { id: null, label: email, ip: input.ip }, 'login.throttled');
		return { outcome: 'throttled', retryAfter: wait };
	}

	const user = await findByEmail(db, email);
	dummyHash ??= hashPassword('not a real password, only here to spend time');
	const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
	if (!user || !user.password_hash || !passwordOk || user.disabled_at) {
		await recordFailure(db, keys);
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

	await clearAccountFailures(db, email);
	const session = await createSession(db, user.id, policy, input);
	await audit.record(db, { id: user.id, label: user.email, ip: input.ip }, 'login.success', {
		type: 'user',
		id: user.id
	});
	return { outcome: 'ok', ...session, mustChangePassword: user.must_change_password };
}
