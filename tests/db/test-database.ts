import pg from 'pg';
import { bundledMigrations } from '../../src/lib/server/db/bundled-migrations';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

/**
 * A database that went through every migration: in-memory PGlite by default, or a fresh
 * database on the server named by TEST_DATABASE_URL (dropped again on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		const handle = await openPglite(null);
		await migrateToLatest(handle.db, bundledMigrations);
		return handle;
	}
	const name = `hotwash_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const handle = await openPostgres(url.toString(), 5);
	await migrateToLatest(handle.db, bundledMigrations);
	return {
		...handle,
		async close() {
			await handle.close();
			const c = new pg.Client({ connectionString: serverUrl });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		}
	};
}
