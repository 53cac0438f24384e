import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEntries, exportColumns } from '../../src/lib/server/audit/export';
import * as audit from '../../src/lib/server/audit/log';
import { listEntries, parseAuditFilter } from '../../src/lib/server/audit/query';
import { verifyChain } from '../../src/lib/server/audit/verify';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
const auditor = { id: null, label: 'ari@example.test', ip: '198.51.100.7' };
const VERSION = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

beforeAll(async () => {
	h = await createTestDatabase();
	// A trail about two plan versions, one entry with a label a spreadsheet would run.
	await audit.record(
		h.db,
		{ id: null, label: '=HYPERLINK("http://x")', ip: null },
		'login.failure'
	);
	for (let i = 1; i <= 3; i++)
		await audit.record(
			h.db,
			{ id: null, label: 'lee@example.test', ip: null },
			'plan.draft_saved',
			{ type: 'plan_version', id: VERSION },
			{ planId: 'p1', revision: i, change: 'Edited, "quoted", section' }
		);
	await audit.record(
		h.db,
		{ id: null, label: 'ada@example.test', ip: null },
		'plan.approved',
		{ type: 'plan_version', id: OTHER },
		{ planId: 'p1', number: '1.4' }
	);
});
afterAll(() => h.close());

async function read(body: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(body).text();
}

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted && c === '"' && text[i + 1] === '"') {
			cell += '"';
			i++;
		} else if (c === '"') quoted = !quoted;
		else if (!quoted && c === ',') {
			row.push(cell);
			cell = '';
		} else if (!quoted && c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return rows;
}

describe('audit trail export', () => {
	it('writes the filtered entries as CSV with a header, quoting and no formulas', async () => {
		const { filter } = parseAuditFilter(new URLSearchParams({ type: 'plan_version', id: VERSION }));
		const { count, body } = await exportEntries(h.db, auditor, filter, 'csv', { users: false });
		expect(count).toBe(3);
		const rows = parseCsv(await read(body));
		expect(rows[0]).toEqual([...exportColumns]);
		expect(rows.slice(1).map((r) => r[5])).toEqual([
			'saved revision 1 of a plan draft: Edited, "quoted", section',
			'saved revision 2 of a plan draft: Edited, "quoted", section',
			'saved revision 3 of a plan draft: Edited, "quoted", section'
		]);
		expect(rows[1][exportColumns.indexOf('record_id')]).toBe(VERSION);

		const all = await exportEntries(h.db, auditor, {}, 'csv', { users: false });
		const allRows = parseCsv(await read(all.body));
		expect(allRows[1][exportColumns.indexOf('actor_email')]).toBe('\'=HYPERLINK("http://x")');
	});

	it('records each export in the trail with its filter, and the chain still verifies', async () => {
		const { filter } = parseAuditFilter(new URLSearchParams({ action: 'plan.approved' }));
		const { count, throughSeq, body } = await exportEntries(h.db, auditor, filter, 'json', {
			users: false
		});
		const entries = JSON.parse(await read(body));
		expect(count).toBe(1);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			action: 'plan.approved',
			description: 'approved plan version 1.4',
			record: { type: 'plan_version', id: OTHER, label: 'plan version 1.4' }
		});
		const last = await h.db
			.selectFrom('audit_log')
			.selectAll()
			.orderBy('seq', 'desc')
			.limit(1)
			.executeTakeFirstOrThrow();
		expect(last).toMatchObject({ action: 'audit.exported', actor_label: auditor.label });
		expect(last.seq).toBe(throughSeq + 1);
		expect(last.detail).toEqual({
			format: 'json',
			count: 1,
			throughSeq,
			filter: { action: 'plan.approved' }
		});
		expect(await verifyChain(h.db)).toEqual({ intact: true, entries: last.seq });
	});

	it('leaves entries written after the export out of its file', async () => {
		const { body } = await exportEntries(h.db, auditor, {}, 'json', { users: false });
		await audit.record(h.db, auditor, 'logout');
		const entries: { action: string }[] = JSON.parse(await read(body));
		expect(entries.map((e) => e.action)).not.toContain('logout');
	});
});

describe('audit trail filters and pages', () => {
	it('finds every entry about one record', async () => {
		const { filter } = parseAuditFilter(new URLSearchParams({ type: 'plan_version', id: VERSION }));
		const page = await listEntries(h.db, filter);
		expect(page.rows.map((r) => r.detail)).toEqual([
			expect.objectContaining({ revision: 3 }),
			expect.objectContaining({ revision: 2 }),
			expect.objectContaining({ revision: 1 })
		]);
		expect(page.total).toBe(3);
	});

	it('pages by entry number, newer and older', async () => {
		for (let i = 0; i < 60; i++) await audit.record(h.db, auditor, 'login.success');
		const { filter } = parseAuditFilter(new URLSearchParams({ action: 'login.success' }));
		const first = await listEntries(h.db, filter);
		expect(first.rows).toHaveLength(50);
		expect(first.newer).toBeNull();
		const older = await listEntries(h.db, { ...filter, before: first.older! });
		expect(older.rows).toHaveLength(10);
		expect(older.older).toBeNull();
		const back = await listEntries(h.db, { ...filter, after: older.newer! });
		expect(back.rows.map((r) => r.seq)).toEqual(first.rows.map((r) => r.seq));
		expect(back.newer).toBeNull();
	});

	it('names the field of each mistake in the filter', () => {
		const { errors } = parseAuditFilter(
			new URLSearchParams({ from: '2026-02-30', id: 'x y', action: 'DROP TABLE', before: 'z' })
		);
		expect(errors).toEqual({
			from: 'This date does not exist.',
			id: 'A record id has letters, digits, dashes and dots only.',
			action: 'Pick an action from the list.',
			before: 'Give an entry number.'
		});
		expect(parseAuditFilter(new URLSearchParams({ id: 'abc' })).errors).toEqual({
			type: 'Give the record type too.'
		});
		expect(
			parseAuditFilter(new URLSearchParams({ from: '2026-03-02', to: '2026-03-01' })).errors
		).toEqual({ to: 'The end is before the start.' });
	});
});
