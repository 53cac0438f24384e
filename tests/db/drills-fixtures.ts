import type { Kysely, Transaction } from 'kysely';
import type { Database, User } from '../../src/lib/server/db/schema';
import { createDrill, type NewDrillInput } from '../../src/lib/server/drills/create';
import type { DrillActor } from '../../src/lib/server/drills/membership';
import { seedDemoPlan } from '../../src/lib/server/setup/demo-plans';
import { makeUser } from './fixtures';

// People and a plan for drill tests: the demo IR plan (its approved version is the template
// with its communication matrix), a lead who facilitates, two trainees, an auditor.

export const T0 = new Date('2026-03-10T09:00:00Z');
/** Real time `minutes` after T0. */
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export const actor = (u: User): DrillActor & { name: string } => ({
	id: u.id,
	role: u.role,
	label: u.email,
	ip: null,
	name: u.display_name
});

export const tx = <T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>) =>
	db.transaction().execute(fn);

export async function drillWorld(db: Kysely<Database>) {
	const lead = await makeUser(db, 'lead');
	const admin = await makeUser(db, 'admin');
	const tara = await makeUser(db, 'trainee');
	const sam = await makeUser(db, 'trainee');
	const other = await makeUser(db, 'trainee');
	const auditor = await makeUser(db, 'auditor');
	await tx(db, (trx) => seedDemoPlan(trx, { authorId: lead.id, approverId: admin.id }));
	return { lead, admin, tara, sam, other, auditor };
}

export type World = Awaited<ReturnType<typeof drillWorld>>;

/** A live ransomware drill: the lead facilitates, Tara is IC + SOC analyst, Sam the rest. */
export function ransomwareDrill(
	db: Kysely<Database>,
	w: World,
	extra: Partial<NewDrillInput> = {}
) {
	return tx(db, (trx) =>
		createDrill(
			trx,
			actor(w.lead),
			{
				scenarioId: 'ransomware-double-extortion',
				mode: 'live',
				participants: [
					{ userId: w.tara.id, roles: ['ic', 'soc-analyst'] },
					{ userId: w.sam.id, roles: ['it-ops', 'legal', 'dpo', 'comms-lead', 'executive'] }
				],
				observers: [w.auditor.id],
				...extra
			},
			T0
		)
	).then((r) => r.drillId);
}
