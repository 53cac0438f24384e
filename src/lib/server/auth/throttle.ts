import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

// Failures are counted per account (by the email typed, whether or not it exists, so the
// answer reveals nothing) and per client address, in the database so that every app
// instance sees the same counts.
const WINDOW_MS = 15 * 60_000;
const LIMITS = { account: 5, ip: 20 } as const;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

export type ThrottleKeys = { account: string; ip: string | null };

function keysOf(keys: ThrottleKeys): { key: string; limit: number }[] {
	const out: { key: string; limit: number }[] = [
		{ key: `account:${keys.account.toLowerCase()}`, limit: LIMITS.account }
	];
	if (keys.ip) out.push({ key: `ip:${keys.ip}`, limit: LIMITS.ip });
	return out;
}

/** Seconds until another attempt is allowed, or 0. */
export async function retryAfterSeconds(db: Kysely<Database>, keys: ThrottleKeys): Promise<number> {
	const now = new Date();
	const rows = await db
		.selectFrom('login_throttle')
		.select('locked_until')
		.where(
			'key',
			'in',
			keysOf(keys).map((k) => k.key)
		)
		.where('locked_until', '>', now)
		.execute();
	const latest = Math.max(0, ...rows.map((r) => r.locked_until!.getTime()));
	return latest ? Math.ceil((latest - now.getTime()) / 1000) : 0;
}

export async function recordFailure(db: Kysely<Database>, keys: ThrottleKeys): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const now = new Date();
		for (const { key, limit } of keysOf(keys)) {
			await trx
				.insertInto('login_throttle')
				.values({ key, failures: 0, window_started_at: now, locked_until: null })
				.onConflict((oc) => oc.column('key').doNothing())
				.execute();
			const row = await trx
				.selectFrom('login_throttle')
				.selectAll()
				.where('key', '=', key)
				.forUpdate()
				.executeTakeFirstOrThrow();
			const fresh = now.getTime() - row.window_started_at.getTime() > WINDOW_MS;
			const failures = fresh ? 1 : row.failures + 1;
			const over = failures - limit;
			const lockedUntil =
				over >= 0
					? new Date(now.getTime() + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** over))
					: null;
			await trx
				.updateTable('login_throttle')
				.set({
					failures,
					window_started_at: fresh ? now : row.window_started_at,
					locked_until: lockedUntil
				})
				.where('key', '=', key)
				.execute();
		}
	});
}

/** A successful login clears the account's count; the address keeps its count until the window ends. */
export async function clearAccountFailures(db: Kysely<Database>, account: string): Promise<void> {
	await db
		.deleteFrom('login_throttle')
		.where('key', '=', `account:${account.toLowerCase()}`)
		.execute();
}
