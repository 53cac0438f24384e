// Starts the built app for the end-to-end tests on a brand-new data folder (and, when
// TEST_DATABASE_URL names a PostgreSQL server, a brand-new database on it), so that every
// run begins with the four demo accounts and nothing else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startServer } from '../../scripts/start-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const slot = process.env.E2E_SLOT ? `-${process.env.E2E_SLOT}` : '';
const port = 4173 + Number(process.env.E2E_SLOT ?? 0);
const dataDir = path.join(root, `.tmp/e2e-data${slot}`);
const DB_PREFIX = `hotwash_e2e${slot.replace('-', '_')}_`;

fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

process.env.HOTWASH_DATA_DIR = dataDir;
process.env.PORT = String(port);
process.env.ORIGIN = `http://localhost:${port}`;
process.env.HOTWASH_DEMO = '1';
process.env.HOTWASH_LOG_LEVEL = 'warn';
delete process.env.DATABASE_URL;

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
	const name = `${DB_PREFIX}${crypto.randomBytes(6).toString('hex')}`;
	await withServer(serverUrl, async (client) => {
		// Only one e2e server can hold this port, so any database left by a killed run is stale.
		const stale = await client.query('select datname from pg_database where datname like $1', [
			`${DB_PREFIX}%`
		]);
		for (const { datname } of stale.rows) await dropDatabase(client, datname);
		await client.query(`create database ${client.escapeIdentifier(name)}`);
	});
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	process.env.DATABASE_URL = url.toString();
	dropOnExit(serverUrl, name);
	console.log(`e2e: using PostgreSQL database ${name}`);
}

await startServer(pathToFileURL(path.join(root, `build${slot}`)).href);

/** @param {string} url @param {(client: pg.Client) => Promise<void>} work */
async function withServer(url, work) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await work(client);
	} finally {
		await client.end();
	}
}

/** @param {pg.Client} client @param {string} name */
async function dropDatabase(client, name) {
	await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
}

/**
 * Drops the test database once the app has shut down (SIGTERM from Playwright). beforeExit
 * fires when the app's pool is closed; the timer covers an event loop that never drains.
 * @param {string} url @param {string} name
 */
function dropOnExit(url, name) {
	let done = false;
	const drop = async () => {
		if (done) return;
		done = true;
		try {
			await withServer(url, (client) => dropDatabase(client, name));
		} catch (e) {
			console.error(`e2e: could not drop ${name}: ${e instanceof Error ? e.message : e}`);
		}
		process.exit(0);
	};
	process.once('beforeExit', () => void drop());
	process.once(/** @type {'exit'} */ ('sveltekit:shutdown'), () => {
		setTimeout(() => void drop(), 5_000).unref();
	});
}
