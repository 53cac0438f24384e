// Makes sure the browser tests have a Chromium, or stops with a message saying how to get
// one. It never lets them be skipped silently.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SYSTEM = '/usr/bin/chromium';

function playwrightCacheHasChromium() {
	const cache =
		process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache', 'ms-playwright');
	return fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('chromium'));
}

function found() {
	if (process.env.CHROME_PATH) {
		if (fs.existsSync(process.env.CHROME_PATH)) return `CHROME_PATH (${process.env.CHROME_PATH})`;
		console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist.`);
		process.exit(1);
	}
	if (fs.existsSync(SYSTEM)) return SYSTEM;
	if (playwrightCacheHasChromium()) return "Playwright's own Chromium";
	return null;
}

function run(cmd) {
	console.log(`$ ${cmd}`);
	return spawnSync(cmd, { shell: true, stdio: 'inherit' }).status === 0;
}

let where = found();
if (!where) {
	const isRoot = process.getuid?.() === 0;
	const hasApt = (() => {
		try {
			execSync('command -v apt-get', { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	})();
	console.log('No Chromium found for the browser tests; trying to install one.');
	if (isRoot && hasApt) {
		run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
	}
	if (!found()) run('npx playwright install chromium');
	where = found();
}
if (!where) {
	console.error(
		[
			'The browser tests need Chromium and none could be installed.',
			'Install one, then run the tests again:',
			'  Debian/Ubuntu (as root): apt-get install -y chromium',
			'  elsewhere:               npx playwright install chromium',
			'  or point CHROME_PATH at an existing Chrome or Chromium binary.'
		].join('\n')
	);
	process.exit(1);
}
console.log(`Browser tests will use ${where}.`);
