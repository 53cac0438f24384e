import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '../db/connect';
import type { Database } from '../db/schema';
import { logger } from '../logger';

// The bus only says "drill X has an event with sequence number N": the events themselves
// are rows in drill_events, read by each subscriber. So a missed announcement costs latency,
// never data, and the NOTIFY payload never carries anything a participant may not see.

export const DRILL_CHANNEL = 'hotwash_drill';

/**
 * Told to every subscriber after the bus may have missed announcements (the LISTEN
 * connection dropped and came back): read whatever is new.
 */
export const ANY_NEW = Number.MAX_SAFE_INTEGER;

export type DrillListener = (seq: number) => void;

/** One app instance's end of the bus. */
export type DrillBus = {
	/** Call after the transaction that stored event `seq` has committed. */
	announce(drillId: string, seq: number): void;
	/** Returns the unsubscribe function; call it when the stream ends. */
	subscribe(drillId: string, listener: DrillListener): () => void;
	/** Listeners on this instance, for one drill or all. */
	subscriberCount(drillId?: string): number;
	stop(): Promise<void>;
};

/** Fan-out to this process's subscribers, one emitter event name per drill. */
class LocalFanOut {
	private readonly emitter = new EventEmitter();

	constructor() {
		// One listener per open stream of a drill: a thousand participants is normal, so the
		// leak warning (10) would be noise. Growth is bounded by unsubscribe instead: every
		// stream removes its listener when it closes, and an emptied drill leaves no key behind.
		this.emitter.setMaxListeners(0);
	}

	subscribe(drillId: string, listener: DrillListener): () => void {
		const guarded = (seq: number) => {
			try {
				listener(seq);
			} catch (err) {
				// One broken subscriber must not stop the others from hearing the event.
				logger.error({ err, drillId }, 'drill event listener failed');
			}
		};
		this.emitter.on(drillId, guarded);
		let subscribed = true;
		return () => {
			if (!subscribed) return;
			subscribed = false;
			this.emitter.off(drillId, guarded);
		};
	}

	emit(drillId: string, seq: number): void {
		this.emitter.emit(drillId, seq);
	}

	/** Every drill with at least one subscriber. */
	drills(): string[] {
		return this.emitter.eventNames().map(String);
	}

	count(drillId?: string): number {
		if (drillId !== undefined) return this.emitter.listenerCount(drillId);
		return this.drills().reduce((n, d) => n + this.emitter.listenerCount(d), 0);
	}
}

/** The embedded engine has one process: an in-process emitter is the whole bus. */
export function createLocalBus(): DrillBus {
	const local = new LocalFanOut();
	return {
		announce: (drillId, seq) => local.emit(drillId, seq),
		subscribe: (drillId, listener) => local.subscribe(drillId, listener),
		subscriberCount: (drillId) => local.count(drillId),
		stop: async () => {}
	};
}

export function encodeAnnouncement(drillId: string, seq: number): string {
	return `${drillId}:${seq}`;
}

export function decodeAnnouncement(payload: string): { drillId: string; seq: number } | null {
	const at = payload.lastIndexOf(':');
	if (at <= 0) return null;
	const seq = Number(payload.slice(at + 1));
	if (!Number.isSafeInteger(seq) || seq < 1) return null;
	return { drillId: payload.slice(0, at), seq };
}

export type PostgresBusOptions = {
	/** First and longest wait before reconnecting the LISTEN connection. */
	minBackoffMs?: number;
	maxBackoffMs?: number;
};

/**
 * PostgreSQL: several app instances may share the database, so announcements travel as
 * NOTIFY on the pool and come back through one dedicated LISTEN connection per instance
 * (outside the pool: a pooled connection would be handed to other queries), which fans
 * them out to this instance's subscribers, its own announcements included.
 */
