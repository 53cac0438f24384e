import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

/** Migration modules by file name, e.g. from import.meta.glob or a directory read. */
export type MigrationModules = Record<string, Migration>;

export async function migrateToLatest(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
	db: Kysely<any>,
	modules: MigrationModules
): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => modules }
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		const name = failed ? ` in ${failed.migrationName}` : '';
		throw new Error(`Database migration failed${name}: ${String(result.error)}`, {
			cause: result.error
		});
	}
	return result;
}

/** Turns a glob's `{'/migrations/2026…_x.ts': module}` into `{'2026…_x': module}`. */
export function migrationsFromModules(found: Record<string, unknown>): MigrationModules {
	const out: MigrationModules = {};
	for (const [file, mod] of Object.entries(found)) {
		const name = file.replace(/^.*\//, '').replace(/\.(ts|js)$/, '');
		out[name] = mod as Migration;
	}
	return out;
}
