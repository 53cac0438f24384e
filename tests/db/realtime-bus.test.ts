import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import { EventSource } from 'eventsource';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import {
	ANY_NEW,
	createBus,
	createPostgresBus,
	type DrillBus
} from '../../src/lib/server/realtime/bus';
import { eventStream, lastEventIdFrom } from '../../src/lib/server/realtime/sse';
import { createTestDatabase } from './test-database';

// The bus on each engine, and a stream served over real HTTP to the `eventsource` client.
// On PostgreSQL, two buses on one database are two app instances: each has its own LISTEN
// connection, and announcements travel only through the server.

const onPostgres = !!process.env.TEST_DATABASE_URL;
const DRILL = '6f1c1d34-6a57-4b9e-9d5e-2d8a4f0c0a11';

let h: DatabaseHandle;
const buses: DrillBus[] = [];
beforeAll(async () => {
	h = await createTestDatabase();
	// A stand-in for drill_events, so the stream is tested apart from the drill domain.
	await sql`create table probe_events (drill_id text, seq int, type text, payload jsonb,
		at timestamptz default now(), primary key (drill_id, seq))`.execute(h.db);
});
afterAll(async () => {
	for (const bus of buses) await bus.stop();
	await h.close();
});

async function instance(): Promise<DrillBus> {
	const bus = await createBus(h);
	buses.push(bus);
	return bus;
}

/**
 * Waits for a subscriber on `drillId` to hear `seq` (any seq when not given). Other
 * announcements may arrive first: on PostgreSQL an instance also hears its own, a little later.
 */
function nextAnnouncement(
	bus: DrillBus,
	drillId = DRILL,
	ms = 1000,
	seq?: number
): Promise<number> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => (off(), reject(new Error(`nothing heard in ${ms} ms`))), ms);
		const off = bus.subscribe(drillId, (heard) => {
			if (seq !== undefined && heard !== seq) return;
			clearTimeout(timer);
			off();
			resolve(heard);
		});
	});
}

let lastSeq = 0;
/** Stores an event, then announces it after the commit, as the drill domain does. */
async function storeAndAnnounce(db: Kysely<Database>, bus: DrillBus, type: string) {
	const seq = ++lastSeq;
	await sql`insert into probe_events (drill_id, seq, type, payload)
		values (${DRILL}, ${seq}, ${type}, ${JSON.stringify({ n: seq })})`.execute(db);
	bus.announce(DRILL, seq);
	return seq;
}

async function readAfter(afterSeq: number) {
	const { rows } = await sql<{ seq: number; type: string; at: Date; payload: unknown }>`
		select seq, type, at, payload from probe_events
		where drill_id = ${DRILL} and seq > ${afterSeq} order by seq limit 100`.execute(h.db);
	return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/** One app instance's stream endpoint, with what each request's Last-Event-ID was. */
async function serveStream(bus: DrillBus, port = 0) {
	const lastEventIds: number[] = [];
	const server = http.createServer(async (req, res) => {
		const request = await getRequest({ request: req, base: 'http://localhost' });
		lastEventIds.push(lastEventIdFrom(request));
		const response = eventStream({
			lastEventId: lastEventIdFrom(request),
			read: readAfter,
			stillAllowed: async () => true,
			subscribe: (listener) => bus.subscribe(DRILL, listener),
			signal: request.signal
		});
		await setResponse(res, response);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
	return {
		url,
		lastEventIds,
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		}
	};
}

/** Seqs of the `probe` events an EventSource receives, with a way to wait for one. */
function listen(url: string) {
	const source = new EventSource(url);
	const received: number[] = [];
	const waiters: { seq: number; resolve: () => void }[] = [];
	source.addEventListener('probe', (e) => {
		received.push(Number(e.lastEventId));
		for (const w of waiters.filter((w) => w.seq <= Number(e.lastEventId))) w.resolve();
	});
	const receive = (seq: number, ms = 1000) =>
		new Promise<void>((resolve, reject) => {
			if (received.includes(seq)) return resolve();
			const timer = setTimeout(() => reject(new Error(`event ${seq} not received`)), ms);
			waiters.push({ seq, resolve: () => (clearTimeout(timer), resolve()) });
		});
	return { source, received, receive };
}

const until = async (condition: () => boolean, ms = 2000) => {
	const end = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 10));
	}
};

