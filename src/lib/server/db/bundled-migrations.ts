import { migrationsFromModules } from './migrate';

// Vite bundles the migrations into the server build, so a deployed build needs no
// migrations folder beside it. (The CLI runs under tsx and reads the folder instead.)
export const bundledMigrations = migrationsFromModules(
	import.meta.glob('/migrations/*.ts', { eager: true })
);
