import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { ConflictError, NotFoundError } from '../../src/lib/server/errors';
import { normalizeSpace, pdfText, qpdfCheck } from '../../src/lib/server/reports/pdf-test-tools';
import {
	loadPlanVersion,
	planVersionRequest,
	renderPlanVersion
} from '../../src/lib/server/reports/plan-version';
import { sampleContext } from '../../src/lib/server/reports/plan-version/sample-data';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import { createTestDatabase } from './test-database';

// The demo's IR plan: v1.0 (superseded), v1.1 (approved, in force) and an open draft.

let h: DatabaseHandle;
let dataDir: string;
let planId: string;
const versionId = async (status: 'approved' | 'superseded' | 'draft') =>
	(
		await h.db
			.selectFrom('plan_versions')
			.select('id')
			.where('plan_id', '=', planId)
			.where('status', '=', status)
			.executeTakeFirstOrThrow()
	).id;

beforeAll(async () => {
	h = await createTestDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-plan-report-'));
	await bootstrap(h.db, readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '1' }));
	planId = (
		await h.db
			.selectFrom('plans')
			.select('id')
			.where('title', '=', 'Incident Response Plan')
			.executeTakeFirstOrThrow()
	).id;
}, 120_000);
afterAll(async () => {
	await h.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the plan version report data', () => {
	it('loads the approved version with its approval, sections, scale, matrix and change log', async () => {
		const data = await loadPlanVersion(h.db, await versionId('approved'));
		expect(data.plan.title).toBe('Incident Response Plan');
		expect(data.version).toMatchObject({ number: '1.1', status: 'approved' });
		expect(data.approval.approvedBy).toBeTruthy();
		expect(data.approval.approvedAt).toBeInstanceOf(Date);
		expect(data.approval.approvalComment).toBe('Reviewed with the CISO and General Counsel.');
		expect(data.approval.steps.map((s) => s.step)).toContain('approved');
		expect(data.sections.length).toBeGreaterThan(10);
		expect(data.sections.every((s) => s.body.length > 0)).toBe(true);
		expect(data.severityScale.map((l) => l.id)).toContain('SEV1');
		expect(data.matrix.map((r) => r.key)).toContain('dora-regulator');
		// The open draft has no number yet and is not part of the log.
		expect(data.changeLog.map((v) => [v.number, v.status])).toEqual([
			['1.0', 'superseded'],
			['1.1', 'approved']
		]);
	});

	it('summarises the changes from the previous approved version', async () => {
		const data = await loadPlanVersion(h.db, await versionId('approved'));
		expect(data.changes?.fromNumber).toBe('1.0');
		const sections = data.changes!.sections;
		expect(sections.find((s) => s.key === 'out-of-band')?.status).toBe('added');
		expect(sections.find((s) => s.key === 'escalation')?.notes).toContain(
			'renamed from “Escalation”'
		);
		expect(data.changes!.matrix.find((r) => r.label.includes('CISO'))?.changes).toEqual(
			expect.arrayContaining([expect.objectContaining({ field: 'SEV2' })])
		);
		expect(data.changes!.matrix.some((r) => r.status === 'added')).toBe(true);
	});

	it('lists the corrective actions a changed section answers', async () => {
		const version = await versionId('approved');
		const action = await h.db
			.selectFrom('corrective_actions')
			.select(['id', 'owner_id'])
			.where('action', 'like', 'Name the board risk committee%')
			.executeTakeFirstOrThrow();
		await h.db
			.insertInto('plan_version_actions')
			.values({
				plan_version_id: version,
				action_id: action.id,
				section_keys: JSON.stringify(['escalation']),
				added_by: action.owner_id!,
				added_at: new Date()
			})
			.execute();
		try {
			const data = await loadPlanVersion(h.db, version);
			const escalation = data.changes!.sections.find((s) => s.key === 'escalation')!;
			expect(escalation.answers.map((a) => a.text)).toEqual([
				'Name the board risk committee in the SEV1 escalation steps of the IR plan.'
			]);
			expect(data.lessons).toHaveLength(1);
			expect(data.lessons[0].source).toMatch(/^drill of \d{4}-\d{2}-\d{2}$/);
		} finally {
			await h.db
				.deleteFrom('plan_version_actions')
				.where('plan_version_id', '=', version)
				.where('action_id', '=', action.id)
				.execute();
		}
	});

	it('compares the first approved version with nothing', async () => {
		const data = await loadPlanVersion(h.db, await versionId('superseded'));
		expect(data.version).toMatchObject({ number: '1.0', status: 'superseded' });
		expect(data.version.supersededAt).toBeInstanceOf(Date);
		expect(data.changes).toBeNull();
	});

	it('refuses a draft: only approved versions have a report', async () => {
		const draft = loadPlanVersion(h.db, await versionId('draft'));
		await expect(draft).rejects.toThrow(ConflictError);
		await expect(draft).rejects.toThrow(
			'Only approved versions have a report; this version is a draft.'
		);
	});

	it('answers not found for an unknown version', async () => {
		await expect(loadPlanVersion(h.db, '00000000-0000-4000-8000-00000000dead')).rejects.toThrow(
			NotFoundError
		);
	});
});

describe('the plan version report of the demo plan', () => {
	it('renders every section of the approved version, checked by qpdf', async () => {
		const request = await planVersionRequest(h.db, await versionId('approved'));
		expect(request).toMatchObject({
			kind: 'plan_version',
			subjectLabel: 'Incident Response Plan v1.1'
		});
		const pdf = await request.render(sampleContext);
		qpdfCheck(pdf);
		const text = normalizeSpace(pdfText(pdf));
		const data = await loadPlanVersion(h.db, await versionId('approved'));
		for (const s of data.sections) expect(text).toContain(`${s.number} ${s.title}`);
		expect(text).toContain('Summary of changes from version 1.0');
		expect(text).toContain('Central Bank of Ireland');
		const again = await renderPlanVersion(data, sampleContext);
		expect(again.equals(pdf)).toBe(true);
	});
});
