import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from './db/first-start.js';

// Read once from the environment; both the app and the CLI use this, so it must not
// depend on SvelteKit's $env modules.
const envSchema = z.object({
	DATABASE_URL: z.string().url().optional(),
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
	HOTWASH_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
	HOTWASH_DEMO: z.enum(['0', '1']).optional(),
	HOTWASH_ADMIN_EMAIL: z.string().email().optional(),
	HOTWASH_ADMIN_PASSWORD: z.string().optional(),
	HOTWASH_SESSION_IDLE_MINUTES: z.coerce
		.number()
		.int()
		.min(5)
		.default(8 * 60),
	HOTWASH_SESSION_MAX_HOURS: z.coerce
		.number()
		.int()
		.min(1)
		.default(7 * 24),
	HOTWASH_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),
	ORIGIN: z.string().optional(),
	PORT: z.coerce.number().int().default(3000),
	HOST: z.string().default('0.0.0.0')
});

export type Config = {
	databaseUrl: string | undefined;
	poolSize: number;
	dataDir: string;
	/** Load demo data on a fresh database: default on for the embedded engine only. */
	demo: boolean;
	adminEmail: string | undefined;
	adminPassword: string | undefined;
	sessionIdleMs: number;
	sessionMaxMs: number;
	logLevel: string;
	publicUrl: string;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	const e = parsed.data;
	const host = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
	return {
		databaseUrl: e.DATABASE_URL,
		poolSize: e.DATABASE_POOL_SIZE,
		dataDir: path.resolve(e.HOTWASH_DATA_DIR),
		demo: e.HOTWASH_DEMO ? e.HOTWASH_DEMO === '1' : !e.DATABASE_URL,
		adminEmail: e.HOTWASH_ADMIN_EMAIL,
		adminPassword: e.HOTWASH_ADMIN_PASSWORD,
		sessionIdleMs: e.HOTWASH_SESSION_IDLE_MINUTES * 60_000,
		sessionMaxMs: e.HOTWASH_SESSION_MAX_HOURS * 3_600_000,
		logLevel: e.HOTWASH_LOG_LEVEL,
		publicUrl: e.ORIGIN ?? `http://${host}:${e.PORT}`
	};
}
