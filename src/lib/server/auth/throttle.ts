import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

// Password attempts are counted per account (by the email typed, whether or not it exists,
// so the answer reveals nothing) and per client address, in the database so that every app
// instance sees the same counts.
//
// An attempt is counted before its password is verified, in one transaction that holds the
// counter rows locked: a burst of parallel attempts queues on those rows, so no more than
// the limit ever reach the (slow) password check. The attempt that reaches the limit locks
// the key at once, as if it had failed; a right password gives its attempt back.
const WINDOW_MS = 15 * 60_000;
const LIMITS = { account: 5, ip: 20 } as const;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export type ThrottleKeys = { account: string; ip: string | null };

/** A counted attempt: each key, and the lock this attempt put on it (if it reached the limit). */
export type CountedAttempt = { keys: { key: string; lockedUntil: Date | null }[] };

export type AttemptOutcome =
	{ allowed: true; attempt: CountedAttempt } | { allowed: false; retryAfter: number };

const accountKey = (account: string) => `account:${account.trim().toLowerCase()}`;

function keysOf(keys: ThrottleKeys): { key: string; limit: number }[] {
	const out: { key: string; limit: number }[] = [
		{ key: accountKey(keys.account), limit: LIMITS.account }
	];
	if (keys.ip) out.push({ key: `ip:${keys.ip}`, limit: LIMITS.ip });
	// One order for every caller, so two transactions never wait on each other's rows.
	return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

function lockFor(attempts: number, limit: number, now: Date): Date | null {
	const over = attempts - limit;
	if (over < 0) return null;
	return new Date(now.getTime() + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(over, 20)));
}

/**
 * Counts one password attempt, or refuses it while a key is locked. Call it before the
 * password is verified; verify only when it answers `allowed`.
 */
export async function countAttempt(
	db: Kysely<Database>,
	keys: ThrottleKeys,
	now = new Date()
): Promise<AttemptOutcome> {
	const wanted = keysOf(keys);
	return db.transaction().execute(async (trx) => {
		for (const { key } of wanted) {
			await trx
				.insertInto('login_throttle')
				.values({ key, failures: 0, window_started_at: now, locked_until: null })
				.onConflict((oc) => oc.column('key').doNothing())
				.execute();
		}
		const rows = await trx
			.selectFrom('login_throttle')
			.selectAll()
			.where(
				'key',
				'in',
				wanted.map((k) => k.key)
			)
			.orderBy('key')
			.forUpdate()
			.execute();
		const lockedUntil = Math.max(
			0,
			...rows.map((r) => r.locked_until?.getTime() ?? 0).filter((t) => t > now.getTime())
		);
		if (lockedUntil) {
			return { allowed: false, retryAfter: Math.ceil((lockedUntil - now.getTime()) / 1000) };
		}
		const counted: CountedAttempt = { keys: [] };
		for (const { key, limit } of wanted) {
			const row = rows.find((r) => r.key === key)!;
			const fresh = now.getTime() - row.window_started_at.getTime() > WINDOW_MS;
			const attempts = (fresh ? 0 : row.failures) + 1;
			const lock = lockFor(attempts, limit, now);
			await trx
				.updateTable('login_throttle')
				.set({
					failures: attempts,
					window_started_at: fresh ? now : row.window_started_at,
					locked_until: lock
				})
				.where('key', '=', key)
				.execute();
			counted.keys.push({ key, lockedUntil: lock });
		}
		return { allowed: true, attempt: counted };
	});
}

/**
 * The password was right: the account's count starts again, and the address gets this
 * attempt back (with the lock it took, unless a later attempt has locked it since).
 */
export async function settleSuccessfulAttempt(
	db: Kysely<Database>,
	attempt: CountedAttempt
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const { key, lockedUntil } of attempt.keys) {
			if (key.startsWith('account:')) {
				await trx.deleteFrom('login_throttle').where('key', '=', key).execute();
				continue;
			}
			await trx
				.updateTable('login_throttle')
				.set({
					failures: sql<number>`greatest(failures - 1, 0)`,
					locked_until: lockedUntil
						? sql<Date | null>`case when locked_until = ${lockedUntil} then null else locked_until end`
						: sql<Date | null>`locked_until`
				})
				.where('key', '=', key)
				.execute();
		}
	});
}
