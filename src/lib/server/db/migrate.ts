import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';

/** Migration modules by file name, e.g. from import.meta.glob or a directory read. */
export type MigrationModules = Record<string, Migration>;

/** Called before each pending migration runs: the n-th of `total`, by file name. */
export type MigrationProgress = (n: number, total: number, name: string) => void;

export async function migrateToLatest(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
	db: Kysely<any>,
	modules: MigrationModules,
	onProgress?: MigrationProgress
): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => modules }
	});
	if (!onProgress) return checked(await migrator.migrateToLatest());
	// One step at a time, so that a first start can say how far it is.
	const pending = (await migrator.getMigrations()).filter((m) => !m.executedAt);
	const results: NonNullable<MigrationResultSet['results']> = [];
	for (const [i, migration] of pending.entries()) {
		onProgress(i + 1, pending.length, migration.name);
		const step = checked(await migrator.migrateUp());
		results.push(...(step.results ?? []));
	}
	return { results };
}

function checked(result: MigrationResultSet): MigrationResultSet {
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
