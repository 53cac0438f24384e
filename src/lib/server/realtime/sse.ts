import { logger } from '../logger';

// A drill's Server-Sent Events stream. The events live in drill_events; the stream only
// decides when to read them: once for the replay after Last-Event-ID, then whenever the bus
// announces a sequence number this client has not had. Nothing is kept per connection but a
// few numbers and what the client has not yet taken off the socket, so memory stays flat
// however far a client falls behind: it is simply read for later.
//
// Reading "after the last seq sent" relies on the event log's order: an event becomes
// visible only after every earlier one of its drill (appendEvent numbers events under the
// drill's row lock, so commit order is seq order). Were it otherwise, a read could pass over
// an event still being committed and the stream would never send it.

/** One event as the viewer may see it (the shape of drills/events.ts's DrillEventOut). */
export type StreamedEvent = { seq: number; type: string; at: string; payload: unknown };

export type EventStreamOptions = {
	/** From the Last-Event-ID header or ?lastEventId= (see lastEventIdFrom); 0 for all. */
	lastEventId: number;
	/** Events after `afterSeq` this viewer may see, oldest first (bound to db, drill, viewer). */
	read: (afterSeq: number) => Promise<StreamedEvent[]>;
	/** Re-checks the session and membership on every heartbeat; false ends the stream. */
	stillAllowed: () => Promise<boolean>;
	/** The bus, bound to the drill: `(l) => bus.subscribe(drillId, l)`. */
	subscribe: (listener: (seq: number) => void) => () => void;
	heartbeatMs?: number;
	/** The request's signal: the stream ends when the client goes away. */
	signal?: AbortSignal;
	/** Bytes queued for a client that does not read before reading stops for it. */
	queueBytes?: number;
	/**
	 * Streams with the same key read exactly the same events (one drill, one kind of viewer,
	 * e.g. `${drillId}:participants`): when an announcement wakes a thousand of them, they
	 * share one read instead of making a thousand identical ones.
	 */
	shareKey?: string;
};

export const RETRY_MS = 3000;
export const HEARTBEAT_MS = 15_000;
const QUEUE_BYTES = 16 * 1024;

/** The last event a reconnecting client had: Last-Event-ID, else ?lastEventId=, else 0. */
export function lastEventIdFrom(request: Request): number {
	const raw =
		request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId');
	if (!raw || !/^\d{1,15}$/.test(raw.trim())) return 0;
	return Number(raw.trim());
}

/** `id:` is the sequence number, `event:` the type, `data:` the whole event as JSON. */
export function formatEvent(event: StreamedEvent): string {
	const type = event.type.replace(/[\r\n]/g, ' ');
	return `id: ${event.seq}\nevent: ${type}\ndata: ${JSON.stringify(event)}\n\n`;
}

const encoder = new TextEncoder();
// Each event is encoded once however many streams send it (a shared read hands every
// stream the same objects).
const encoded = new WeakMap<StreamedEvent, Uint8Array>();
function encodeEvent(event: StreamedEvent): Uint8Array {
	let bytes = encoded.get(event);
	if (!bytes) encoded.set(event, (bytes = encoder.encode(formatEvent(event))));
	return bytes;
}

// Live reads in flight, by share key, position and the announcement that caused them.
const sharedReads = new Map<string, Promise<StreamedEvent[]>>();

/**
 * A read another stream of the same key may join: it started after `announced` had been
 * announced, hence committed, so it sees everything this stream was woken for. Replays are
 * never shared: they must start after their own stream subscribed.
 */
function sharedRead(
	key: string,
	afterSeq: number,
	announced: number,
	read: (afterSeq: number) => Promise<StreamedEvent[]>
): Promise<StreamedEvent[]> {
	const id = `${key}\u0000${afterSeq}\u0000${announced}`;
	let pending = sharedReads.get(id);
	if (!pending) {
		pending = read(afterSeq).finally(() => sharedReads.delete(id));
		sharedReads.set(id, pending);
	}
	return pending;
}

