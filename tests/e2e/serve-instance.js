// Starts the built app (build-<slot>/) as it is, on the data folder, port and database the
// environment names, without clearing anything: the crash and multi-instance tests start,
// kill and restart instances of their own beside the shared e2e server (see app-instance.ts).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/start-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const slot = process.env.E2E_SLOT ? `-${process.env.E2E_SLOT}` : '';

await startServer(pathToFileURL(path.join(root, `build${slot}`)).href);
