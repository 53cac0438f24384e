import type { Kysely } from 'kysely';
import type { Database, DrillMemberKind } from '../db/schema';

export type DrillPerson = {
	userId: string;
	name: string;
	kind: DrillMemberKind;
	/** Scenario role ids (participants). */
	roles: string[];
};

/** The drill's people: facilitators, then participants, then observers, by name. */
export async function drillPeople(db: Kysely<Database>, drillId: string): Promise<DrillPerson[]> {
	const order: Record<DrillMemberKind, number> = { facilitator: 0, participant: 1, observer: 2 };
	const rows = await db
		.selectFrom('drill_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['m.user_id', 'u.display_name', 'm.kind', 'm.roles'])
		.where('m.drill_id', '=', drillId)
		.execute();
	return rows
		.map((r) => ({ userId: r.user_id, name: r.display_name, kind: r.kind, roles: r.roles }))
		.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}
