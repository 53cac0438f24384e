import { describe, expect, it } from 'vitest';
import { connectedUsers, streamOpened, whenClosed } from './presence.server';

describe('drill presence', () => {
	it('counts a user with two streams once, until both close', () => {
		const a = streamOpened('d1', 'ana');
		const b = streamOpened('d1', 'ana');
		const c = streamOpened('d1', 'bo');
		expect([...connectedUsers('d1')].sort()).toEqual(['ana', 'bo']);
		a();
		a(); // closing twice counts once
		expect(connectedUsers('d1').has('ana')).toBe(true);
		b();
		c();
		expect(connectedUsers('d1').size).toBe(0);
	});

	it('hears when the client cancels the stream, and passes the bytes through', async () => {
		let closed = 0;
		const inner = new Response(
			new ReadableStream({
				start(c) {
					c.enqueue(new TextEncoder().encode('retry: 3000\n\n'));
				}
			}),
			{ headers: { 'content-type': 'text/event-stream' } }
		);
		const wrapped = whenClosed(inner, () => closed++);
		expect(wrapped.headers.get('content-type')).toBe('text/event-stream');
		const reader = wrapped.body!.getReader();
		expect(new TextDecoder().decode((await reader.read()).value)).toBe('retry: 3000\n\n');
		await reader.cancel();
		expect(closed).toBe(1);
	});
});