export function eventStream(options: EventStreamOptions): Response {
	const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	let lastSent = options.lastEventId;
	// The highest sequence number announced so far: reading goes on until it is reached.
	let announced = 0;
	let dirty = true; // something may be there to read; true at first for the replay
	let replaying = true;
	let pumping = false;
	let checking = false;
	let closed = false;
	let stalledSince: number | null = null;
	let unsubscribe = () => {};
	let heartbeat: NodeJS.Timeout | undefined;

	const full = () => (controller.desiredSize ?? 0) <= 0;
	const send = (text: string) => controller.enqueue(encoder.encode(text));

	function finish(how: 'close' | 'drop' | 'cancelled'): void {
		if (closed) return;
		closed = true;
		clearInterval(heartbeat);
		unsubscribe();
		options.signal?.removeEventListener('abort', onAbort);
		try {
			// A dropped client's queue is thrown away at once instead of waiting to be read.
			if (how === 'drop') controller.error(new Error('The client fell too far behind'));
			else if (how === 'close') controller.close();
		} catch {
			// already closed by the other side
		}
	}
	const onAbort = () => finish('close');

	// One reader at a time per connection; announcements that arrive meanwhile set `dirty`
	// and are picked up by the same loop. Subscribing before the first read and skipping any
	// seq already sent leaves neither a gap nor a duplicate at the seam of replay and live.
	async function pump(): Promise<void> {
		if (pumping || closed) return;
		pumping = true;
		try {
			while (dirty && !closed) {
				if (full()) {
					stalledSince ??= Date.now();
					return; // pull() resumes when the client has taken some off the queue
				}
				dirty = false;
				const announcedBefore = announced;
				const batch =
					options.shareKey && !replaying && announced > lastSent
						? await sharedRead(options.shareKey, lastSent, announced, options.read)
						: await options.read(lastSent);
				if (closed) return;
				let sent = 0;
				for (const event of batch) {
					if (event.seq <= lastSent) continue;
					if (full()) {
						dirty = true; // the rest is read again once the client catches up
						break;
					}
					controller.enqueue(encodeEvent(event));
					lastSent = event.seq;
					sent++;
				}
				// A page of the replay, or announced events not yet reached: read on.
				if (sent > 0) dirty ||= replaying || lastSent < announced;
				else if (!dirty) {
					replaying = false;
					// Whatever was announced before this read is not for this viewer.
					if (announced === announcedBefore) announced = lastSent;
				}
			}
		} catch (err) {
			logger.warn({ err }, 'drill event stream: reading events failed');
			finish('close'); // the client reconnects with its Last-Event-ID
		} finally {
			pumping = false;
		}
	}

	function onAnnounce(seq: number): void {
		if (closed) return;
		if (seq > announced) announced = seq;
		if (seq > lastSent) {
			dirty = true;
			void pump();
		}
	}

	async function beat(): Promise<void> {
		if (closed || checking) return;
		if (full()) {
			// A client that has not taken anything off its queue for a whole interval is gone
			// or far behind: drop it; it reconnects with Last-Event-ID when it can.
			if (stalledSince !== null && Date.now() - stalledSince >= heartbeatMs) return finish('drop');
			stalledSince ??= Date.now();
		}
		checking = true;
		let allowed = false;
		try {
			allowed = await options.stillAllowed();
		} catch (err) {
			logger.warn({ err }, 'drill event stream: access re-check failed');
		} finally {
			checking = false;
		}
		if (!allowed) return finish('close');
		if (!closed && !full()) send(': heartbeat\n\n');
	}

	const body = new ReadableStream<Uint8Array>(
		{
			start(c) {
				controller = c;
				send(`retry: ${RETRY_MS}\n\n`);
				unsubscribe = options.subscribe(onAnnounce);
				heartbeat = setInterval(() => void beat(), heartbeatMs);
				heartbeat.unref();
				if (options.signal?.aborted) return finish('close');
				options.signal?.addEventListener('abort', onAbort);
				void pump();
			},
			pull() {
				stalledSince = null;
				if (dirty) void pump();
			},
			cancel() {
				finish('cancelled');
			}
		},
		{ highWaterMark: options.queueBytes ?? QUEUE_BYTES, size: (chunk) => chunk.byteLength }
	);

	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
}
