// Starts a built Hotwash for the benchmarks: `node bench/lib/serve-hotwash.js BUILD_DIR`,
// configured entirely by the environment (PORT, ORIGIN, HOTWASH_DATA_DIR, DATABASE_URL…).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/start-server.js';

// The benchmark measures memory after a full collection (node --expose-gc).
process.on('SIGUSR2', () => globalThis.gc?.());

await startServer(pathToFileURL(path.resolve(process.argv[2] ?? 'build')).href);
