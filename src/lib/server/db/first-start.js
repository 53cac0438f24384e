// A first start on a new embedded data folder (creating the database, migrating, loading demo
// data) grows the process's memory for good: PGlite's WebAssembly memory never shrinks and
// glibc keeps what the compiler threads freed (bench/RESULTS.md, "Where the embedded memory
// goes"). So the start script does that one-off work in a short-lived child process, and the
// server itself only ever opens a prepared folder, as a restart does. Plain JavaScript so
// scripts/start-server.js can load it without a build step.
import fs from 'node:fs';
import path from 'node:path';

/** Set in the child: it does the first start's work, then exits instead of serving. */
export const FIRST_START_ONLY = 'HOTWASH_FIRST_START_ONLY';
/** Set in the server after the child did the work (it has already said what it did). */
export const FIRST_START_DONE = 'HOTWASH_FIRST_START_DONE';

/** The embedded database's folder when HOTWASH_DATA_DIR is not set (config.ts reads it too). */
export const DEFAULT_DATA_DIR = './data';

/** A folder PGlite has not created a database in yet (or no folder: in memory). */
export function pgliteDataDirIsNew(/** @type {string | null} */ dataDir) {
	return !dataDir || !fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'));
}

/**
 * The data folder the environment configures for the embedded engine (as
 * src/lib/server/config.ts reads it), or null when DATABASE_URL names a PostgreSQL server.
 */
export function embeddedDataDir(env = process.env) {
	return env.DATABASE_URL ? null : path.resolve(env.HOTWASH_DATA_DIR || DEFAULT_DATA_DIR);
}
