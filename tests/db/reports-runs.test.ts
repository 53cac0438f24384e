import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, systemActor } from '../../src/lib/server/audit/log';
import { verifyChain } from '../../src/lib/server/audit/verify';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { renderDocument } from '../../src/lib/server/reports/document';
import { loadReportFonts } from '../../src/lib/server/reports/report-fonts';
import {
	auditHead,
	produceReport,
	type ReportContext,
	type ReportRequest
} from '../../src/lib/server/reports/runs';
import { verificationView, verifyHash, verifyReport } from '../../src/lib/server/reports/verify';
import { checkReportAnchors, describeReportAnchors } from '../../src/lib/server/reports/anchors';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// Every generated report is recorded with its hash and the audit head, audited, and can be
// checked later: the original passes, a copy with one byte changed is named as altered.

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const render = (ctx: ReportContext) =>
	renderDocument(
		{
			title: 'Test report',
			author: 'Hotwash',
			subject: 'A report for the test of report runs',
			reportId: ctx.reportId,
			createdAt: ctx.createdAt
		},
		loadReportFonts(),
		(doc) => {
			doc.heading(1, 'Findings');
			doc.paragraph(`Prepared for ${ctx.requestedBy}. Audit head ${ctx.auditHead.hash}.`);
		}
	);

const request = (subjectLabel = 'Ransomware drill of 12 March'): ReportRequest => ({
	kind: 'aar',
	subjectId: 'drill-1',
	subjectLabel,
	params: { note: 'test' },
	render
});

describe('report runs', () => {
	it('records the run with the bytes’ hash and the audit head, and audits it', async () => {
		const lead = await makeUser(h.db, 'lead');
		await record(h.db, systemActor('test'), 'test.before-report');
		const head = await auditHead(h.db);
		const actor = { id: lead.id, label: lead.email, ip: '203.0.113.9', name: 'Zoë Martin' };
		const { run, bytes } = await produceReport(h.db, actor, request());

		expect(run.id).toMatch(/^HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(run.byte_size).toBe(bytes.length);
		expect(run.page_count).toBe(1);
		expect(run.requested_by).toBe(lead.id);
		expect(run.requested_by_label).toBe('Zoë Martin');
		expect(run.audit_head_seq).toBe(head.seq);
		expect(run.audit_head_hash).toBe(head.hash);
		expect(run.created_at.getMilliseconds()).toBe(0);

		const entry = await h.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'report.generated')
			.where('target_id', '=', run.id)
			.executeTakeFirstOrThrow();
		expect(entry.seq).toBe(head.seq + 1);
		expect(entry.actor_id).toBe(lead.id);
		expect(entry.detail).toMatchObject({ kind: 'aar', sha256: run.sha256, subjectId: 'drill-1' });

		// The id is in the header, the file names it, and regenerating from the run gives the
		// same bytes.
		expect(bytes.toString('latin1')).toContain(`(${run.id})`);
		const again = await render({
			reportId: run.id,
			createdAt: run.created_at,
			requestedBy: run.requested_by_label,
			auditHead: { seq: run.audit_head_seq, hash: run.audit_head_hash }
		});
		expect(again.equals(bytes)).toBe(true);
	});

	it('verifies the original, names a changed copy as altered, and knows nothing of others', async () => {
		const { run, bytes } = await produceReport(h.db, systemActor('test'), request());
		const original = await verifyReport(h.db, bytes);
		expect(original.verdict).toBe('genuine');
		expect(original.verdict === 'genuine' && original.run.id).toBe(run.id);

		// One byte changed inside a content stream, far from the id in the info dictionary.
		const changed = Buffer.from(bytes);
		const at = Math.floor(changed.length / 3);
		changed[at] = changed[at] ^ 0x01;
		const altered = await verifyReport(h.db, changed);
		expect(altered.verdict).toBe('altered');
		expect(altered.verdict === 'altered' && altered.run.id).toBe(run.id);

		const stranger = Buffer.from('%PDF-1.3\n% not from Hotwash\n%%EOF\n', 'latin1');
		expect((await verifyReport(h.db, stranger)).verdict).toBe('unknown');
		expect((await verifyHash(h.db, '0'.repeat(64), null)).verdict).toBe('unknown');
		// A forged id naming no run is unknown too.
		expect((await verifyHash(h.db, '1'.repeat(64), 'HW-0000-0000-0000')).verdict).toBe('unknown');
	});

	it('records nothing when the layout fails', async () => {
		const before = await h.db
			.selectFrom('report_runs')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		await expect(
			produceReport(h.db, systemActor('test'), {
				...request(),
				render: async () => {
					throw new Error('layout failed');
				}
			})
		).rejects.toThrow('layout failed');
		const after = await h.db
			.selectFrom('report_runs')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('keeps one unbroken audit chain when reports are made at once', async () => {
		const made = await Promise.allSettled(
			Array.from({ length: 12 }, (_, i) =>
				produceReport(h.db, systemActor('test'), request(`Drill ${i}`))
			)
		);
		const runs = made.flatMap((m) => (m.status === 'fulfilled' ? [m.value.run] : []));
		expect(runs).toHaveLength(12);
		expect(new Set(runs.map((r) => r.id)).size).toBe(12);
		const entries = await h.db
			.selectFrom('audit_log')
			.select(['seq', 'target_id'])
			.where('action', '=', 'report.generated')
			.where(
				'target_id',
				'in',
				runs.map((r) => r.id)
			)
			.execute();
		expect(entries).toHaveLength(12);
		expect((await verifyChain(h.db)).intact).toBe(true);
	});

	it('notices newest audit entries cut off after a report was made, which the chain alone cannot', async () => {
		await record(h.db, systemActor('test'), 'test.before-cut');
		const { run, bytes } = await produceReport(
			h.db,
			systemActor('test'),
			request('Before the cut')
		);
		const before = verificationView(await verifyReport(h.db, bytes));
		expect(before.anchor?.check).toBe('present');
		expect((await checkReportAnchors(h.db)).mismatched).toEqual([]);

		// As an attacker with owner rights would: the append-only triggers out of the way, the
		// newest entries (the report's head and its own entry) deleted. The chain still verifies.
		await sql`alter table audit_log disable trigger user`.execute(h.db);
		try {
			await h.db.deleteFrom('audit_log').where('seq', '>=', run.audit_head_seq).execute();
		} finally {
			await sql`alter table audit_log enable trigger user`.execute(h.db);
		}
		expect((await verifyChain(h.db)).intact).toBe(true);

		const after = verificationView(await verifyReport(h.db, bytes));
		expect(after.verdict).toBe('genuine');
		expect(after.anchor?.check).toBe('missing');
		expect(after.anchor?.text).toContain(`no longer holds entry ${run.audit_head_seq}`);
		const anchors = await checkReportAnchors(h.db);
		expect(anchors.mismatched.map((m) => m.reportId)).toContain(run.id);
		expect(describeReportAnchors(anchors)).toMatch(/which the trail no longer holds/);
	});
});
