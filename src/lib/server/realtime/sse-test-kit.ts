// Test helpers for the event stream: an in-memory event log and a reader that parses the
// stream's text into blocks, as a browser's EventSource would.
import { createLocalBus, type DrillBus } from './bus';
import type { StreamedEvent } from './sse';

export type SseBlock = {
	id?: string;
	event?: string;
	data?: string;
	retry?: string;
	comment?: string;
};

/** Splits the stream into blocks separated by a blank line. */
export class SseReader {
	private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
	private readonly decoder = new TextDecoder();
	private buffer = '';
	// A read that timed out is still pending: the next call waits for it, so no chunk is lost.
	private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
	done = false;

	constructor(response: Response) {
		if (!response.body) throw new Error('The response has no body');
		this.reader = response.body.getReader();
	}

	/** The next block, or null when the stream has ended. */
	async next(timeoutMs = 2000): Promise<SseBlock | null> {
		for (;;) {
			const end = this.buffer.indexOf('\n\n');
			if (end >= 0) {
				const text = this.buffer.slice(0, end);
				this.buffer = this.buffer.slice(end + 2);
				return parseBlock(text);
			}
			if (this.done) return null;
			this.pending ??= this.reader.read();
			const chunk = await withTimeout(this.pending, timeoutMs);
			this.pending = null;
			if (chunk.done) this.done = true;
			else this.buffer += this.decoder.decode(chunk.value, { stream: true });
		}
	}

	/** Blocks up to and including the first that matches, skipping comments unless asked. */
	async until(match: (block: SseBlock) => boolean, timeoutMs = 2000): Promise<SseBlock[]> {
		const seen: SseBlock[] = [];
		for (;;) {
			const block = await this.next(timeoutMs);
			if (!block) throw new Error(`The stream ended after ${JSON.stringify(seen)}`);
			seen.push(block);
			if (match(block)) return seen;
		}
	}

	cancel(): Promise<void> {
		return this.reader.cancel();
	}
}

function parseBlock(text: string): SseBlock {
	const block: SseBlock = {};
	for (const line of text.split('\n')) {
		if (line.startsWith(':')) block.comment = line.slice(1).trim();
		else {
			const colon = line.indexOf(':');
			const field = line.slice(0, colon) as keyof SseBlock;
			block[field] = line.slice(colon + 1).replace(/^ /, '');
		}
	}
	return block;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Nothing arrived within ${ms} ms`)), ms);
		promise.then(
			(v) => (clearTimeout(timer), resolve(v)),
			(e) => (clearTimeout(timer), reject(e))
		);
	});
}

/** An append-only event log of one drill with a bus, standing in for drill_events. */
export class FakeDrillLog {
	readonly events: (StreamedEvent & { audience: 'all' | 'facilitators' })[] = [];
	readonly bus: DrillBus = createLocalBus();
	reads = 0;

	constructor(
		readonly drillId = 'drill-1',
		private readonly pageSize = 100
	) {}

	/** Stores an event and announces it, as a committed transaction would. */
	append(type: string, payload: unknown, audience: 'all' | 'facilitators' = 'all'): number {
		const seq = this.store(type, payload, audience);
		this.bus.announce(this.drillId, seq);
		return seq;
	}

	/** Stores an event without announcing it (committed, announcement still to come). */
	store(type: string, payload: unknown, audience: 'all' | 'facilitators' = 'all'): number {
		const seq = this.events.length + 1;
		this.events.push({ seq, type, at: new Date(0).toISOString(), payload, audience });
		return seq;
	}

	/** The reader a participant's stream gets: audience 'all' only, a page at a time. */
	participantRead = async (afterSeq: number): Promise<StreamedEvent[]> => {
		this.reads++;
		await Promise.resolve();
		return this.events
			.filter((e) => e.seq > afterSeq && e.audience === 'all')
			.slice(0, this.pageSize)
			.map(({ seq, type, at, payload }) => ({ seq, type, at, payload }));
	};

	subscribe = (listener: (seq: number) => void) => this.bus.subscribe(this.drillId, listener);
}
