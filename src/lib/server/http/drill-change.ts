import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/schema';
import type { DrillActor } from '../drills/membership';
import { announce } from '../realtime/bus';
import type { Actor } from './route';

// Every change to a drill from a request runs in one transaction; once it has committed, its
// last event's sequence number is announced, so every screen following the drill (on this
// app instance or another) reads the new events. Never before the commit: a screen woken
// early would read nothing new.

/** The acting user as the drill domain takes them: audit actor, role and display name. */
export const drillActor = (actor: Actor, user: SessionUser): DrillActor & { name: string } => ({
	...actor,
	role: user.role,
	name: user.displayName
});

/** Runs `work` in a transaction at one `now`, then announces the drill's last event. */
export async function changeDrill<T extends { seq: number | null }>(
	db: Kysely<Database>,
	drillId: string,
	work: (trx: Transaction<Database>, now: Date) => Promise<T>
): Promise<T & { now: Date }> {
	const now = new Date();
	const out = await db.transaction().execute((trx) => work(trx, now));
	if (out.seq) announce(drillId, out.seq);
	return { ...out, now };
}
