import { describe, expect, it, vi } from 'vitest';
import { eventStream, lastEventIdFrom, type EventStreamOptions } from './sse';
import { FakeDrillLog, SseReader, type SseBlock } from './sse-test-kit';

const allowed = async () => true;

function open(log: FakeDrillLog, options: Partial<EventStreamOptions> = {}) {
	const response = eventStream({
		lastEventId: 0,
		read: log.participantRead,
		stillAllowed: allowed,
		subscribe: log.subscribe,
		heartbeatMs: 60_000,
		...options
	});
	return { response, stream: new SseReader(response) };
}

const ids = (blocks: SseBlock[]) => blocks.filter((b) => b.id).map((b) => Number(b.id));
const isEvent = (seq: number) => (b: SseBlock) => b.id === String(seq);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, ms = 2000) {
	const end = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await sleep(5);
	}
}

describe('eventStream', () => {
	it('answers as an uncached event stream that starts with the retry interval', async () => {
		const log = new FakeDrillLog();
		const { response, stream } = open(log);
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-accel-buffering')).toBe('no');
		expect(await stream.next()).toEqual({ retry: '3000' });
		await stream.cancel();
	});

	it('replays the events after lastEventId, then streams new ones as they are announced', async () => {
		const log = new FakeDrillLog();
		log.append('clock', { status: 'running' });
		log.append('inject.released', { injectId: 'i1' });
		log.append('inject.released', { injectId: 'i2' });
		const { stream } = open(log, { lastEventId: 1 });
		const replay = await stream.until(isEvent(3));
		expect(ids(replay)).toEqual([2, 3]);
		expect(replay.at(-1)).toMatchObject({ id: '3', event: 'inject.released' });
		expect(JSON.parse(replay.at(-1)!.data!)).toEqual({
			seq: 3,
			type: 'inject.released',
			at: '1970-01-01T00:00:00.000Z',
			payload: { injectId: 'i2' }
		});

		log.append('answer', { promptId: 'p1' });
		expect(await stream.next()).toMatchObject({ id: '4', event: 'answer' });
		await stream.cancel();
	});

	it('reads the whole backlog when the reader hands it out a page at a time', async () => {
		const log = new FakeDrillLog('drill-1', 2);
		for (let i = 0; i < 7; i++) log.append('answer', { n: i });
		const { stream } = open(log);
		expect(ids(await stream.until(isEvent(7)))).toEqual([1, 2, 3, 4, 5, 6, 7]);
		await stream.cancel();
	});

	it('delivers an event committed during the replay exactly once', async () => {
		const log = new FakeDrillLog();
		log.append('clock', {});
		const read = log.participantRead;
		let first = true;
		// The replay's snapshot is taken, then another request commits and announces event 2
		// before the replay has been written out: the seam between replay and live.
		const racingRead = async (after: number) => {
			const snapshot = await read(after);
			if (first) {
				first = false;
				log.append('inject.released', { injectId: 'i1' });
			}
			return snapshot;
		};
		const { stream } = open(log, { read: racingRead });
		const blocks = await stream.until(isEvent(2));
		log.bus.announce(log.drillId, 2); // the same announcement heard twice (NOTIFY echo)
		log.bus.announce(log.drillId, 1);
		log.append('answer', {});
		blocks.push(...(await stream.until(isEvent(3))));
		expect(ids(blocks)).toEqual([1, 2, 3]);
		await stream.cancel();
	});

	it('gives an event already sent by the replay no second time when its announcement comes late', async () => {
		const log = new FakeDrillLog();
		log.store('clock', {}); // committed, announcement not yet made
		const { stream } = open(log);
		const blocks = await stream.until(isEvent(1));
		log.bus.announce(log.drillId, 1);
		log.append('answer', {});
		blocks.push(...(await stream.until(isEvent(2))));
		expect(ids(blocks)).toEqual([1, 2]);
		await stream.cancel();
	});

	it('never sends an event twice, even when the reader hands back ones already sent', async () => {
		const log = new FakeDrillLog();
		log.append('clock', {});
		// A reader that ignores afterSeq, as a read racing a page boundary might.
		const sloppyRead = async () =>
			log.events.map(({ seq, type, at, payload }) => ({ seq, type, at, payload }));
		const { stream } = open(log, { read: sloppyRead });
		const blocks = await stream.until(isEvent(1));
		log.append('answer', {});
		log.append('answer', {});
		blocks.push(...(await stream.until(isEvent(3))));
		expect(ids(blocks)).toEqual([1, 2, 3]);
		await stream.cancel();
	});

	it('skips events the viewer may not see and goes on with the next visible one', async () => {
		const log = new FakeDrillLog();
		const { stream } = open(log);
		await stream.next(); // retry
		log.append('observation', { text: 'facilitator note' }, 'facilitators');
		log.append('inject.released', { injectId: 'i1' });
		const blocks = await stream.until(isEvent(2));
		expect(ids(blocks)).toEqual([2]);
		expect(JSON.stringify(blocks)).not.toContain('facilitator note');
		await stream.cancel();
	});

	it('re-reads after the bus says it may have missed announcements', async () => {
		const log = new FakeDrillLog();
		const { stream } = open(log);
		await stream.next();
		log.store('answer', {});
		log.store('answer', {});
		log.bus.announce(log.drillId, Number.MAX_SAFE_INTEGER);
		expect(ids(await stream.until(isEvent(2)))).toEqual([1, 2]);
		const readsBefore = log.reads;
		log.append('answer', {});
		await stream.until(isEvent(3));
		expect(log.reads - readsBefore).toBe(1); // back to one read per announcement
		await stream.cancel();
	});

	it('lets streams with one share key make one read per announcement between them', async () => {
		const log = new FakeDrillLog();
		log.append('clock', {});
		const streams = Array.from(
			{ length: 50 },
			() => open(log, { shareKey: 'drill-1:participants' }).stream
		);
		for (const stream of streams) await stream.until(isEvent(1));
		const readsBefore = log.reads;
		log.append('inject.released', { injectId: 'i1' });
		for (const stream of streams) expect(await stream.next()).toMatchObject({ id: '2' });
		expect(log.reads - readsBefore).toBe(1);
		await Promise.all(streams.map((s) => s.cancel()));
	});

	it('sends a heartbeat comment after re-checking access', async () => {
		const log = new FakeDrillLog();
		const stillAllowed = vi.fn(async () => true);
		const { stream } = open(log, { heartbeatMs: 20, stillAllowed });
		await stream.next();
		expect(await stream.next()).toEqual({ comment: 'heartbeat' });
		expect(stillAllowed).toHaveBeenCalled();
		await stream.cancel();
	});

	it('ends the stream at the heartbeat once access is revoked', async () => {
		const log = new FakeDrillLog();
		let ok = true;
		const { stream } = open(log, { heartbeatMs: 20, stillAllowed: async () => ok });
		await stream.next();
		await stream.until((b) => b.comment === 'heartbeat');
		ok = false;
		log.append('answer', {});
		await stream.until(isEvent(1));
		let block: SseBlock | null;
		do block = await stream.next();
		while (block);
		expect(stream.done).toBe(true);
		expect(log.bus.subscriberCount(log.drillId)).toBe(0);
	});

	it('ends the stream when the access re-check itself fails', async () => {
		const log = new FakeDrillLog();
		const { stream } = open(log, {
			heartbeatMs: 20,
			stillAllowed: async () => {
				throw new Error('database gone');
			}
		});
		expect(await stream.next()).toEqual({ retry: '3000' });
		expect(await stream.next()).toBeNull();
	});

	it('ends the stream when reading events fails, so the client reconnects', async () => {
		const log = new FakeDrillLog();
		const { stream } = open(log, {
			read: async () => {
				throw new Error('connection reset');
			}
		});
		expect(await stream.next()).toEqual({ retry: '3000' });
		expect(await stream.next()).toBeNull();
		expect(log.bus.subscriberCount(log.drillId)).toBe(0);
	});

	it('unsubscribes and stops checking access when the client goes away', async () => {
		const log = new FakeDrillLog();
		const stillAllowed = vi.fn(async () => true);
		const { stream } = open(log, { heartbeatMs: 10, stillAllowed });
		await stream.next();
		expect(log.bus.subscriberCount(log.drillId)).toBe(1);
		await stream.cancel();
		expect(log.bus.subscriberCount(log.drillId)).toBe(0);
		const calls = stillAllowed.mock.calls.length;
		await sleep(50);
		expect(stillAllowed.mock.calls.length).toBe(calls);
		log.append('answer', {});
		expect(log.reads).toBe(1);
	});

	it('ends when the request is aborted', async () => {
		const log = new FakeDrillLog();
		const abort = new AbortController();
		const { stream } = open(log, { signal: abort.signal });
		await stream.next();
		abort.abort();
		expect(log.bus.subscriberCount(log.drillId)).toBe(0);
		expect(await stream.next()).toBeNull();
	});

	it('stops reading for a client that takes nothing, and drops it after a heartbeat interval', async () => {
		const log = new FakeDrillLog('drill-1', 10);
		const body = 'x'.repeat(1000);
		const response = eventStream({
			lastEventId: 0,
			read: log.participantRead,
			stillAllowed: allowed,
			subscribe: log.subscribe,
			heartbeatMs: 30
		});
		for (let i = 0; i < 300; i++) log.append('inject.released', { body });
		await sleep(20);
		// 300 kB were announced; the stream read about its 16 kB queue's worth and stopped.
		expect(log.reads).toBeLessThanOrEqual(3);
		const reader = response.body!.getReader();
		await until(() => log.bus.subscriberCount(log.drillId) === 0);
		await expect(reader.read()).rejects.toThrow('too far behind');
	});
});

describe('lastEventIdFrom', () => {
	const at = (url: string, headers: Record<string, string> = {}) =>
		lastEventIdFrom(new Request(url, { headers }));

	it('takes the Last-Event-ID header first, then the query, else 0', () => {
		expect(at('http://x/e?lastEventId=4', { 'last-event-id': '9' })).toBe(9);
		expect(at('http://x/e?lastEventId=4')).toBe(4);
		expect(at('http://x/e')).toBe(0);
	});

	it('treats a malformed id as no id, replaying everything the viewer may see', () => {
		expect(at('http://x/e', { 'last-event-id': '-3' })).toBe(0);
		expect(at('http://x/e?lastEventId=1e9')).toBe(0);
		expect(at('http://x/e?lastEventId=99999999999999999999')).toBe(0);
	});
});
