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

/** Opens PGlite in a folder (locked for this process), or in memory when dataDir is null. */
export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
	const release = dataDir ? lockDataDir(dataDir) : () => {};
	try {
		const pglite = await PGlite.create(dataDir ? `${dataDir}/pgdata` : undefined, {
			parsers: { [DATE_OID]: (value: string) => value }
		});
		const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
		return {
			db,
			engine: 'pglite',
			location: dataDir ?? 'memory',
			async close() {
				await db.destroy(); // closes PGlite too
				release();
			}
		};
	} catch (e) {
		release();
		throw e;
	}
}
