import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as audit from '../../src/lib/server/audit/log';
import { verifyChain } from '../../src/lib/server/audit/verify';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
const actor = { id: null, label: 'tester', ip: '198.51.100.1' };

beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

// Each test starts from a known chain of five entries. Clearing the table needs the
// append-only triggers out of the way, as an attacker with owner rights would do.
async function tamper<T>(fn: () => Promise<T>): Promise<T> {
	await sql`alter table audit_log disable trigger user`.execute(h.db);
	try {
		return await fn();
	} finally {
		await sql`alter table audit_log enable trigger user`.execute(h.db);
	}
}

beforeEach(async () => {
	await tamper(() => h.db.deleteFrom('audit_log').execute());
	for (let i = 1; i <= 5; i++) {
		await audit.record(
			h.db,
			actor,
			'test.event',
			{ type: 'thing', id: String(i) },
			{ i, note: 'ünïcode ✓' }
		);
	}
});

describe('audit trail', () => {
	it('links every entry to the previous one and verifies as intact', async () => {
		const rows = await h.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
		for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
		expect(await verifyChain(h.db)).toEqual({ intact: true, entries: 5 });
	});

	it('refuses updates and deletes through SQL', async () => {
		await expect(
			h.db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 2).execute()
		).rejects.toThrow(/append-only/);
		await expect(h.db.deleteFrom('audit_log').where('seq', '=', 2).execute()).rejects.toThrow(
			/append-only/
		);
	});

	it('detects an entry edited directly in the database', async () => {
		await tamper(() =>
			h.db
				.updateTable('audit_log')
				.set({ detail: JSON.stringify({ i: 3, note: 'rewritten' }) })
				.where('seq', '=', 3)
				.execute()
		);
		expect(await verifyChain(h.db)).toMatchObject({ intact: false, brokenAt: 3, entries: 2 });
	});

	it('detects an entry deleted from the middle', async () => {
		await tamper(() => h.db.deleteFrom('audit_log').where('seq', '=', 2).execute());
		expect(await verifyChain(h.db)).toMatchObject({ intact: false, brokenAt: 3 });
	});

	it('detects two entries swapped in order', async () => {
		await tamper(async () => {
			// Move 2 and 3 out of the way, then put each back under the other's number.
			await h.db.updateTable('audit_log').set({ seq: 102 }).where('seq', '=', 2).execute();
			await h.db.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 3).execute();
			await h.db.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', 102).execute();
		});
		expect(await verifyChain(h.db)).toMatchObject({ intact: false, brokenAt: 2 });
	});

	it('detects a forged entry whose hash was recomputed without its successors', async () => {
		await tamper(() =>
			h.db
				.updateTable('audit_log')
				.set({ actor_label: 'someone else' })
				.where('seq', '=', 4)
				.execute()
		);
		const report = await verifyChain(h.db);
		expect(report).toMatchObject({ intact: false, brokenAt: 4 });
	});

	it('keeps one unbroken chain when many appends race', async () => {
		await Promise.all(
			Array.from({ length: 20 }, (_, i) => audit.record(h.db, actor, 'race', null, { i }))
		);
		const report = await verifyChain(h.db);
		expect(report).toEqual({ intact: true, entries: 25 });
	});

	it('drops the entry together with the change when the transaction fails', async () => {
		await expect(
			h.db.transaction().execute(async (trx) => {
				await audit.append(trx, actor, 'doomed');
				throw new Error('change failed');
			})
		).rejects.toThrow('change failed');
		const doomed = await h.db
			.selectFrom('audit_log')
			.select('seq')
			.where('action', '=', 'doomed')
			.execute();
		expect(doomed).toEqual([]);
		expect(await verifyChain(h.db)).toEqual({ intact: true, entries: 5 });
	});
});
