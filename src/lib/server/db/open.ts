import type { Config } from '../config';
import { openPglite, openPostgres, type DatabaseHandle } from './connect';
import { migrateToLatest, type MigrationModules } from './migrate';

/** Opens the configured engine and brings its schema up to date. */
export async function openConfiguredDatabase(
	config: Config,
	migrations: MigrationModules
): Promise<DatabaseHandle> {
	const handle = config.databaseUrl
		? await openPostgres(config.databaseUrl, config.poolSize)
		: await openPglite(config.dataDir);
	try {
		await migrateToLatest(handle.db, migrations);
		return handle;
	} catch (e) {
		await handle.close();
		throw e;
	}
}
