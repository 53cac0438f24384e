import { expect, test, type APIResponse } from '@playwright/test';
import { demoLogin, newApiContext, ORIGIN, sessionFile } from './helpers';

async function expectApiError(response: APIResponse, status: number, code?: string) {
	expect(response.status()).toBe(status);
	expect(response.headers()['content-type']).toContain('application/json');
	const body = await response.json();
	expect(typeof body.error?.message).toBe('string');
	if (code) expect(body.error.code).toBe(code);
	else expect(typeof body.error?.code).toBe('string');
}

test.describe('API tokens', () => {
	test.use({ storageState: sessionFile('lead') });

	test('a token made in My account is shown once, acts as its owner, and stops when revoked', async ({
		page
	}) => {
		const name = `e2e script ${Date.now()}`;
		await page.goto('/account');
		await page.getByLabel('New token name').fill(name);
		await page.getByRole('button', { name: 'Create token' }).click();
		await expect(page.getByRole('status')).toContainText(`Token “${name}” created`);
		const token = await page.getByTestId('new-token').inputValue();
		expect(token.length).toBeGreaterThanOrEqual(20);

		await page.goto('/account');
		await expect(page.getByRole('row', { name })).toContainText('active');
		expect(await page.content()).not.toContain(token);

		const bearer = await newApiContext();
		const call = () => bearer.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
		const ok = await call();
		expect(ok.status()).toBe(200);
		expect((await ok.json()).user).toMatchObject({
			email: demoLogin('lead').email,
			displayName: 'Lee Lead',
			role: 'lead'
		});

		await page.getByRole('row', { name }).getByRole('button', { name: 'Revoke' }).click();
		await expect(page.getByRole('status')).toHaveText('Token revoked.');
		await expect(page.getByRole('row', { name })).toContainText('revoked');

		const refused = await call();
		await expectApiError(refused, 401, 'invalid_token');
		expect(refused.headers()['www-authenticate']).toContain('Bearer');
		await bearer.dispose();
	});
});

test('a malformed bearer token gets 401 with a JSON error', async () => {
	const api = await newApiContext();
	const response = await api.get('/api/v1/me', { headers: { Authorization: 'Bearer x' } });
	await expectApiError(response, 401, 'invalid_token');
	await api.dispose();
});

test('an API write riding on the session cookie from a foreign origin gets 403 cross_origin', async () => {
	const api = await newApiContext(sessionFile('lead'));
	const foreign = await api.post('/api/v1/me', {
		headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
		data: {}
	});
	await expectApiError(foreign, 403, 'cross_origin');

	// The same write from our own origin gets past that check (and finds no POST handler).
	const own = await api.post('/api/v1/me', {
		headers: { 'Content-Type': 'application/json' },
		data: {}
	});
	await expectApiError(own, 405, 'method_not_allowed');
	await api.dispose();
});

test('a login post over 512 KB gets 413 and signs nobody in', async () => {
	const api = await newApiContext();
	const { email, password } = demoLogin('admin');
	const response = await api.post('/login', {
		form: { email, password, padding: 'x'.repeat(600 * 1024) }
	});
	expect(response.status()).toBe(413);
	expect(response.headers()['set-cookie']).toBeUndefined();
	expect((await api.storageState()).cookies).toEqual([]);
	const home = await api.get('/');
	expect(home.status()).toBe(303);
	expect(home.headers()['location']).toMatch(/^\/login/);
	await api.dispose();
});

test('an unknown /api/v1 path gets 404 with a JSON error', async () => {
	const api = await newApiContext(sessionFile('lead'));
	await expectApiError(await api.get('/api/v1/nope'), 404, 'not_found');
	await api.dispose();
});

test('/healthz answers 200 "ok"', async () => {
	const api = await newApiContext();
	const response = await api.get('/healthz');
	expect(response.status()).toBe(200);
	expect((await response.text()).trim()).toBe('ok');
	await api.dispose();
});

test('pages carry the security headers', async ({ page }) => {
	const response = await page.goto('/login');
	expect(response?.status()).toBe(200);
	const headers = response!.headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(new URL(page.url()).origin).toBe(ORIGIN);
});
