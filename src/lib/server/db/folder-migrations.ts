import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Migration } from 'kysely';
import { migrationsFromModules, type MigrationModules } from './migrate';

/** Reads migrations from the folder, for the CLI (which runs outside Vite). */
export async function migrationsFromFolder(
	folder = path.resolve('migrations')
): Promise<MigrationModules> {
	const files = fs.readdirSync(folder).filter((f) => /\.(ts|js)$/.test(f));
	const modules: Record<string, Migration> = {};
	for (const f of files)
		modules[f] = (await import(pathToFileURL(path.join(folder, f)).href)) as Migration;
	return migrationsFromModules(modules);
}
