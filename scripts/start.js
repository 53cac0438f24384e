// `npm start`: builds when the sources changed since the last build (or there is none), then
// serves the build. The first start says what it is doing all along (see also runtime.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildNeeded, recordBuild } from './build-stamp.js';

const root = path.resolve(import.meta.dirname, '..');
const buildDir = 'build';

const { build, reason, fingerprint } = buildNeeded(root, buildDir);
if (build) {
	console.log(`Building Hotwash (${reason}; this takes a minute or two)…`);
	const result = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: root,
		stdio: 'inherit',
		// A build for an end-to-end slot goes elsewhere (svelte.config.js); this one is served.
		env: { ...process.env, E2E_SLOT: '' },
		shell: process.platform === 'win32'
	});
	if (result.status !== 0) {
		console.error('The build failed: see above.');
		process.exit(result.status ?? 1);
	}
	recordBuild(root, buildDir, fingerprint);
} else {
	console.log('Build is up to date.');
}

await import('./serve.js');
