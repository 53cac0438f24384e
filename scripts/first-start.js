// The first start's one-off work on a new embedded data folder, in a child process of
// start-server.js: `node scripts/first-start.js BUILD_DIR` with HOTWASH_FIRST_START_ONLY=1.
// Loading the built app's handler runs its init hook, which creates and migrates the
// database, loads the demo data when configured, closes the folder and exits; the handler
// never serves (see src/lib/server/db/first-start.js for why this is a process of its own).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIRST_START_ONLY } from '../src/lib/server/db/first-start.js';

if (process.env[FIRST_START_ONLY] !== '1') {
	console.error(`scripts/first-start.js is run by the start script, with ${FIRST_START_ONLY}=1.`);
	process.exit(2);
}
const buildDir = process.argv[2] ?? 'build';
const url = buildDir.startsWith('file:') ? buildDir : pathToFileURL(path.resolve(buildDir)).href;
await import(new URL('handler.js', url.endsWith('/') ? url : `${url}/`).href);
// The init hook exits when its work is done; reaching this line means it did not run.
console.error('The first start did not run: is the build complete?');
process.exit(1);
