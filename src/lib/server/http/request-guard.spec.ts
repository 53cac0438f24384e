import { describe, expect, it } from 'vitest';
import { requestGuard } from './request-guard';

const ORIGIN = 'http://localhost:3000';

/** Runs the guard on a request; `reached` says whether the app would have handled it. */
async function guard(path: string, init: RequestInit = {}) {
	let reached = false;
	const request = new Request(`${ORIGIN}${path}`, init);
	const response = await requestGuard({
		event: { request, url: new URL(request.url) } as never,
		resolve: async () => {
			reached = true;
			return new Response('ok');
		}
	});
	return { reached, status: response.status, response };
}

describe('the request guard', () => {
	it('refuses addresses with a NUL, a broken escape or a lone surrogate', async () => {
		for (const path of [
			'/plans/%00',
			'/plans/%ED%A0%80',
			'/scenarios?q=%00',
			'/plans/%E0%A4%A',
			'/api/v1/plans/%00'
		])
			expect((await guard(path)).status, path).toBe(400);
	});

	it('answers the API in JSON when it refuses', async () => {
		const { response } = await guard('/api/v1/plans/%00');
		expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
	});

	it('lets ordinary addresses through', async () => {
		expect((await guard('/plans?x=Zo%C3%AB')).reached).toBe(true);
	});

	it('refuses a page write from another origin or none, whatever the content type', async () => {
		for (const headers of <Record<string, string>[]>[
			{ origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			{ 'content-type': 'application/json' },
			{ origin: 'null', 'content-type': 'text/plain' }
		]) {
			const r = await guard('/logout', { method: 'POST', headers, body: 'x' });
			expect(r.status).toBe(403);
			expect(r.reached).toBe(false);
		}
	});

	it('lets a page write from the app itself through', async () => {
		const r = await guard('/logout', { method: 'POST', headers: { origin: ORIGIN }, body: '' });
		expect(r.reached).toBe(true);
	});

	it('answers a form-encoded API write with a JSON 415', async () => {
		const r = await guard('/api/v1/plans/x/versions', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'a=1'
		});
		expect(r.status).toBe(415);
		expect(await r.response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
	});
});
