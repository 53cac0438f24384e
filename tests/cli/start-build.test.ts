import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNeeded, recordBuild } from '../../scripts/build-stamp.js';

// `npm start` builds only when the sources changed since the last build.
let root: string;

const write = (rel: string, text: string) => {
	fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
	fs.writeFileSync(path.join(root, rel), text);
};

/** What `npm start` would do now; after a build it records the sources as the build would. */
function start(): { build: boolean; reason: string } {
	const decision = buildNeeded(root, 'build');
	if (decision.build) {
		write('build/index.js', '// built');
		recordBuild(root, 'build', decision.fingerprint);
	}
	return { build: decision.build, reason: decision.reason };
}

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-start-'));
	write('src/routes/+page.svelte', '<h1>Hotwash</h1>');
	write('migrations/0001_first.ts', 'export async function up() {}');
	write('scenarios/phishing.yaml', 'id: phishing');
	write('package-lock.json', '{}');
	write('svelte.config.js', 'export default {};');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm start', () => {
	it('builds on the first start and not again when nothing changed', () => {
		expect(start()).toEqual({ build: true, reason: 'no build yet' });
		expect(start()).toEqual({ build: false, reason: 'up to date' });
	});

	it('builds again after a source is edited, added or removed', () => {
		start();
		write('src/routes/+page.svelte', '<h1>Hotwash 2</h1>');
		expect(start()).toMatchObject({ build: true, reason: 'sources changed' });
		write('scenarios/ransomware.yaml', 'id: ransomware');
		expect(start().build).toBe(true);
		fs.rmSync(path.join(root, 'migrations/0001_first.ts'));
		expect(start().build).toBe(true);
		write('package-lock.json', '{"lockfileVersion": 3}');
		expect(start().build).toBe(true);
		expect(start().build).toBe(false);
	});

	it('ignores a change to a file the build does not read, and an edit that changes nothing', () => {
		start();
		write('README.md', '# changed');
		write('data/demo-logins.txt', 'admin');
		const file = path.join(root, 'src/routes/+page.svelte');
		fs.utimesSync(file, new Date(), new Date(Date.now() + 60_000));
		expect(start()).toEqual({ build: false, reason: 'up to date' });
	});

	it('builds when the build folder lost its output or never recorded its sources', () => {
		start();
		fs.rmSync(path.join(root, 'build/index.js'));
		expect(start()).toEqual({ build: true, reason: 'no build yet' });
		fs.rmSync(path.join(root, 'build/.hotwash-build-stamp'));
		expect(start()).toEqual({ build: true, reason: 'the build records no sources' });
	});

	it('tells a renamed file from the same content under its old name', () => {
		start();
		fs.renameSync(
			path.join(root, 'scenarios/phishing.yaml'),
			path.join(root, 'scenarios/phishing-2.yaml')
		);
		expect(start().build).toBe(true);
	});
});
