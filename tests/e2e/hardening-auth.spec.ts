import { expect, request, test, type APIRequestContext } from '@playwright/test';
import {
	createUserAsAdmin,
	demoLogin,
	login,
	loginRequest,
	newApiContext,
	ORIGIN,
	type CreatedUser
} from './helpers';

// Holes found when Hotwash was attacked, each probed the way the attacker did. Wrong
// passwords here are few (5, for the password form's lock): failed attempts from this
// address count towards its limit of 20 for the whole run.

const session = async (who: Parameters<typeof loginRequest>[1]) => {
	const api = await newApiContext();
	await loginRequest(api, who);
	return api;
};

const meStatus = async (api: APIRequestContext) => (await api.get('/api/v1/me')).status();

test.describe('redirect after login', () => {
	const hostile = [
		'//evil.example/',
		'///evil.example/',
		'/\\evil.example',
		'/\t/evil.example',
		'/%2F%2Fevil.example',
		'/%5Cevil.example',
		'/%09/evil.example',
		'/.//evil.example',
		'https://evil.example/',
		'javascript:alert(1)',
		'/%E0%A4%A',
		'/plans%0d%0aSet-Cookie:%20hijack=1',
		'/' + 'a'.repeat(5000)
	];

	test('a hostile or malformed next sends a fresh login to the dashboard, with a working session', async () => {
		const api = await newApiContext();
		for (const next of hostile) {
			const response = await api.post('/login', { form: { ...demoLogin('auditor'), next } });
			expect(response.status(), JSON.stringify(next)).toBe(303);
			expect(response.headers()['location'], JSON.stringify(next)).toBe('/');
			expect(response.headers()['set-cookie'] ?? '').not.toContain('hijack');
			expect(await meStatus(api)).toBe(200);
		}
		await api.dispose();
	});

	test('a signed-in visitor opening the login page with a hostile next stays on this app', async () => {
		const api = await session('auditor');
		for (const next of ['//evil.example', '/%5Cevil.example', '%E0%A4%A']) {
			const response = await api.get(`/login?next=${encodeURIComponent(next)}`);
			expect(response.status()).toBe(303);
			expect(response.headers()['location']).toBe('/');
		}
		await api.dispose();
	});

	test('the login page with a malformed next answers cleanly, never with a server error', async ({
		page
	}) => {
		for (const next of ['%E0%A4%A', '%2F%2Fevil.example', '%0d%0a']) {
			const response = await page.goto(`/login?next=${next}`);
			// The form, or the app's refusal of an address it cannot read.
			expect([200, 400], next).toContain(response?.status());
			if (response?.status() === 200)
				await expect(page.getByRole('heading', { name: 'Log in to Hotwash' })).toBeVisible();
		}
	});

	test('a plain path of this app is where the login goes', async ({ page }) => {
		await page.goto('/plans');
		await expect(page).toHaveURL(/\/login\?next=%2Fplans$/);
		await page.getByLabel('Email').fill(demoLogin('lead').email);
		await page.getByLabel('Password').fill(demoLogin('lead').password);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page).toHaveURL('/plans');
	});
});

test.describe('logout', () => {
	test('a cross-site post does not log out, whatever its body; the session lives on', async () => {
		const api = await session('trainee');
		const evil = { Origin: 'http://evil.example' };
		const attempts = [
			{ headers: evil },
			{ headers: { ...evil, 'content-type': 'application/json' }, data: '{}' },
			{ headers: { ...evil, 'content-type': 'text/plain' }, data: 'bye' },
			{ headers: evil, form: {} },
			{ headers: { Origin: 'null' } }
		];
		for (const attempt of attempts) {
			const response = await api.post('/logout', attempt);
			expect(response.status(), JSON.stringify(attempt)).toBe(403);
		}
		expect(await meStatus(api)).toBe(200);
		await api.dispose();
	});

	test('a GET does not log out; the button of the app does', async ({ page }) => {
		await login(page, 'trainee');
		const get = await page.request.get('/logout', { maxRedirects: 0 });
		expect(get.status()).toBe(405);
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
		await page.getByRole('button', { name: 'Log out' }).click();
		await expect(page).toHaveURL('/login');
		expect((await page.request.get('/api/v1/me')).status()).toBe(401);
	});
});

test.describe('credentials after a reset', () => {
	test('an admin’s password reset revokes the user’s API tokens', async ({ page }) => {
		await login(page, 'admin');
		const user = await createUserAsAdmin(page, { role: 'lead', method: 'invite', label: 'reset' });
		const password = 'tokens before the reset';
		const theirs = await newApiContext();
		const accepted = await theirs.post(new URL(user.inviteUrl!).pathname, {
			form: { password, confirm: password }
		});
		expect(accepted.status()).toBe(303);
		await loginRequest(theirs, { email: user.email, password });
		const created = await theirs.post('/account?/createToken', {
			form: { name: 'nightly export' }
		});
		const token = /hw_[a-z2-7]{32}/.exec(await created.text())?.[0];
		expect(token).toBeTruthy();
		const bearer = await request.newContext({
			baseURL: ORIGIN,
			extraHTTPHeaders: { Authorization: `Bearer ${token}` }
		});
		expect(await meStatus(bearer)).toBe(200);

		await page.goto(`/admin/users/${user.id}`);
		await page.getByRole('button', { name: 'Reset password' }).click();
		await expect(page.getByTestId('one-time-password')).toBeVisible();

		const refused = await bearer.get('/api/v1/me');
		expect(refused.status()).toBe(401);
		expect((await refused.json()).error.code).toBe('invalid_token');
		expect(await meStatus(theirs)).toBe(401);
		await Promise.all([bearer.dispose(), theirs.dispose()]);
	});

	test('a one-time password opens no API until the user has chosen their own, and a guessable one is refused', async ({
		page
	}) => {
		await login(page, 'admin');
		const user: CreatedUser = await createUserAsAdmin(page, {
			role: 'trainee',
			method: 'password'
		});
		const theirs = await session({ email: user.email, password: user.oneTimePassword! });

		const refused = await theirs.get('/api/v1/me');
		expect(refused.status()).toBe(403);
		expect((await refused.json()).error.code).toBe('password_change_required');
		const write = await theirs.post('/api/v1/plans', { data: { title: 'x' } });
		expect(write.status()).toBe(403);

		const change = (password: string) =>
			theirs.post('/account/password', {
				form: { current: user.oneTimePassword!, password, confirm: password }
			});
		const weak = await change('Password2024!');
		expect(weak.status()).toBe(400);
		expect(await weak.text()).toContain('This password is too easy to guess');
		expect(await meStatus(theirs)).toBe(403);

		expect((await change('my very own long passphrase')).status()).toBe(303);
		expect(await meStatus(theirs)).toBe(200);
		await theirs.dispose();
	});
});

test('five wrong current passwords lock the password form with 429 and Retry-After', async ({
	page
}) => {
	await login(page, 'admin');
	const user = await createUserAsAdmin(page, { role: 'auditor', method: 'password' });
	const theirs = await session({ email: user.email, password: user.oneTimePassword! });
	const change = (current: string) =>
		theirs.post('/account/password', {
			form: {
				current,
				password: 'a new and private passphrase',
				confirm: 'a new and private passphrase'
			}
		});
	for (let i = 1; i <= 5; i++)
		expect((await change(`wrong guess ${i}`)).status(), `attempt ${i}`).toBe(400);
	const locked = await change(user.oneTimePassword!);
	expect(locked.status()).toBe(429);
	expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(0);
	expect(await locked.text()).toContain('Too many failed attempts. Try again in');
	await theirs.dispose();
});
