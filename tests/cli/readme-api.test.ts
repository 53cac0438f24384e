import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's API tables are the API's reference: every method of every endpoint (each
// +server.ts: the API under src/routes/api, and the feeds, exports and health check outside
// it) must have its row, and no row may name an endpoint that does not exist.

const ROOT = join(import.meta.dirname, '..', '..');
const ROUTES = join(ROOT, 'src', 'routes');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(path);
		return entry.name === '+server.ts' ? [path] : [];
	});
}

/** `src/routes/api/v1/drills/[drillId]/+server.ts` → `/api/v1/drills/{}`. */
function routePath(file: string): string {
	const segments = relative(join(ROOT, 'src', 'routes'), file)
		.split(sep)
		.slice(0, -1);
	return (
		'/' +
		segments
			.filter((s) => !/^\(.*\)$/.test(s))
			.map((s) => s.replace(/\[[^\]]+\]/g, '{}'))
			.join('/')
	);
}

/** The HTTP methods a +server.ts exports, however it exports them. */
function exportedMethods(source: string): string[] {
	const found = new Set<string>();
	for (const m of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g))
		found.add(m[1]);
	for (const list of source.matchAll(/export\s*\{([^}]*)\}/g))
		for (const name of list[1].split(','))
			found.add(
				name
					.trim()
					.split(/\s+as\s+/)
					.at(-1)!
			);
	return METHODS.filter((m) => found.has(m));
}

/** `GET /api/v1/drills/{id}/events?x=…` in a table row's first cell → `GET /api/v1/drills/{}/events`. */
function readmeEndpoints(readme: string): Set<string> {
	const endpoints = new Set<string>();
	for (const line of readme.split('\n')) {
		if (!line.startsWith('|')) continue;
		const firstCell = line.split(/(?<!\\)\|/)[1] ?? '';
		for (const code of firstCell.matchAll(/`([^`]+)`/g)) {
			const m = /^((?:[A-Z]+)(?:,\s*[A-Z]+)*)\s+(\/\S*)/.exec(code[1]);
			if (!m) continue;
			const path = m[2].replace(/\?.*$/, '').replace(/\{[^}]*\}/g, '{}');
			for (const method of m[1].split(/,\s*/)) endpoints.add(`${method} ${path}`);
		}
	}
	return endpoints;
}

const routes = serverFiles(ROUTES).map((file) => ({
	path: routePath(file),
	methods: exportedMethods(readFileSync(file, 'utf8'))
}));
const documented = readmeEndpoints(readFileSync(join(ROOT, 'README.md'), 'utf8'));

describe('the README’s API tables', () => {
	it('find the endpoints and read their methods', () => {
		expect(routes.filter((r) => r.path.startsWith('/api/')).length).toBeGreaterThan(20);
		expect(routes.find((r) => r.path === '/healthz')?.methods).toEqual(['GET']);
		expect(routes.find((r) => r.path === '/api/v1/actions/{}')?.methods).toEqual(['GET', 'PATCH']);
	});

	it('list every method of every endpoint, under /api and outside it', () => {
		const missing = routes.flatMap((r) =>
			r.methods.map((m) => `${m} ${r.path}`).filter((e) => !documented.has(e))
		);
		expect(missing, 'endpoints missing from the README').toEqual([]);
	});

	it('name no endpoint that does not exist', () => {
		const existing = new Set(routes.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)));
		const stale = [...documented].filter((e) => !existing.has(e));
		expect(stale, 'README rows for endpoints that do not exist').toEqual([]);
	});
});
