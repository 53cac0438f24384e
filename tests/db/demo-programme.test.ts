import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { programmeCoverage } from '../../src/lib/server/programme/coverage';
import { programmeAlerts, programmeStatus } from '../../src/lib/server/programme/requirements';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import { createTestDatabase } from './test-database';

// The demo's exercise programme, from a fresh start: four frameworks switched on and a mix of
// met, due and overdue requirements, each met one linked to its evidence.

let h: DatabaseHandle;
let dataDir: string;
beforeAll(async () => {
	h = await createTestDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-demo-programme-'));
	await bootstrap(h.db, readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '1' }));
}, 120_000);
afterAll(async () => {
	await h.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo programme', () => {
	it('switches on PCI DSS, ISO/IEC 27001, DORA and NIST SP 800-53, audited as the admin', async () => {
		const s = await programmeStatus(h.db, new Date());
		expect(s.frameworks.map((f) => f.id)).toEqual([
			'baseline',
			'pci-dss',
			'iso-27001',
			'dora',
			'nist-800-53'
		]);
		const entries = await h.db
			.selectFrom('audit_log')
			.select('target_id')
			.where('action', '=', 'programme.framework_enabled')
			.execute();
		expect(entries).toHaveLength(4);
	});

	it('shows a mix of met, due and overdue requirements', async () => {
		const s = await programmeStatus(h.db, new Date());
		const state = (id: string) =>
			s.frameworks.flatMap((f) => f.requirements).find((r) => r.id === id)?.state;
		expect(state('baseline-plan-review')).toBe('met');
		expect(state('pci-12.10.2-test')).toBe('met');
		expect(state('dora-art11-6')).toBe('met');
		expect(state('pci-12.10.4-training')).toBe('due');
		expect(state('nist-ir-2')).toBe('due');
		expect(state('dora-art13-training')).toBe('overdue');
		const alerts = await programmeAlerts(h.db, new Date());
		expect(alerts[0]).toMatchObject({ requirementId: 'dora-art13-training', state: 'overdue' });
	});

	it('links every met requirement to the drill or plan version that met it', async () => {
		const s = await programmeStatus(h.db, new Date());
		for (const r of s.frameworks.flatMap((f) => f.requirements))
			expect(r.lastMet?.href).toMatch(/^\/(drills|plans)\/[0-9a-f-]{36}/);
	});

	it('leaves plan sections the demo drills never exercised to be called out', async () => {
		const c = await programmeCoverage(h.db, new Date());
		const plan = c.plans[0];
		expect(plan.sections.some((x) => x.teamDrills > 0)).toBe(true);
		expect(plan.sections.some((x) => x.teamDrills + x.practice === 0)).toBe(true);
		expect(plan.matrix.some((x) => x.teamDrills > 0)).toBe(true);
	});
});
