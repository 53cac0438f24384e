import type { Kysely } from 'kysely';
import { readConfig, type Config } from './config';
import { openConfiguredDatabase } from './db/open';
import { FIRST_START_DONE, FIRST_START_ONLY } from './db/first-start.js';
import type { DatabaseHandle } from './db/connect';
import type { MigrationModules } from './db/migrate';
import type { Database } from './db/schema';
import { bootstrap, describeBootstrap } from './setup/bootstrap';
import { logger } from './logger';
import { builtInLibrary } from './scenarios/library';
import { announce, startBus, stopBus } from './realtime/bus';
import { startScheduler } from './drills/scheduler';
import { startProgrammeTick } from './programme/tick';
import { topUpSeries } from './programme/occurrences';

// The one open database of the running app. Opened by the init hook before the first
// request is served; everything else reaches it through db().
let handle: DatabaseHandle | undefined;
let config: Config | undefined;
let stopScheduler: (() => Promise<void>) | undefined;
let stopProgrammeTick: (() => Promise<void>) | undefined;

/**
 * Opens the database and starts the app's background work; 'first start done' instead when
 * this process is the start script's child for a new embedded folder (db/first-start.js):
 * it has created, migrated and (for a demo) filled the database, closed it, and must exit.
 */
export async function startApp(
	migrations: MigrationModules
): Promise<'serving' | 'first start done'> {
	config = readConfig();
	// A first start takes a while (creating the database, migrating, loading demo data):
	// it says what it is doing rather than stay silent.
	const say = (line: string) => console.log(line);
	const opened = await openConfiguredDatabase(config, migrations, say);
	handle = opened;
	logger.info({ engine: handle.engine, location: handle.location }, 'database ready');
	if (process.env[FIRST_START_ONLY] === '1') {
		// Demo data is the bulk of the work; a setup link or the admin from the environment is
		// made by the server itself, so that the link it prints is the one that works.
		if (config.demo)
			console.log(describeBootstrap(await bootstrap(handle.db, config, say), config.publicUrl));
		await handle.close();
		handle = undefined;
		return 'first start done';
	}
	const outcome = await bootstrap(handle.db, config, say);
	if (handle.reopen && (opened.migrated > 0 || outcome.kind === 'demo')) {
		// The embedded engine's memory grew for that one-off work and never shrinks: a fresh
		// instance on the same folder holds far less (bench/RESULTS.md).
		handle = await handle.reopen();
	}
	// Drill events are announced from the first request on.
	await startBus(handle);
	// Every scenario file is validated now; an invalid one is listed as invalid, never fatal.
	const library = builtInLibrary();
	const invalid = library.filter((e) => !e.scenario);
	logger.info(
		{ scenarios: library.length, invalid: invalid.map((e) => e.file) },
		'scenario library loaded'
	);
	// After a first start in the child, which has said where the app starts (and the demo logins).
	if (!(outcome.kind === 'existing' && process.env[FIRST_START_DONE] === '1'))
		console.log(describeBootstrap(outcome, config.publicUrl));
	// Releases due injects of running drills every 500 ms (after a restart, the missed ones first).
	stopScheduler = startScheduler(handle.db, announce);
	// Starts scheduled drills at their time and closes team drills' windows, every 2 s.
	// Once a day it also makes recurring series' occurrences that came into their horizon.
	stopProgrammeTick = startProgrammeTick(handle.db, announce, {
		daily: [{ name: 'series top-up', run: topUpSeries }]
	});
	return 'serving';
}

export async function stopApp(): Promise<void> {
	const h = handle;
	handle = undefined;
	await stopScheduler?.();
	stopScheduler = undefined;
	await stopProgrammeTick?.();
	stopProgrammeTick = undefined;
	await stopBus();
	await h?.close();
}

export function db(): Kysely<Database> {
	if (!handle) throw new Error('The database is not open yet');
	return handle.db;
}

export function appConfig(): Config {
	if (!config) throw new Error('The app is not started yet');
	return config;
}
