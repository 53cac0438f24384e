import { isRedirect, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { passwordChangeGate } from './password-change-gate';

const user = (mustChangePassword: boolean) => ({
	id: '00000000-0000-4000-8000-000000000001',
	email: 'new.hire@example.org',
	displayName: 'New Hire',
	role: 'lead' as const,
	mustChangePassword
});

async function pass(path: string, opts: { mustChange: boolean; via: 'session' | 'token' }) {
	const event = {
		url: new URL(path, 'http://localhost'),
		locals: { user: user(opts.mustChange), authMethod: opts.via, sessionId: null }
	} as unknown as RequestEvent;
	const resolve = vi.fn(async () => new Response('the page', { status: 200 }));
	try {
		const response = await passwordChangeGate({ event, resolve });
		return { response, resolved: resolve.mock.calls.length > 0, redirect: null };
	} catch (e) {
		if (isRedirect(e)) return { response: null, resolved: false, redirect: e.location };
		throw e;
	}
}

describe('password change gate', () => {
	it('refuses the API to a session holding a one-time password, with the JSON error shape', async () => {
		const r = await pass('/api/v1/plans', { mustChange: true, via: 'session' });
		expect(r.resolved).toBe(false);
		expect(r.response?.status).toBe(403);
		expect(await r.response?.json()).toEqual({
			error: { code: 'password_change_required', message: expect.stringMatching(/one-time/) }
		});
	});

	it('sends pages to the password form', async () => {
		const r = await pass('/plans', { mustChange: true, via: 'session' });
		expect(r.redirect).toBe('/account/password');
	});

	it('lets the password form and logout through', async () => {
		for (const path of ['/account/password', '/logout'])
			expect((await pass(path, { mustChange: true, via: 'session' })).resolved).toBe(true);
	});

	it('lets everything through once the password is their own', async () => {
		for (const path of ['/api/v1/plans', '/plans'])
			expect((await pass(path, { mustChange: false, via: 'session' })).resolved).toBe(true);
	});
});
