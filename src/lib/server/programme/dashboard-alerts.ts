import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { programmeAlerts, type ProgrammeAlert } from './requirements';

// The dashboard shows the programme's alerts to every lead, admin and auditor on every visit;
// computing them reads frameworks, drills, plans and people (nine queries). They are the same
// for every reader, and every change they depend on (a drill ending, a plan approved, a person
// added, disabled or given another role, a framework switched) is written to the audit trail,
// so they are kept until the trail moves on, and at most a minute (their due dates count in
// days, and this bounds what an unaudited change could leave behind).

const MAX_AGE_MS = 60_000;

const keptFor = new WeakMap<
	Kysely<Database>,
	{ seq: number; at: number; alerts: ProgrammeAlert[] }
>();

async function auditHead(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('audit_log')
		.select('seq')
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	return Number(row?.seq ?? 0);
}

/** The programme alerts as of `now`, recomputed when the audit trail moved or a minute passed. */
export async function dashboardAlerts(db: Kysely<Database>, now: Date): Promise<ProgrammeAlert[]> {
	// Read the head first: a change committed while computing then shows on the next visit.
	const seq = await auditHead(db);
	const at = now.getTime();
	const kept = keptFor.get(db);
	if (kept && kept.seq === seq && at >= kept.at && at - kept.at < MAX_AGE_MS) return kept.alerts;
	const alerts = await programmeAlerts(db, now);
	keptFor.set(db, { seq, at, alerts });
	return alerts;
}