export async function createPostgresBus(
	db: Kysely<Database>,
	connectionString: string,
	options: PostgresBusOptions = {}
): Promise<DrillBus> {
	const minBackoff = options.minBackoffMs ?? 250;
	const maxBackoff = options.maxBackoffMs ?? 30_000;
	const local = new LocalFanOut();
	let client: pg.Client | undefined;
	let stopped = false;
	let failures = 0;
	let retry: NodeJS.Timeout | undefined;

	async function listen(): Promise<void> {
		const c = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 10_000 });
		c.on('notification', (message) => {
			if (message.channel !== DRILL_CHANNEL || !message.payload) return;
			const announcement = decodeAnnouncement(message.payload);
			if (announcement) local.emit(announcement.drillId, announcement.seq);
		});
		// Without an error listener a dropped connection would crash the process.
		c.on('error', (err) => lost(c, err));
		c.on('end', () => lost(c));
		try {
			await c.connect();
			await c.query(`LISTEN ${DRILL_CHANNEL}`);
		} catch (err) {
			c.removeAllListeners('end');
			await c.end().catch(() => {});
			throw err;
		}
		client = c;
	}

	function lost(c: pg.Client, err?: Error): void {
		if (client !== c || stopped) return;
		client = undefined;
		c.removeAllListeners('end');
		c.end().catch(() => {});
		logger.warn({ err: err?.message }, 'drill bus: LISTEN connection lost, reconnecting');
		scheduleReconnect();
	}

	function scheduleReconnect(): void {
		if (stopped || retry) return;
		// Exponential backoff with jitter, so instances that lost the server together do not
		// all knock at once when it comes back.
		const ceiling = Math.min(maxBackoff, minBackoff * 2 ** failures);
		const delay = ceiling / 2 + Math.random() * (ceiling / 2);
		failures++;
		retry = setTimeout(() => {
			retry = undefined;
			if (stopped) return;
			listen().then(
				() => {
					failures = 0;
					logger.info('drill bus: LISTEN connection back');
					// Announcements made while it was down were not heard: every subscriber
					// re-reads what is new.
					for (const drillId of local.drills()) local.emit(drillId, ANY_NEW);
				},
				(err) => {
					logger.warn({ err: err?.message }, 'drill bus: reconnect failed');
					scheduleReconnect();
				}
			);
		}, delay);
		retry.unref();
	}

	await listen();

	return {
		announce(drillId, seq) {
			sql`select pg_notify(${DRILL_CHANNEL}, ${encodeAnnouncement(drillId, seq)})`
				.execute(db)
				.catch((err) => {
					if (stopped) return;
					// The event is stored; other instances will catch up on their next event.
					// This instance's own subscribers need not wait for that.
					logger.warn({ err: err?.message, drillId, seq }, 'drill bus: NOTIFY failed');
					local.emit(drillId, seq);
				});
		},
		subscribe: (drillId, listener) => local.subscribe(drillId, listener),
		subscriberCount: (drillId) => local.count(drillId),
		async stop() {
			stopped = true;
			clearTimeout(retry);
			const c = client;
			client = undefined;
			if (c) {
				c.removeAllListeners('end');
				await c.end().catch(() => {});
			}
		}
	};
}

/** The bus for an open database: in-process on PGlite, LISTEN/NOTIFY on PostgreSQL. */
export async function createBus(handle: DatabaseHandle): Promise<DrillBus> {
	if (handle.engine === 'pglite') return createLocalBus();
	if (!handle.connectionString) throw new Error('The PostgreSQL handle has no connection string');
	return createPostgresBus(handle.db, handle.connectionString);
}

// The running app's bus. Until startBus it is in-process, so code that announces outside
// the app (a CLI command, a database test) has somewhere harmless to announce to.
let current: DrillBus = createLocalBus();

export function announce(drillId: string, seq: number): void {
	current.announce(drillId, seq);
}

export function subscribe(drillId: string, listener: DrillListener): () => void {
	return current.subscribe(drillId, listener);
}

/** Started by runtime.ts right after the database opens. */
export async function startBus(handle: DatabaseHandle): Promise<void> {
	const next = await createBus(handle);
	const previous = current;
	current = next;
	await previous.stop();
}

/** Stopped by runtime.ts before the database closes. */
export async function stopBus(): Promise<void> {
	const previous = current;
	current = createLocalBus();
	await previous.stop();
}
