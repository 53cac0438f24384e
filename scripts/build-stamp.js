// Whether `npm start` has to build first: the build folder records a fingerprint of the
// sources it was built from (a hash of every file's path and content, not modification
// times, which a checkout, a copy or an unpacked archive change or keep at will).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What a build is made from, relative to the project root: folders and single files. */
export const BUILD_INPUTS = [
	'src',
	'static',
	'migrations',
	'scenarios',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];

const STAMP_FILE = '.hotwash-build-stamp';

/**
 * Every file under `rel` (a file or a folder), as sorted paths relative to `root`.
 * @param {string} root
 * @param {string} rel
 * @returns {string[]}
 */
function filesOf(root, rel) {
	const full = path.join(root, rel);
	let stat;
	try {
		stat = fs.statSync(full);
	} catch {
		return [];
	}
	if (!stat.isDirectory()) return [rel];
	return fs
		.readdirSync(full, { recursive: true, withFileTypes: true })
		.filter((d) => d.isFile())
		.map((d) => path.relative(root, path.join(d.parentPath, d.name)))
		.sort();
}

/**
 * A hash of the build's inputs: changes when any file is added, removed, renamed or edited.
 * @param {string} root
 */
export function sourceFingerprint(root) {
	const hash = crypto.createHash('sha256');
	for (const input of BUILD_INPUTS) {
		for (const file of filesOf(root, input)) {
			hash.update(`${file.split(path.sep).join('/')}\0`);
			hash.update(fs.readFileSync(path.join(root, file)));
			hash.update('\0');
		}
	}
	return hash.digest('hex');
}

/**
 * Whether `buildDir` (relative to `root`) must be built again, and why, for the console.
 * @param {string} root
 * @param {string} buildDir
 * @returns {{ build: boolean, reason: string, fingerprint: string }}
 */
export function buildNeeded(root, buildDir = 'build') {
	const fingerprint = sourceFingerprint(root);
	const out = path.join(root, buildDir);
	if (!fs.existsSync(path.join(out, 'index.js')))
		return { build: true, reason: 'no build yet', fingerprint };
	let recorded = '';
	try {
		recorded = fs.readFileSync(path.join(out, STAMP_FILE), 'utf8').trim();
	} catch {
		return { build: true, reason: 'the build records no sources', fingerprint };
	}
	return recorded === fingerprint
		? { build: false, reason: 'up to date', fingerprint }
		: { build: true, reason: 'sources changed', fingerprint };
}

/**
 * Records, after a successful build, which sources it was built from.
 * @param {string} root
 * @param {string} buildDir
 * @param {string} fingerprint
 */
export function recordBuild(root, buildDir, fingerprint) {
	fs.writeFileSync(path.join(root, buildDir, STAMP_FILE), fingerprint + '\n');
}
