import type { Config } from '../config';
import { openPglite, openPostgres, pgliteDataDirIsNew, type DatabaseHandle } from './connect';
import { migrateToLatest, type MigrationModules } from './migrate';

/**
 * Opens the configured engine and brings its schema up to date; `migrated` is how many
 * migrations this start applied. `say` hears what a first start is doing (creating the
 * database, each migration), for the console.
 */
export async function openConfiguredDatabase(
	config: Config,
	migrations: MigrationModules,
	say?: (line: string) => void
): Promise<DatabaseHandle & { migrated: number }> {
	let handle: DatabaseHandle;
	if (config.databaseUrl) {
		handle = await openPostgres(config.databaseUrl, config.poolSize);
	} else {
		if (pgliteDataDirIsNew(config.dataDir))
			say?.(`Creating the embedded database in ${config.dataDir}…`);
		handle = await openPglite(config.dataDir);
	}
	try {
		const result = await migrateToLatest(
			handle.db,
			migrations,
			say && ((n, total, name) => say(`Migrating the database (${n} of ${total}): ${name}`))
		);
		return Object.assign(handle, { migrated: result.results?.length ?? 0 });
	} catch (e) {
		await handle.close();
		throw e;
	}
}
