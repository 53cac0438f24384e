import type { Kysely } from 'kysely';
import * as audit from '../audit/log';
import type { Database } from '../db/schema';
import { InvalidInputError, RateLimitedError } from '../errors';
import { passwordMatches } from './login';
import { countAttempt, settleSuccessfulAttempt } from './throttle';

// Typing one's password again (to change it, to sign off a plan) is one more guess at it:
// it is counted against the same account and address as a login, before it is checked.

/** Proof that a user has just re-entered their password; only verifyPasswordReentry makes one. */
export type PasswordReentry = { readonly userId: string; readonly verifiedAt: number };

const issued = new WeakSet<PasswordReentry>();
// Long enough for the work that follows in the same request, too short to keep around.
const PROOF_LIFETIME_MS = 60_000;

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
	return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * Checks a re-entered password, throttled like a login. Throws RateLimitedError while the
 * account or address is locked and InvalidInputError (on `field`) for a wrong password.
 */
export async function verifyPasswordReentry(
	db: Kysely<Database>,
	user: { id: string; email: string },
	password: string,
	ip: string | null,
	options: { purpose: string; field?: string; wrongMessage?: string }
): Promise<PasswordReentry> {
	const field = options.field ?? 'password';
	const actor = { id: user.id, label: user.email, ip };
	const target = { type: 'user', id: user.id };
	const counted = await countAttempt(db, { account: user.email, ip });
	if (!counted.allowed) {
		await audit.record(db, actor, 'password.reentry_throttled', target, {
			purpose: options.purpose
		});
		throw new RateLimitedError(
			tooManyAttemptsMessage(counted.retryAfter),
			counted.retryAfter,
			field
		);
	}
	const row = await db
		.selectFrom('users')
		.select(['password_hash', 'disabled_at'])
		.where('id', '=', user.id)
		.executeTakeFirst();
	const ok = (await passwordMatches(row?.password_hash, password)) && !row?.disabled_at;
	if (!ok) {
		await audit.record(db, actor, 'password.reentry_failure', target, {
			purpose: options.purpose
		});
		throw new InvalidInputError(options.wrongMessage ?? 'The password is not correct.', field);
	}
	await settleSuccessfulAttempt(db, counted.attempt);
	const proof: PasswordReentry = Object.freeze({ userId: user.id, verifiedAt: Date.now() });
	issued.add(proof);
	return proof;
}

/** Refuses to go on without a fresh proof that this user re-entered their password. */
export function assertPasswordReentry(proof: PasswordReentry | undefined, userId: string): void {
	if (
		!proof ||
		!issued.has(proof) ||
		proof.userId !== userId ||
		Date.now() - proof.verifiedAt > PROOF_LIFETIME_MS
	)
		throw new InvalidInputError('Enter your password again to confirm.', 'password');
}
