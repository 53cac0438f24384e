import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { InvalidInputError } from '../../src/lib/server/errors';
import { programmeStatus } from '../../src/lib/server/programme/requirements';
import {
	evidencePackRequest,
	loadEvidencePack,
	parseEvidencePackParams,
	renderEvidencePack
} from '../../src/lib/server/reports/evidence-pack';
import { normalizeSpace, pdfText, qpdfCheck } from '../../src/lib/server/reports/pdf-test-tools';
import { auditHead, produceReport, type ReportContext } from '../../src/lib/server/reports/runs';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import { createTestDatabase } from './test-database';

// The evidence pack over the demo data, from a fresh start: the same statuses as the
// programme page at the same moment, the demo's evidence in the register, and the audit
// chain's verification, intact and then broken.

let h: DatabaseHandle;
let dataDir: string;
beforeAll(async () => {
	h = await createTestDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-evidence-pack-'));
	await bootstrap(h.db, readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '1' }));
}, 120_000);
afterAll(async () => {
	await h.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

const context = async (now: Date): Promise<ReportContext> => ({
	reportId: 'R-TEST-EVIDENCE',
	createdAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
	requestedBy: 'Ada Auditor',
	auditHead: await auditHead(h.db)
});

/** Requirement id → state, for the frameworks of the pack. */
const statesOf = (frameworks: { id: string; requirements: { id: string; state: string }[] }[]) =>
	Object.fromEntries(frameworks.flatMap((f) => f.requirements.map((r) => [r.id, r.state])));

describe('the demo evidence pack', () => {
	it('defaults to the last 12 months and the four frameworks the demo switches on', async () => {
		const now = new Date();
		const params = await parseEvidencePackParams(h.db, new URLSearchParams(), now);
		expect(params.frameworks).toEqual(['pci-dss', 'iso-27001', 'dora', 'nist-800-53']);
		expect(params.to).toBe(now.toISOString().slice(0, 10));
		await expect(
			parseEvidencePackParams(h.db, new URLSearchParams({ frameworks: 'sox' }), now)
		).rejects.toMatchObject({ field: 'frameworks' });
		await expect(
			parseEvidencePackParams(h.db, new URLSearchParams({ frameworks: 'sox' }), now)
		).rejects.toBeInstanceOf(InvalidInputError);
	});

	it('gives every requirement the status the programme page shows for the same moment', async () => {
		const now = new Date();
		const params = await parseEvidencePackParams(h.db, {}, now);
		const data = await loadEvidencePack(h.db, params, now);
		expect(data.asOf).toBe(now.toISOString());
		const programme = await programmeStatus(h.db, now);
		const expected = statesOf(programme.frameworks.filter((f) => f.id !== 'baseline'));
		expect(statesOf(data.frameworks)).toEqual(expected);
		// The demo's mix: met, due soon and overdue.
		expect(expected['pci-12.10.2-test']).toBe('met');
		expect(expected['pci-12.10.4-training']).toBe('due');
		expect(expected['dora-art13-training']).toBe('overdue');
		const dora = data.frameworks.find((f) => f.id === 'dora')!;
		const training = dora.requirements.find((r) => r.id === 'dora-art13-training')!;
		expect(training.gaps.join(' ')).toMatch(/last trained more than 12 months|never took part/);
	});

	it('agrees with the programme page at the end of an earlier period too', async () => {
		const now = new Date();
		const to = new Date(now.getTime() - 200 * 86_400_000).toISOString().slice(0, 10);
		const params = await parseEvidencePackParams(
			h.db,
			{ to, frameworks: 'baseline,pci-dss,soc2,hipaa,nis2' },
			now
		);
		const data = await loadEvidencePack(h.db, params, now);
		const asOf = new Date(`${to}T23:59:59.999Z`);
		expect(data.asOf).toBe(asOf.toISOString());
		const programme = await programmeStatus(h.db, asOf);
		const shown = statesOf(programme.frameworks);
		for (const [id, state] of Object.entries(statesOf(data.frameworks)))
			if (id in shown) expect(state, id).toBe(shown[id]);
		// Nothing after the period's end counts as its evidence.
		for (const d of data.register.drills) expect(d.endedAt <= asOf.toISOString()).toBe(true);
		for (const a of data.register.approvals) expect(a.approvedAt <= asOf.toISOString()).toBe(true);
	});

	it("lists the period's drills with people and ratings, approvals, actions and incident reviews", async () => {
		const now = new Date();
		const data = await loadEvidencePack(h.db, await parseEvidencePackParams(h.db, {}, now), now);
		const team = data.register.drills.filter((d) => d.mode !== 'solo');
		expect(team.length).toBeGreaterThan(0);
		expect(team.some((d) => d.participants.length > 0)).toBe(true);
		expect(team.some((d) => d.objectives.some((o) => o.rating !== null))).toBe(true);
		expect(data.register.approvals.length).toBeGreaterThan(0);
		expect(data.register.approvals[0].approvedBy).toBeTruthy();
		expect(data.register.actions.length).toBeGreaterThan(0);
		expect(data.register.actions.some((a) => a.overdue)).toBe(true);
		expect(data.register.incidents.length).toBeGreaterThan(0);
		expect(data.overview.drillsHeld).toBe(data.register.drills.length);
		expect(data.overview.actionsOverdue).toBeGreaterThan(0);
		const pci = data.frameworks.find((f) => f.id === 'pci-dss')!;
		const test = pci.requirements.find((r) => r.id === 'pci-12.10.2-test')!;
		expect(test.drills.length).toBeGreaterThan(0);
		expect(data.chain).toEqual({ intact: true, entries: expect.any(Number) });
	});

	it('renders a valid PDF with the head hash and records the run', async () => {
		const now = new Date();
		const params = await parseEvidencePackParams(h.db, {}, now);
		const data = await loadEvidencePack(h.db, params, now);
		const ctx = await context(now);
		const started = performance.now();
		const bytes = await renderEvidencePack(data, ctx);
		const ms = performance.now() - started;
		qpdfCheck(bytes);
		const text = normalizeSpace(pdfText(bytes));
		expect(text).toContain('Compliance evidence pack');
		expect(text).toContain('ISO/IEC 27001 (2022, Annex A)');
		expect(text).toContain(ctx.auditHead.hash);
		expect(text).toContain(`Intact: all ${data.chain.entries} entries`);
		if (process.env.EVIDENCE_PACK_PNG)
			fs.writeFileSync(`${process.env.EVIDENCE_PACK_PNG}/demo.pdf`, bytes);
		expect(ms).toBeLessThan(5_000);

		const admin = await h.db
			.selectFrom('users')
			.select(['id', 'display_name'])
			.where('role', '=', 'admin')
			.executeTakeFirstOrThrow();
		const { run } = await produceReport(
			h.db,
			{ id: admin.id, label: admin.display_name, ip: null },
			await evidencePackRequest(h.db, params, now)
		);
		expect(run).toMatchObject({ kind: 'evidence_pack', subject_id: null });
		expect(run.params).toEqual({ from: params.from, to: params.to, frameworks: params.frameworks });
	});

	it('reports a broken audit chain as broken', async () => {
		const victim = await h.db
			.selectFrom('audit_log')
			.select('seq')
			.orderBy('seq')
			.offset(2)
			.limit(1)
			.executeTakeFirstOrThrow();
		// As an attacker with owner rights would: the append-only triggers out of the way.
		await sql`alter table audit_log disable trigger user`.execute(h.db);
		try {
			await h.db
				.updateTable('audit_log')
				.set({ detail: JSON.stringify({ rewritten: 'after the fact' }) })
				.where('seq', '=', victim.seq)
				.execute();
		} finally {
			await sql`alter table audit_log enable trigger user`.execute(h.db);
		}
		const now = new Date();
		const data = await loadEvidencePack(h.db, await parseEvidencePackParams(h.db, {}, now), now);
		expect(data.chain).toMatchObject({ intact: false, brokenAt: victim.seq });
		const text = normalizeSpace(pdfText(await renderEvidencePack(data, await context(now))));
		expect(text).toContain(`Broken at entry ${victim.seq}`);
		expect(text).toContain('The audit trail did NOT verify');
	});
});
