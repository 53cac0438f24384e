import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import type { Database } from './schema';
import { logger } from '../logger';

export type Engine = 'pglite' | 'postgres';

export type DatabaseHandle = {
	db: Kysely<Database>;
	engine: Engine;
	/** Where the data lives, for messages: a folder or a server URL without password. */
	location: string;
	/** PostgreSQL only: for a connection outside the pool (the real-time bus's LISTEN). */
	connectionString?: string;
	close(): Promise<void>;
	/**
	 * Embedded engine on a folder only: closes PGlite and opens it again, keeping the
	 * folder's lock, and returns the new handle (this one is closed). PGlite's WebAssembly
	 * memory only ever grows: after heavy one-off work (creating, migrating, seeding) a
	 * fresh instance holds far less of it.
	 */
	reopen?(): Promise<DatabaseHandle>;
};

// timestamptz comes back as Date on both engines; int8 stays a string on pg, so we use
// integer columns and avoid bigint altogether. A calendar date stays the string it is
// (YYYY-MM-DD): turned into a Date it would shift with the server's time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value: string) => value);

export async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize });
	// An idle pooled connection the server drops (a restart, a terminated backend) is an
	// 'error' event: without a listener it would crash the process. The pool replaces it.
	pool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	const safe = new URL(url);
	safe.password = '';
	return {
		db,
		engine: 'postgres',
		location: safe.toString(),
		connectionString: url,
		close: () => db.destroy()
	};
}

// PostgreSQL's default shared_buffers (128 MB) lives inside PGlite's WebAssembly memory,
// which never shrinks: it alone held about 100 MB of the process's resident memory. The
// demo database is a few tens of MB and the operating system caches the files below it,
// so 32 MB keeps the pages a request reads in memory at a third of the cost.
// (bench/RESULTS.md, "Where the embedded memory goes".)
const PGLITE_SHARED_BUFFERS = '32MB';

function createPglite(dataDir: string | null): Promise<PGlite> {
	return PGlite.create(dataDir ? `${dataDir}/pgdata` : undefined, {
		parsers: { [DATE_OID]: (value: string) => value },
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`]
	});
}

/** True when `dataDir` holds no database yet (opening it will create one). */
export { pgliteDataDirIsNew } from './first-start.js';

/** Opens PGlite in a folder (locked for this process), or in memory when dataDir is null. */
export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
	const release = dataDir ? lockDataDir(dataDir) : () => {};
	try {
		return pgliteHandle(dataDir, await createPglite(dataDir), release);
	} catch (e) {
		release();
		throw e;
	}
}

function pgliteHandle(dataDir: string | null, pglite: PGlite, release: () => void): DatabaseHandle {
	const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
	return {
		db,
		engine: 'pglite',
		location: dataDir ?? 'memory',
		async close() {
			await db.destroy(); // closes PGlite too
			release();
		},
		// An in-memory database lives in the instance itself: nothing to reopen.
		reopen: !dataDir
			? undefined
			: async () => {
					await db.destroy(); // the lock stays ours throughout
					try {
						return pgliteHandle(dataDir, await createPglite(dataDir), release);
					} catch (e) {
						release();
						throw e;
					}
				}
	};
}
