import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, request, type APIRequestContext } from '@playwright/test';
import pg from 'pg';

// App instances of a test's own: the built app started as a separate process on its own
// port, data folder and (with TEST_DATABASE_URL) its own fresh PostgreSQL database, so a
// test may kill it with SIGKILL, restart it on the same data, or run two side by side,
// without touching the shared e2e server.

const root = path.resolve(import.meta.dirname, '../..');
const slot = process.env.E2E_SLOT ?? '0';

export type AppInstance = {
	url: string;
	dataDir: string;
	/** The server's process. */
	pid: number;
	/** What the process printed, for a failure message. */
	output: () => string;
	/** Sends the signal and waits for the process to exit. */
	kill: (signal: NodeJS.Signals) => Promise<void>;
};

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** A fresh data folder under .tmp/, removed by the returned function. */
export function freshDataDir(label: string): { dir: string; remove: () => void } {
	const dir = path.join(
		root,
		'.tmp',
		`e2e-${label}-${slot}-${crypto.randomBytes(4).toString('hex')}`
	);
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type TestDatabase = { url: string; drop: () => Promise<void> };

/** A fresh PostgreSQL database when TEST_DATABASE_URL names a server; null on PGlite. */
export async function freshDatabase(label: string): Promise<TestDatabase | null> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) return null;
	const name = `hotwash_${label}_${slot}_${crypto.randomBytes(5).toString('hex')}`;
	const admin = async (sql: string) => {
		const client = new pg.Client({ connectionString: serverUrl });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};
	await admin(`create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** The environment an instance runs with: demo data on first start, its folder and database. */
export function instanceEnv(
	port: number,
	dataDir: string,
	databaseUrl: string | null
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		ORIGIN: `http://localhost:${port}`,
		HOTWASH_DATA_DIR: dataDir,
		HOTWASH_DEMO: '1',
		HOTWASH_LOG_LEVEL: 'warn'
	};
	delete env.DATABASE_URL;
	if (databaseUrl) env.DATABASE_URL = databaseUrl;
	return env;
}

/** The script that starts an instance: the built app, as `npm start` would. */
export const instanceScript = path.join(root, 'tests/e2e/serve-instance.js');

/** Starts the built app and waits until /healthz answers 200. */
export async function startInstance(options: {
	port: number;
	dataDir: string;
	databaseUrl: string | null;
}): Promise<AppInstance> {
	const url = `http://localhost:${options.port}`;
	const child: ChildProcess = spawn(process.execPath, [instanceScript], {
		cwd: root,
		env: instanceEnv(options.port, options.dataDir, options.databaseUrl),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const instance: AppInstance = {
		url,
		dataDir: options.dataDir,
		pid: child.pid!,
		output: () => output,
		kill: async (signal) => {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			// A graceful stop that hangs is a failure to see, not a test that never ends.
			const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
			await exited;
			clearTimeout(force);
		}
	};
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The app exited on start:\n${output}`);
		const healthy = await fetch(`${url}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (healthy) return instance;
		if (Date.now() > deadline) {
			await instance.kill('SIGKILL');
			throw new Error(`The app did not become healthy within 60 s:\n${output}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** A demo login from the instance's data folder (written on its first start). */
export function instanceLogin(dataDir: string, email: string): { email: string; password: string } {
	const file = path.join(dataDir, 'demo-logins.txt');
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const [, address, password] = line.trim().split(/\s+/);
		if (!line.startsWith('#') && address === email) return { email, password };
	}
	throw new Error(`${file} has no login for ${email}`);
}

/**
 * A request context acting as a script would on the instance: it logs in through the form,
 * makes itself a personal API token on the account page and then sends only that token
 * (also returned as an Authorization header, for streams read outside the context).
 */
export async function bearerOn(
	instance: AppInstance,
	credentials: { email: string; password: string }
): Promise<{ api: APIRequestContext; authorization: string }> {
	const browserLike = await request.newContext({
		baseURL: instance.url,
		extraHTTPHeaders: { Origin: instance.url, Accept: 'text/html' },
		maxRedirects: 0
	});
	const login = await browserLike.post('/login', { form: credentials });
	expect(login.status(), `login of ${credentials.email}`).toBe(303);
	const page = await browserLike.post('/account?/createToken', { form: { name: 'e2e script' } });
	const token = /hw_[a-z2-7]{32}/.exec(await page.text())?.[0];
	await browserLike.dispose();
	expect(token, 'the account page shows the new token').toBeTruthy();
	const authorization = `Bearer ${token}`;
	const api = await request.newContext({
		baseURL: instance.url,
		extraHTTPHeaders: { Authorization: authorization }
	});
	return { api, authorization };
}

/** `npm run hotwash -- audit-verify` on the instance's data (stopped, for the embedded engine). */
export function auditVerify(dataDir: string, databaseUrl: string | null) {
	const env = instanceEnv(0, dataDir, databaseUrl);
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/hotwash.ts', 'audit-verify'], {
		cwd: root,
		env,
		encoding: 'utf8',
		timeout: 120_000
	});
	return { code: r.status, out: `${r.stdout}${r.stderr}` };
}
