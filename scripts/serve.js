// Starts the built app. Without ORIGIN, adapter-node assumes https, which would mark
// cookies Secure and break plain-http use on localhost; so default to the local URL.
// In production set ORIGIN to the public https URL.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { startServer } from './start-server.js';

const port = process.env.PORT ?? '3000';
process.env.ORIGIN ??= `http://localhost:${port}`;
process.env.PORT = port;

await startServer(pathToFileURL(path.resolve(import.meta.dirname, '../build')).href);
