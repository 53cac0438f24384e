import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/lib/server/db/connect';

// A first start reopens the embedded database after seeding it (to give back the memory the
// one-off work took): the folder must stay locked against another process throughout.
let dataDir: string;
beforeAll(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-reopen-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The operator's CLI on the same folder, as another process. */
function listUsers() {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOTWASH_DATA_DIR: dataDir,
		HOTWASH_LOG_LEVEL: 'silent'
	};
	delete env.DATABASE_URL;
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/hotwash.ts', 'users'], {
		env,
		encoding: 'utf8',
		timeout: 60_000
	});
}

describe('reopening the embedded database', { timeout: 120_000 }, () => {
	it('keeps what was written and the folder locked until closed', async () => {
		const first = await openPglite(dataDir);
		await sql`create table kept (note text)`.execute(first.db);
		await sql`insert into kept values ('seeded')`.execute(first.db);
		expect(first.reopen).toBeDefined();
		const reopened = await first.reopen!();
		try {
			const rows = await sql<{ note: string }>`select note from kept`.execute(reopened.db);
			expect(rows.rows).toEqual([{ note: 'seeded' }]);
			const other = listUsers();
			expect(other.status).toBe(75);
			expect(other.stderr).toContain(`in use by process ${process.pid}`);
		} finally {
			await reopened.close();
		}
		expect(fs.existsSync(path.join(dataDir, 'hotwash.lock'))).toBe(false);
	});
});
