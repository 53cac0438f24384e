import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { chainHash, GENESIS_HASH } from './chain';

/** Who did it and from where; a null id is the system itself (startup, CLI). */
export type AuditActor = { id: string | null; label: string; ip: string | null };

export const systemActor = (label = 'system'): AuditActor => ({ id: null, label, ip: null });

export type AuditTarget = { type: string; id: string };

// Any fixed number works; it only has to be the same in every instance of the app.
const AUDIT_LOCK_KEY = 4_151_724_001;

/**
 * Appends one entry, inside the caller's transaction so the entry lands with the change it
 * describes or not at all. The advisory lock serialises appenders across all app instances,
 * so every entry's prev_hash is the one true predecessor (no forks).
 */
export async function append(
	trx: Transaction<Database>,
	actor: AuditActor,
	action: string,
	target: AuditTarget | null = null,
	detail: Record<string, unknown> = {}
): Promise<number> {
	await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
	const last = await trx
		.selectFrom('audit_log')
		.select(['seq', 'hash'])
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	const content = {
		seq: (last?.seq ?? 0) + 1,
		occurredAt: new Date(),
		actorId: actor.id,
		actorLabel: actor.label,
		action,
		targetType: target?.type ?? null,
		targetId: target?.id ?? null,
		ip: actor.ip,
		// Round-trip through JSON so what we hash is exactly what jsonb gives back.
		detail: JSON.parse(JSON.stringify(detail))
	};
	const prevHash = last?.hash ?? GENESIS_HASH;
	await trx
		.insertInto('audit_log')
		.values({
			seq: content.seq,
			occurred_at: content.occurredAt,
			actor_id: content.actorId,
			actor_label: content.actorLabel,
			action,
			target_type: content.targetType,
			target_id: content.targetId,
			ip: content.ip,
			detail: JSON.stringify(content.detail),
			prev_hash: prevHash,
			hash: chainHash(prevHash, content)
		})
		.execute();
	return content.seq;
}

/** For a change that is nothing but its audit entry (a login, a failed login). */
export function record(
	db: Kysely<Database>,
	actor: AuditActor,
	action: string,
	target: AuditTarget | null = null,
	detail: Record<string, unknown> = {}
): Promise<number> {
	return db.transaction().execute((trx) => append(trx, actor, action, target, detail));
}
