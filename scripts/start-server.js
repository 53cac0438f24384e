// Starts a built Hotwash (adapter-node's server) with the baseline security headers set on
// every response before the app writes its own, so static assets and the adapter's own
// error answers carry them too.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import {
	embeddedDataDir,
	FIRST_START_DONE,
	FIRST_START_ONLY,
	pgliteDataDirIsNew
} from '../src/lib/server/db/first-start.js';
import {
	baselineHeaders,
	fallbackContentSecurityPolicy
} from '../src/lib/server/http/baseline-headers.js';

/** @param {string} buildDir absolute path or file URL of the adapter's output folder */
export async function startServer(buildDir) {
	await firstStartInChild(buildDir);
	const createServer = http.createServer;
	// adapter-node creates exactly one server; the listener added here runs before its own.
	/** @type {typeof http.createServer} */
	const withBaselineHeaders = (...args) => {
		// @ts-expect-error the overloads are passed through unchanged
		const server = createServer(...args);
		server.once('listening', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : process.env.PORT;
			console.log(`Hotwash is ready at ${process.env.ORIGIN ?? `http://localhost:${port}`}`);
		});
		server.on('request', (_req, res) => {
			for (const [name, value] of Object.entries(baselineHeaders)) res.setHeader(name, value);
			res.setHeader('Content-Security-Policy', fallbackContentSecurityPolicy);
		});
		return server;
	};
	http.createServer = withBaselineHeaders;
	try {
		await import(new URL('index.js', buildDir.endsWith('/') ? buildDir : `${buildDir}/`).href);
	} finally {
		http.createServer = createServer;
	}
}

/**
 * On a new embedded data folder, the first start's work runs in a child process that exits when
 * it is done (see src/lib/server/db/first-start.js); this server then opens the prepared
 * folder. The child holds the folder's lock while it works, and a signal to this process
 * reaches it too.
 * @param {string} buildDir
 */
async function firstStartInChild(buildDir) {
	const dataDir = embeddedDataDir();
	if (!dataDir || !pgliteDataDirIsNew(dataDir) || process.env[FIRST_START_ONLY]) return;
	const child = spawn(
		process.execPath,
		// Node's own flags (e.g. --expose-gc) carry over; a profile of the child is not wanted.
		[
			...process.execArgv.filter((a) => !a.startsWith('--cpu-prof')),
			fileURLToPath(new URL('first-start.js', import.meta.url)),
			buildDir
		],
		{ stdio: 'inherit', env: { ...process.env, [FIRST_START_ONLY]: '1' } }
	);
	/** @param {NodeJS.Signals} signal */
	const forward = (signal) => child.kill(signal);
	process.on('SIGINT', forward).on('SIGTERM', forward);
	/** @type {[number | null, NodeJS.Signals | null]} */
	const [code, signal] = await new Promise((resolve) =>
		child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]))
	);
	process.off('SIGINT', forward).off('SIGTERM', forward);
	if (signal) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
	if (code !== 0) process.exit(code ?? 1);
	process.env[FIRST_START_DONE] = '1';
}
