import fs from 'node:fs';
import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { listVisibleScenarios } from '../../src/lib/server/scenarios/access';
import { findScenario, saveCustomScenario } from '../../src/lib/server/scenarios/custom';
import { scenarioForDisplay } from '../../src/lib/server/scenarios/display';
import { planSectionRefs } from '../../src/lib/server/scenarios/plan-sections';
import { seedDemoPlan } from '../../src/lib/server/setup/demo-plans';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// Reading scenarios: rendered once per stored version (a new version shows at once), and plan
// section references that lead to the section of the plan in force.

process.env.HOTWASH_SCENARIOS_DIR = 'tests/fixtures/scenarios';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => h.db.transaction().execute(fn);
const valid = fs.readFileSync('tests/fixtures/scenarios/valid.yaml', 'utf8');
const titled = (title: string) =>
	valid
		.replace('id: fixture-valid', 'id: cached-drill')
		.replace('title: Fixture scenario', `title: ${title}`);

describe('reading scenarios', () => {
	it('shows a newly saved version at once, though the previous one was rendered and cached', async () => {
		const lead = await makeUser(h.db, 'lead');
		const actor = { id: lead.id, label: lead.email, ip: null };
		await tx((trx) => saveCustomScenario(trx, actor, titled('First words')));
		const first = (await findScenario(h.db, 'cached-drill'))!.entry.scenario!;
		expect(scenarioForDisplay(first, 'facilitator').title).toBe('First words');
		const listed = await listVisibleScenarios(h.db, { soloOnly: false });
		expect(listed.find((s) => s.id === 'cached-drill')?.title).toBe('First words');

		await tx((trx) => saveCustomScenario(trx, actor, titled('Second words')));
		const second = (await findScenario(h.db, 'cached-drill'))!;
		expect(second.version).toBe(2);
		expect(scenarioForDisplay(second.entry.scenario!, 'facilitator').title).toBe('Second words');
		const relisted = await listVisibleScenarios(h.db, { soloOnly: false });
		expect(relisted.find((s) => s.id === 'cached-drill')?.title).toBe('Second words');
		// The earlier version still reads as it was.
		const v1 = (await findScenario(h.db, 'cached-drill', 1))!.entry.scenario!;
		expect(scenarioForDisplay(v1, 'participant').title).toBe('First words');
	});

	it('refuses a scenario id that names a page of the library, such as the format reference', async () => {
		const lead = await makeUser(h.db, 'lead');
		const actor = { id: lead.id, label: lead.email, ip: null };
		const text = valid.replace('id: fixture-valid', 'id: format');
		const outcome = await tx((trx) => saveCustomScenario(trx, actor, text));
		expect(outcome.saved).toBe(false);
		expect(outcome.saved ? '' : outcome.result.errors[0].message).toMatch(/name of a page/);
	});

	it('says plainly that no plan in force has a section when none is approved', async () => {
		const lead = await makeUser(h.db, 'lead');
		expect(await planSectionRefs(h.db, lead, ['containment'])).toEqual([
			{ key: 'containment', places: [] }
		]);
	});

	it('links a plan section to that section of the version in force, and nothing for an unknown key', async () => {
		const lead = await makeUser(h.db, 'lead');
		const admin = await makeUser(h.db, 'admin');
		await tx((trx) => seedDemoPlan(trx, { authorId: lead.id, approverId: admin.id }));
		const inForce = await h.db
			.selectFrom('plan_versions')
			.select(['id', 'plan_id'])
			.where('status', '=', 'approved')
			.executeTakeFirstOrThrow();
		const trainee = await makeUser(h.db, 'trainee');
		const [containment, unknown] = await planSectionRefs(h.db, trainee, [
			'containment',
			'no-such-section'
		]);
		expect(containment.places).toEqual([
			expect.objectContaining({
				href: `/plans/${inForce.plan_id}/versions/${inForce.id}#containment`,
				title: expect.stringMatching(/containment/i),
				number: expect.stringMatching(/^\d+\.\d+$/)
			})
		]);
		expect(unknown).toEqual({ key: 'no-such-section', places: [] });
	});
});
