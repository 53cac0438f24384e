import fs from 'node:fs';
import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import {
	findScenario,
	fullLibrary,
	saveCustomScenario
} from '../../src/lib/server/scenarios/custom';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// The built-in library for these tests is the fixtures folder: one valid scenario (fixture-valid).
process.env.HOTWASH_SCENARIOS_DIR = 'tests/fixtures/scenarios';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const valid = fs.readFileSync('tests/fixtures/scenarios/valid.yaml', 'utf8');
const ours = (title = 'Our ransomware drill') =>
	valid
		.replace('id: fixture-valid', 'id: our-drill')
		.replace('title: Fixture scenario', `title: ${title}`);
const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => h.db.transaction().execute(fn);

describe('custom scenarios', () => {
	it('keeps every save as a new version and older versions readable', async () => {
		const lead = await makeUser(h.db, 'lead');
		const actor = { id: lead.id, label: lead.email, ip: null };
		const first = await tx((trx) => saveCustomScenario(trx, actor, ours()));
		expect(first).toMatchObject({
			saved: true,
			scenarioId: 'our-drill',
			version: 1,
			unchanged: false
		});
		const second = await tx((trx) =>
			saveCustomScenario(trx, actor, ours('Our ransomware drill, revised'))
		);
		expect(second).toMatchObject({ saved: true, version: 2 });
		const v1 = await findScenario(h.db, 'our-drill', 1);
		const latest = await findScenario(h.db, 'our-drill');
		expect(v1?.entry.scenario?.title).toBe('Our ransomware drill');
		expect(latest?.entry.scenario?.title).toBe('Our ransomware drill, revised');
		expect(latest?.versions.map((v) => v.version)).toEqual([2, 1]);
	});

	it('makes no new version when the text is unchanged, so a re-uploaded download is the same scenario', async () => {
		const lead = await makeUser(h.db, 'lead');
		const actor = { id: lead.id, label: lead.email, ip: null };
		const text = ours('Round trip');
		await tx((trx) => saveCustomScenario(trx, actor, text));
		const downloaded = (await findScenario(h.db, 'our-drill'))!.entry.text;
		expect(downloaded).toBe(text);
		const again = await tx((trx) => saveCustomScenario(trx, actor, downloaded));
		expect(again).toMatchObject({ saved: true, unchanged: true });
	});

	it('refuses an invalid file with its errors and stores nothing', async () => {
		const lead = await makeUser(h.db, 'lead');
		const broken = ours()
			.replace('id: our-drill', 'id: broken-one')
			.replace('option: wait', 'option: pay');
		const outcome = await tx((trx) =>
			saveCustomScenario(trx, { id: lead.id, label: lead.email, ip: null }, broken)
		);
		expect(outcome.saved).toBe(false);
		if (!outcome.saved)
			expect(outcome.result.errors[0].message).toMatch(/prompt `q-isolate` has no option `pay`/);
		expect(await findScenario(h.db, 'broken-one')).toBeNull();
	});

	it('refuses an id that belongs to a built-in scenario, and a rename during an edit', async () => {
		const lead = await makeUser(h.db, 'lead');
		const actor = { id: lead.id, label: lead.email, ip: null };
		const clash = await tx((trx) => saveCustomScenario(trx, actor, valid));
		expect(clash.saved).toBe(false);
		if (!clash.saved)
			expect(clash.result.errors[0].message).toMatch(/belongs to a built-in scenario/);
		const renamed = await tx((trx) => saveCustomScenario(trx, actor, ours(), 'some-other-id'));
		expect(renamed.saved).toBe(false);
	});

	it('lists built-in and custom scenarios together, and never rewrites a stored version', async () => {
		const ids = (await fullLibrary(h.db))
			.filter((e) => e.scenario)
			.map((e) => `${e.origin}:${e.id}`);
		expect(ids).toContain('built-in:fixture-valid');
		expect(ids).toContain('custom:our-drill');
		await expect(
			h.db.updateTable('custom_scenario_versions').set({ yaml: 'x' }).execute()
		).rejects.toThrow(/cannot be changed/);
		const audit = await h.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'scenario.saved')
			.execute();
		expect(audit.length).toBeGreaterThanOrEqual(3);
	});
});
