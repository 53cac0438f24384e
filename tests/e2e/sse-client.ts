import type { APIRequestContext, BrowserContext } from '@playwright/test';

// A drill's event stream read the way a browser's EventSource reads it (Last-Event-ID and
// all), but by a test: the events parsed, and the raw text kept, so a test can also check
// what never went over the wire.

export type StreamedEvent = {
	id: number;
	event: string;
	data: { type: string; payload: unknown };
	/** When the test received it (Date.now()). */
	receivedAt: number;
};

export type StreamRead = {
	status: number;
	contentType: string;
	events: StreamedEvent[];
	/** Everything received, comments and all. */
	raw: string;
	/** The server ended the stream (rather than the test hanging up). */
	ended: boolean;
};

export type StreamOptions = {
	/** Cookie header or Authorization header: whatever authenticates the request. */
	headers?: Record<string, string>;
	lastEventId?: number;
	/** Stop as soon as this holds for the events so far. */
	until?: (events: StreamedEvent[]) => boolean;
	/** Stop after this long in any case. */
	timeoutMs?: number;
};

/** The Cookie header of a browser or request context: the cookies a browser would send. */
export async function cookieHeader(
	from: Pick<APIRequestContext | BrowserContext, 'storageState'>
): Promise<Record<string, string>> {
	const { cookies } = await from.storageState();
	return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}

function parseBlock(block: string): StreamedEvent | null {
	let id: number | null = null;
	let event = 'message';
	const data: string[] = [];
	for (const line of block.split('\n')) {
		if (line.startsWith('id: ')) id = Number(line.slice(4));
		else if (line.startsWith('event: ')) event = line.slice(7);
		else if (line.startsWith('data: ')) data.push(line.slice(6));
	}
	if (id === null || !data.length) return null;
	return { id, event, data: JSON.parse(data.join('\n')), receivedAt: Date.now() };
}

/** Opens the stream at `url`, reads until `until` holds or the time is up, then hangs up. */
export async function readStream(url: string, options: StreamOptions = {}): Promise<StreamRead> {
	const abort = new AbortController();
	const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? 5_000);
	const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
	if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
	const out: StreamRead = { status: 0, contentType: '', events: [], raw: '', ended: false };
	try {
		const response = await fetch(url, { headers, redirect: 'manual', signal: abort.signal });
		out.status = response.status;
		out.contentType = response.headers.get('content-type') ?? '';
		if (!response.body || response.status !== 200) {
			out.raw = await response.text();
			return out;
		}
		const reader = response.body.getReader();
		const decoder = new TextDecoder();
		let pending = '';
		for (;;) {
			if (options.until?.(out.events)) break;
			const { done, value } = await reader.read();
			if (done) {
				out.ended = true;
				break;
			}
			const text = decoder.decode(value, { stream: true });
			out.raw += text;
			pending += text;
			let end: number;
			while ((end = pending.indexOf('\n\n')) >= 0) {
				const event = parseBlock(pending.slice(0, end));
				pending = pending.slice(end + 2);
				if (event) out.events.push(event);
			}
		}
	} catch (e) {
		if (!abort.signal.aborted) throw e;
	} finally {
		clearTimeout(timer);
		abort.abort();
	}
	return out;
}
