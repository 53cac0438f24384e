import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { ConflictError, NotFoundError } from '../../src/lib/server/errors';
import { aarRequest, loadAar, renderAar } from '../../src/lib/server/reports/aar';
import {
	blankPageIndexes,
	pdfOutline,
	pdfText,
	qpdfCheck
} from '../../src/lib/server/reports/pdf-test-tools';
import type { ReportContext } from '../../src/lib/server/reports/runs';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import { actor, drillWorld, ransomwareDrill } from './drills-fixtures';
import { createLargeEndedDrill, type LargeDrill } from './large-drill-fixture';
import { createTestDatabase } from './test-database';

// The after-action report loaded from a real database: the demo's ended tabletop from a fresh
// start, and a 60-inject, 50-participant drill; only an ended drill has one.

const ctx: ReportContext = {
	reportId: 'R-TEST-0001',
	createdAt: new Date('2026-04-01T10:00:00Z'),
	requestedBy: 'Test auditor',
	auditHead: { seq: 42, hash: 'ab'.repeat(32) }
};
/**
 * Text without white space or hyphens: cells wrap long titles anywhere, and pdftotext joins a
 * word broken after its hyphen without it.
 */
const squash = (s: string) => s.replace(/[\s-]+/g, '');
/** Where the rendered files go, for a person to look at (HOTWASH_AAR_OUT=dir). */
const keep = (name: string, buf: Buffer) => {
	const dir = process.env.HOTWASH_AAR_OUT;
	if (dir) fs.writeFileSync(path.join(dir, name), buf);
};

let h: DatabaseHandle;
let dataDir: string;
let large: LargeDrill;
beforeAll(async () => {
	h = await createTestDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-aar-'));
	await bootstrap(h.db, readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '1' }));
	large = await createLargeEndedDrill(h.db, { injects: 60, participants: 50 });
}, 180_000);
afterAll(async () => {
	await h?.close();
	if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the after-action report from the database', () => {
	it('prints the demo tabletop with its findings, actions and sign-off', async () => {
		const drill = await h.db
			.selectFrom('drills')
			.select('id')
			.where('title', '=', 'Q1 ransomware tabletop (SOC and IT)')
			.executeTakeFirstOrThrow();
		const data = await loadAar(h.db, drill.id);
		expect(data.findings.length).toBeGreaterThan(0);
		expect(data.actions.length).toBeGreaterThan(0);
		expect(data.plan.approvedAt).not.toBeNull();
		const buf = await renderAar(data, ctx);
		keep('demo.pdf', buf);
		qpdfCheck(buf);
		expect(blankPageIndexes(buf)).toEqual([]);
		const text = squash(pdfText(buf));
		for (const expected of [
			'Q1 ransomware tabletop (SOC and IT)',
			'Board risk committee not told at SEV1',
			'Out-of-band channel not used until prompted',
			'Add the out-of-band kit location',
			'GDPR Art. 33',
			'Prepared by',
			...data.results.people.map((p) => p.name)
		])
			expect(text).toContain(squash(expected));
		expect(pdfOutline(buf)).toEqual(
			expect.arrayContaining(['1. Exercise overview', 'Appendix A. Improvement plan', 'Sign-off'])
		);
	});

	it('prints every inject and participant of a 60-inject, 50-participant drill', async () => {
		const started = performance.now();
		const data = await loadAar(h.db, large.drillId);
		const loaded = performance.now();
		const buf = await renderAar(data, ctx);
		const rendered = performance.now();
		console.log(
			`large AAR: load ${Math.round(loaded - started)} ms, render ${Math.round(rendered - loaded)} ms, ${buf.length} bytes`
		);
		keep('large.pdf', buf);
		qpdfCheck(buf);
		expect(blankPageIndexes(buf)).toEqual([]);
		const text = squash(pdfText(buf));
		for (const name of large.names) expect(text).toContain(squash(name));
		for (const title of large.injectTitles) expect(text).toContain(squash(title));
		expect(data.actions).toHaveLength(14);
		expect(data.hotWash?.responses).toHaveLength(12);
	});

	it('makes a report request naming the drill', async () => {
		const request = await aarRequest(h.db, large.drillId);
		expect(request).toMatchObject({
			kind: 'aar',
			subjectId: large.drillId,
			subjectLabel: large.title
		});
	});

	it('refuses a drill that has not ended, and a drill that does not exist', async () => {
		const w = await drillWorld(h.db);
		const drillId = await ransomwareDrill(h.db, w);
		await expect(loadAar(h.db, drillId)).rejects.toThrow(ConflictError);
		await expect(loadAar(h.db, drillId)).rejects.toThrow(
			'The after-action report is made once the drill has ended.'
		);
		await expect(loadAar(h.db, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
			NotFoundError
		);
		expect(actor(w.lead).id).toBe(w.lead.id);
	});
});