describe('the drill event bus', () => {
	it('brings an announcement to the subscribers of this instance', async () => {
		const bus = await instance();
		const heard = nextAnnouncement(bus);
		bus.announce(DRILL, 7);
		expect(await heard).toBe(7);
		expect(bus.subscriberCount()).toBe(0);
	});

	it('does not bring a drill’s announcements to subscribers of another drill', async () => {
		const bus = await instance();
		const other = nextAnnouncement(bus, 'another-drill', 300);
		bus.announce(DRILL, 8);
		await expect(other).rejects.toThrow('nothing heard');
	});

	it('keeps its listener list bounded: every unsubscribe removes one', async () => {
		const bus = await instance();
		const offs = Array.from({ length: 2000 }, () => bus.subscribe(DRILL, () => {}));
		expect(bus.subscriberCount(DRILL)).toBe(2000);
		for (const off of offs) off();
		offs[0](); // twice is harmless
		expect(bus.subscriberCount()).toBe(0);
	});

	it('keeps telling the other subscribers when one of them throws', async () => {
		const bus = await instance();
		const off = bus.subscribe(DRILL, () => {
			throw new Error('broken screen');
		});
		const heard = nextAnnouncement(bus);
		bus.announce(DRILL, 9);
		expect(await heard).toBe(9);
		off();
	});

	it('streams to an EventSource an event stored and announced by any instance within a second', async () => {
		// The embedded engine is one process with one bus; PostgreSQL can have many.
		const a = await instance();
		const b = onPostgres ? await instance() : a;
		const endpoint = await serveStream(b);
		const client = listen(endpoint.url);
		try {
			const first = await storeAndAnnounce(h.db, a, 'probe');
			await client.receive(first, 2000); // replay or live, depending on who was first
			const started = Date.now();
			const seq = await storeAndAnnounce(h.db, a, 'probe');
			await client.receive(seq);
			expect(Date.now() - started).toBeLessThan(1000);
			expect(client.received).toEqual([first, seq]);
		} finally {
			client.source.close();
			await endpoint.close();
		}
	});

	it('gives an EventSource that lost its connection the events it missed, from its Last-Event-ID', async () => {
		const bus = await instance();
		const endpoint = await serveStream(bus);
		const client = listen(endpoint.url);
		try {
			const before = await storeAndAnnounce(h.db, bus, 'probe');
			await client.receive(before, 2000);
			const opens = endpoint.lastEventIds.length;
			await endpoint.close(); // every connection cut; the client retries after 3 s
			const server2 = await serveStream(bus, Number(new URL(endpoint.url).port));
			const missed = await storeAndAnnounce(h.db, bus, 'probe');
			await client.receive(missed, 6000);
			expect(server2.lastEventIds.at(-1)).toBe(before);
			expect(opens).toBe(1);
			const live = await storeAndAnnounce(h.db, bus, 'probe');
			await client.receive(live);
			expect(client.received.filter((s) => s >= before)).toEqual([before, missed, live]);
			await server2.close();
		} finally {
			client.source.close();
		}
	});

	it('lets go of the subscription when the EventSource closes', async () => {
		const bus = await instance();
		const endpoint = await serveStream(bus);
		const client = listen(endpoint.url);
		await until(() => bus.subscriberCount(DRILL) === 1);
		client.source.close();
		await until(() => bus.subscriberCount(DRILL) === 0);
		await endpoint.close();
	});
});

describe.skipIf(!onPostgres)('two app instances on one PostgreSQL', () => {
	it('hear each other’s announcements within a second', async () => {
		const [a, b] = [await instance(), await instance()];
		let started = Date.now();
		const atB = nextAnnouncement(b, DRILL, 1000, 11);
		a.announce(DRILL, 11);
		expect(await atB).toBe(11);
		expect(Date.now() - started).toBeLessThan(1000);
		started = Date.now();
		const atA = nextAnnouncement(a, DRILL, 1000, 12);
		b.announce(DRILL, 12);
		expect(await atA).toBe(12);
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('each listen on their own connection, outside the pool', async () => {
		await instance();
		await instance();
		const { rows } = await sql<{ n: number }>`
			select count(*)::int as n from pg_stat_activity
			where datname = current_database() and query ilike 'LISTEN%'`.execute(h.db);
		expect(rows[0].n).toBeGreaterThanOrEqual(2);
	});

	it('reconnects a cut LISTEN connection and tells subscribers to re-read what they missed', async () => {
		const bus = await createPostgresBus(h.db, h.connectionString!, { minBackoffMs: 20 });
		buses.push(bus);
		const told = nextAnnouncement(bus, DRILL, 5000);
		const { rows } = await sql<{ cut: boolean }>`
			select pg_terminate_backend(pid) as cut from pg_stat_activity
			where datname = current_database() and query ilike 'LISTEN%'`.execute(h.db);
		expect(rows.some((r) => r.cut)).toBe(true);
		expect(await told).toBe(ANY_NEW);
		const heard = nextAnnouncement(bus, DRILL, 1000, 13);
		bus.announce(DRILL, 13);
		expect(await heard).toBe(13);
	});
});
