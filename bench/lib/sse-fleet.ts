// Many Server-Sent Events connections from one process, on plain node:http (one socket
// each, no EventSource machinery), recording when each event arrives on each connection.
import http from 'node:http';
import { waitUntil } from './stats';

export type Receipt = { conn: number; id: number; type: string; latencyMs: number };

export class SseFleet {
	readonly receipts: Receipt[] = [];
	private readonly lastId: number[] = [];
	private readonly requests: http.ClientRequest[] = [];
	dropped = 0;

	private constructor(
		private readonly url: string,
		private readonly headers: Record<string, string>
	) {}

	/** Opens `count` streams, `concurrency` at a time; resolves once each has its first bytes. */
	static async open(
		count: number,
		url: string,
		headers: Record<string, string> = {},
		concurrency = 50
	): Promise<SseFleet> {
		const fleet = new SseFleet(url, headers);
		let next = 0;
		const worker = async () => {
			while (next < count) await fleet.connect(next++);
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
		return fleet;
	}

	get size(): number {
		return this.requests.length;
	}

	/** The highest event id every connection has received. */
	minLastId(): number {
		return Math.min(...this.lastId);
	}

	/** Waits until every connection has an event after `afterId`; false on timeout. */
	async allReceivedAfter(afterId: number, timeoutMs: number): Promise<boolean> {
		return waitUntil(() => this.dropped === 0 && this.minLastId() > afterId, timeoutMs, 5);
	}

	/** Release-to-receipt latencies of the events after `afterId`. */
	latenciesAfter(afterId: number): number[] {
		return this.receipts.filter((r) => r.id > afterId).map((r) => r.latencyMs);
	}

	/**
	 * How long after the first stream each stream got each event after `afterId`: the fan-out
	 * alone, without the time the change took to commit.
	 */
	spreadAfter(afterId: number): number[] {
		const first = new Map<number, number>();
		const after = this.receipts.filter((r) => r.id > afterId);
		for (const r of after) first.set(r.id, Math.min(first.get(r.id) ?? Infinity, r.latencyMs));
		return after.map((r) => r.latencyMs - first.get(r.id)!);
	}

	close(): void {
		for (const request of this.requests) request.destroy();
	}

	private connect(conn: number): Promise<void> {
		this.lastId[conn] = 0;
		return new Promise((resolve, reject) => {
			const request = http.get(
				this.url,
				{ headers: { accept: 'text/event-stream', ...this.headers }, agent: false },
				(response) => {
					if (response.statusCode !== 200) {
						response.resume();
						reject(new Error(`GET ${this.url}: ${response.statusCode}`));
						return;
					}
					response.setEncoding('utf8');
					let buffer = '';
					let first = true;
					response.on('data', (chunk: string) => {
						const receivedAt = Date.now();
						if (first) {
							first = false;
							resolve();
						}
						buffer += chunk;
						let end: number;
						while ((end = buffer.indexOf('\n\n')) >= 0) {
							this.onBlock(conn, buffer.slice(0, end), receivedAt);
							buffer = buffer.slice(end + 2);
						}
					});
					response.on('end', () => this.dropped++);
				}
			);
			request.on('error', (err) => {
				if (!request.destroyed || this.lastId[conn] === 0) reject(err);
			});
			this.requests.push(request);
		});
	}

	private onBlock(conn: number, block: string, receivedAt: number): void {
		let id = 0;
		let type = 'message';
		let data = '';
		for (const line of block.split('\n')) {
			if (line.startsWith('id: ')) id = Number(line.slice(4));
			else if (line.startsWith('event: ')) type = line.slice(7);
			else if (line.startsWith('data: ')) data = line.slice(6);
		}
		if (!id) return; // retry line or heartbeat
		const at = Date.parse((JSON.parse(data) as { at: string }).at);
		this.receipts.push({ conn, id, type, latencyMs: receivedAt - at });
		if (id > this.lastId[conn]) this.lastId[conn] = id;
	}
}
