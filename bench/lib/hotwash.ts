// A built Hotwash on a brand-new data folder (or a brand-new PostgreSQL database), and the
// few API calls the drill benchmark needs, made as the demo SOC lead and trainee.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startNode, waitForHttp, type Child } from './processes';

const root = path.resolve(import.meta.dirname, '../..');

export type HotwashServer = {
	engine: 'pglite' | 'postgres';
	/** Where the bench connects (IPv4 loopback). */
	base: string;
	/** The app's ORIGIN, sent with every write. */
	origin: string;
	pid: number;
	dataDir: string;
	stop(): Promise<void>;
};

/** Where a server's data will be, for `prepare` to fill before the server starts. */
export type HotwashStore = { dataDir: string; databaseUrl?: string };

export async function startHotwash(options: {
	buildDir: string;
	port: number;
	databaseUrl?: string;
	/** The data folder's name under .tmp (default bench-drills-PORT). */
	name?: string;
	/**
	 * Fills the fresh data folder (or database) before the server starts; it must have
	 * closed it again, as the server locks the folder. Users made here mean no demo data.
	 */
	prepare?: (store: HotwashStore) => Promise<void>;
	/** Options for the server's node, e.g. --cpu-prof. */
	nodeOptions?: string[];
}): Promise<HotwashServer> {
	const { port } = options;
	const dataDir = path.join(root, `.tmp/${options.name ?? 'bench-drills'}-${port}`);
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const fresh = options.databaseUrl
		? await freshDatabase(options.databaseUrl).catch((e) => {
				fs.rmSync(dataDir, { recursive: true, force: true });
				throw e;
			})
		: undefined;
	const databaseUrl = fresh?.url;
	const dropDatabase = fresh?.drop ?? (async () => {});
	try {
		await options.prepare?.({ dataDir, databaseUrl });
	} catch (e) {
		await dropDatabase();
		fs.rmSync(dataDir, { recursive: true, force: true });
		throw e;
	}
	const origin = `http://localhost:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		HOTWASH_DATA_DIR: dataDir,
		HOTWASH_DEMO: '1',
		// One log line per request would be measured too; production sets its own level.
		HOTWASH_LOG_LEVEL: process.env.HOTWASH_LOG_LEVEL ?? 'warn'
	};
	delete env.DATABASE_URL;
	if (databaseUrl) env.DATABASE_URL = databaseUrl;
	const child: Child = startNode(
		path.join(root, 'bench/lib/serve-hotwash.js'),
		[options.buildDir],
		env,
		options.nodeOptions
	);
	const base = `http://127.0.0.1:${port}`;
	try {
		// A first start creates, migrates and seeds the database: a minute or more on a busy
		// two-core machine.
		await waitForHttp(`${base}/healthz`, child, 180_000);
	} catch (e) {
		await child.stop();
		await dropDatabase();
		fs.rmSync(dataDir, { recursive: true, force: true });
		throw e;
	}
	return {
		engine: databaseUrl ? 'postgres' : 'pglite',
		base,
		origin,
		pid: child.process.pid!,
		dataDir,
		async stop() {
			await child.stop();
			await dropDatabase();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** A new, empty database on the server `serverUrl` names, and how to drop it. */
export async function freshDatabase(
	serverUrl: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `hotwash_bench_${crypto.randomBytes(5).toString('hex')}`;
	await onServer(serverUrl, (c) => c.query(`create database ${name}`));
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: () =>
			onServer(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
				() => {}
			)
	};
}

async function onServer<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** The demo accounts the server wrote on its first start. */
export function demoLogins(
	server: HotwashServer
): Record<string, { email: string; password: string }> {
	const found: Record<string, { email: string; password: string }> = {};
	for (const line of fs
		.readFileSync(path.join(server.dataDir, 'demo-logins.txt'), 'utf8')
		.split('\n')) {
		if (!line.trim() || line.startsWith('#')) continue;
		const [role, email, password] = line.trim().split(/\s+/);
		found[role] = { email, password };
	}
	return found;
}

/** A signed-in user: the session cookie, sent as a browser would. */
export type Session = { cookie: string; server: HotwashServer };

export async function login(server: HotwashServer, role: string): Promise<Session> {
	const { email, password } = demoLogins(server)[role];
	return loginAs(server, email, password);
}

/** Signs in through the login form with an email and password. */
export async function loginAs(
	server: HotwashServer,
	email: string,
	password: string
): Promise<Session> {
	const response = await fetch(`${server.base}/login`, {
		method: 'POST',
		headers: { origin: server.origin, accept: 'text/html' },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (response.status !== 303 || !cookie)
		throw new Error(`Login of ${email} answered ${response.status}`);
	return { cookie, server };
}

export class RouteMissingError extends Error {}

/** Calls the JSON API as `session`; throws with the API's message on an error. */
export async function api<T>(
	session: Session,
	method: string,
	route: string,
	body?: unknown
): Promise<T> {
	const response = await fetch(`${session.server.base}${route}`, {
		method,
		headers: {
			cookie: session.cookie,
			origin: session.server.origin,
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	// SvelteKit's own 404 (no such route), as opposed to a domain "not found".
	if (response.status === 404 && /No such endpoint|Not Found/.test(text))
		throw new RouteMissingError(`${method} ${route} does not exist (404)`);
	if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 500)}`);
	return (text ? JSON.parse(text) : null) as T;
}

/** Posts a form as a browser without JavaScript would; returns the status and Location. */
export async function postForm(
	session: Session,
	route: string,
	fields: [string, string][]
): Promise<{ status: number; location: string | null; text: string }> {
	const response = await fetch(`${session.server.base}${route}`, {
		method: 'POST',
		headers: { cookie: session.cookie, origin: session.server.origin, accept: 'text/html' },
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
	return {
		status: response.status,
		location: response.headers.get('location'),
		text: await response.text()
	};
}
