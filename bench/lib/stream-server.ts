// The drill stream without the app around it: node:http serving realtime/sse.ts's
// eventStream over realtime/bus.ts, reading events from a table on the real engine. It
// shows what the stream itself costs, apart from sessions, hooks and the drill domain.
// `node --import tsx bench/lib/stream-server.ts PORT` (PostgreSQL when DATABASE_URL is set).
import http from 'node:http';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../../src/lib/server/db/connect';
import { createBus } from '../../src/lib/server/realtime/bus';
import { eventStream, lastEventIdFrom } from '../../src/lib/server/realtime/sse';

const port = Number(process.argv[2] ?? 4302);
const handle = process.env.DATABASE_URL
	? await openPostgres(process.env.DATABASE_URL)
	: await openPglite(null);
const db = handle.db;
const table = sql.table(`bench_probe_${process.pid}`);
const DRILL = 'bench-drill';
await sql`create table ${table} (drill_id text, seq int, type text, audience text,
	payload jsonb, at timestamptz, primary key (drill_id, seq))`.execute(db);
const bus = await createBus(handle);
let seq = 0;

const read = async (afterSeq: number) => {
	const { rows } = await sql<{ seq: number; type: string; at: Date; payload: unknown }>`
		select seq, type, at, payload from ${table}
		where drill_id = ${DRILL} and seq > ${afterSeq} and audience = 'all'
		order by seq limit 500`.execute(db);
	return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
};

const server = http.createServer(async (req, res) => {
	const request = await getRequest({ request: req, base: `http://localhost:${port}` });
	if (req.method === 'GET' && req.url?.startsWith('/events')) {
		const response = eventStream({
			lastEventId: lastEventIdFrom(request),
			read,
			stillAllowed: async () => true,
			subscribe: (listener) => bus.subscribe(DRILL, listener),
			signal: request.signal,
			shareKey: `${DRILL}:participants`
		});
		return setResponse(res, response);
	}
	if (req.method === 'POST' && req.url === '/publish') {
		const payload = await request.text();
		const next = ++seq;
		await db.transaction().execute((trx) =>
			sql`insert into ${table} values (${DRILL}, ${next}, 'inject.released', 'all',
				${payload}, ${new Date()})`.execute(trx)
		);
		bus.announce(DRILL, next);
		return res.end(String(next));
	}
	res.end('ok');
});
server.listen(port, '127.0.0.1');

// The benchmark measures memory after a full collection (node --expose-gc).
process.on('SIGUSR2', () => globalThis.gc?.());

process.once('SIGTERM', async () => {
	server.closeAllConnections();
	server.close();
	await bus.stop();
	await sql`drop table if exists ${table}`.execute(db);
	await handle.close();
	process.exit(0);
});
