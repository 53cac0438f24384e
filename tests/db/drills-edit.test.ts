import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { start } from '../../src/lib/server/drills/lifecycle';
import { drillPeople } from '../../src/lib/server/drills/people';
import { getDrill } from '../../src/lib/server/drills/rows';
import { updateDraftDrill, type DraftDrillInput } from '../../src/lib/server/drills/update';
import {
	ConflictError,
	ForbiddenError,
	InvalidInputError,
	NotFoundError
} from '../../src/lib/server/errors';
import { actor, at, drillWorld, ransomwareDrill, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// Only a draft can be edited, by its facilitator: title, plan version, people and their
// roles are replaced at once, checked as when the drill was created; anything else is
// refused with nothing changed.

let h: DatabaseHandle;
let w: World;
beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
});
afterAll(() => h.close());

const edit = (who: World['lead'], drillId: string, input: DraftDrillInput) =>
	tx(h.db, (trx) => updateDraftDrill(trx, actor(who), drillId, input, at(1)));

/** What a user would notice of a drill: its title, its people with their roles, its text. */
async function snapshot(drillId: string) {
	const drill = await getDrill(h.db, drillId);
	const people = await drillPeople(h.db, drillId);
	const stored = await h.db
		.selectFrom('drills')
		.select(['scenario_yaml', 'plan_version_id', 'rating_thresholds'])
		.where('id', '=', drillId)
		.executeTakeFirstOrThrow();
	return {
		title: drill?.title,
		status: drill?.status,
		people: people.map((p) => ({ userId: p.userId, kind: p.kind, roles: p.roles })).sort(byUser),
		stored
	};
}
const byUser = (a: { userId: string }, b: { userId: string }) => a.userId.localeCompare(b.userId);

const auditOf = (drillId: string, action: string) =>
	h.db
		.selectFrom('audit_log')
		.select(['action', 'actor_id', 'detail'])
		.where('target_id', '=', drillId)
		.where('action', '=', action)
		.execute();

describe('editing a draft drill', () => {
	it('replaces the title, the people and their roles, keeps the scenario, and is audited', async () => {
		const id = await ransomwareDrill(h.db, w);
		const before = await snapshot(id);
		await edit(w.lead, id, {
			title: 'Tuesday ransomware drill',
			facilitators: [w.admin.id],
			participants: [
				{ userId: w.sam.id, roles: ['ic'] },
				{ userId: w.other.id, roles: ['soc-analyst', 'legal'] }
			],
			observers: [],
			ratingThresholds: { P: 0.8, S: 0.6, M: 0.3 }
		});
		const after = await snapshot(id);
		expect(after.title).toBe('Tuesday ransomware drill');
		expect(after.status).toBe('draft');
		expect(after.people).toEqual(
			[
				{ userId: w.lead.id, kind: 'facilitator', roles: [] },
				{ userId: w.admin.id, kind: 'facilitator', roles: [] },
				{ userId: w.sam.id, kind: 'participant', roles: ['ic'] },
				{ userId: w.other.id, kind: 'participant', roles: ['soc-analyst', 'legal'] }
			].sort(byUser)
		);
		// Tara and the auditor are no longer in it.
		expect(after.people.map((p) => p.userId)).not.toContain(w.tara.id);
		expect(after.people.map((p) => p.userId)).not.toContain(w.auditor.id);
		expect(after.stored.scenario_yaml).toBe(before.stored.scenario_yaml);
		expect(after.stored.plan_version_id).toBe(before.stored.plan_version_id);
		expect(after.stored.rating_thresholds).toEqual({ P: 0.8, S: 0.6, M: 0.3 });
		const entries = await auditOf(id, 'drill.updated');
		expect(entries).toHaveLength(1);
		expect(entries[0].actor_id).toBe(w.lead.id);
		expect(entries[0].detail).toMatchObject({ title: 'Tuesday ransomware drill', participants: 2 });
	});

	it('checks people as creating does: a role not in the stored scenario names its field', async () => {
		const id = await ransomwareDrill(h.db, w);
		const before = await snapshot(id);
		const refused = edit(w.lead, id, {
			participants: [
				{ userId: w.tara.id, roles: ['ic'] },
				{ userId: w.sam.id, roles: ['janitor'] }
			]
		});
		await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
		await expect(refused).rejects.toMatchObject({ field: 'participants.1.roles' });
		await expect(
			edit(w.lead, id, { participants: [{ userId: w.auditor.id, roles: ['ic'] }] })
		).rejects.toMatchObject({ field: 'participants.0' });
		await expect(edit(w.lead, id, { title: 'x'.repeat(201) })).rejects.toMatchObject({
			field: 'title'
		});
		expect(await snapshot(id)).toEqual(before);
		expect(await auditOf(id, 'drill.updated')).toHaveLength(0);
	});

	it('refuses to edit a started drill and changes nothing', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, actor(w.lead), id, at(0)));
		const before = await snapshot(id);
		const refused = edit(w.lead, id, {
			title: 'Renamed while running',
			participants: [{ userId: w.sam.id, roles: ['ic'] }]
		});
		await expect(refused).rejects.toBeInstanceOf(ConflictError);
		await expect(refused).rejects.toThrow('Only a draft drill can be edited.');
		expect(await snapshot(id)).toEqual(before);
		expect(before.title).not.toBe('Renamed while running');
		expect(await auditOf(id, 'drill.updated')).toHaveLength(0);
	});

	it('lets only a facilitator of the drill edit it', async () => {
		const id = await ransomwareDrill(h.db, w);
		const before = await snapshot(id);
		const input = { title: 'Mine now', participants: [{ userId: w.tara.id, roles: ['ic'] }] };
		// A participant (a trainee may not facilitate at all).
		await expect(edit(w.tara, id, input)).rejects.toBeInstanceOf(ForbiddenError);
		// An admin who is not a facilitator of this drill.
		await expect(edit(w.admin, id, input)).rejects.toBeInstanceOf(ForbiddenError);
		// Someone not in it is told it does not exist.
		await expect(edit(w.other, id, input)).rejects.toBeInstanceOf(NotFoundError);
		expect(await snapshot(id)).toEqual(before);
		expect(await auditOf(id, 'drill.updated')).toHaveLength(0);
	});
});
