// Starts a built Hotwash (adapter-node's server) with the baseline security headers set on
// every response before the app writes its own, so static assets and the adapter's own
// error answers carry them too.
import http from 'node:http';
import {
	baselineHeaders,
	fallbackContentSecurityPolicy
} from '../src/lib/server/http/baseline-headers.js';

/** @param {string} buildDir absolute path or file URL of the adapter's output folder */
export async function startServer(buildDir) {
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
