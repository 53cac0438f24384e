import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createUserAsAdmin, login, newApiContext, sessionFile, type Credentials } from './helpers';

// My account: API tokens (expiry, copy once, last used) and sessions (readable browser,
// "this session", end all others). Session tests use a fresh user: ending the demo users'
// other sessions would sign out the other tests.

/** A new lead with a password of their own, made by the admin through an invite. */
async function freshUser(browser: Browser, label: string): Promise<Credentials> {
	const admin = await browser.newContext({ storageState: sessionFile('admin') });
	const user = await createUserAsAdmin(await admin.newPage(), {
		role: 'lead',
		method: 'invite',
		label
	});
	await admin.close();
	const password = `account page ${label} passphrase`;
	const api = await newApiContext();
	const accepted = await api.post(new URL(user.inviteUrl!).pathname, {
		form: { password, confirm: password }
	});
	expect(accepted.status()).toBe(303);
	await api.dispose();
	return { email: user.email, password };
}

async function signedIn(browser: Browser, who: Credentials): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, who);
	return page;
}

async function createToken(page: Page, name: string, expires: string) {
	await page.goto('/account');
	await page.getByLabel('New token name').fill(name);
	await page.getByLabel('Expires', { exact: true }).selectOption({ label: expires });
	await page.getByRole('button', { name: 'Create token' }).click();
	await expect(page.getByRole('status').first()).toContainText(`Token “${name}” created`);
	return page.getByTestId('new-token').inputValue();
}

test.describe('API tokens on My account', () => {
	test.use({ storageState: sessionFile('lead') });

	test('a token made with an expiry is listed with it, never used, until a script uses it', async ({
		page
	}) => {
		const name = `expiring ${Date.now()}`;
		const token = await createToken(page, name, 'In 7 days');
		expect(token).toMatch(/^hw_[a-z2-7]{32}$/);
		const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
		await expect(page.getByRole('status').first()).toContainText(`expiring ${inAWeek}`);

		await page.goto('/account');
		const row = page.getByRole('row', { name });
		await expect(row).toContainText(inAWeek);
		await expect(row).toContainText('never used');
		await expect(row).toContainText('active');

		const api = await newApiContext();
		const me = await api.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
		expect(me.status()).toBe(200);
		await api.dispose();

		await page.reload();
		const today = new Date().toISOString().slice(0, 10);
		await expect(row).not.toContainText('never used');
		await expect(row.getByRole('cell').nth(3)).toContainText(today);
	});

	test('a token without an expiry says so plainly, and an expiry date too far ahead is refused', async ({
		page
	}) => {
		const name = `forever ${Date.now()}`;
		await createToken(page, name, 'Never');
		await expect(page.getByRole('status').first()).toContainText('with no expiry');
		await expect(page.getByRole('row', { name }).getByRole('cell').nth(2)).toHaveText('never');

		// The date field's bounds stop the browser; a post that goes around them is refused too.
		await expect(page.getByLabel(/Expiry date/)).toHaveAttribute('max', /^\d{4}-\d{2}-\d{2}$/);
		const tooFar = await page.request.post('/account?/createToken', {
			form: { name: 'too far', expires: 'date', expiresOn: '2099-01-01' },
			headers: { Origin: new URL(page.url()).origin, Accept: 'text/html' }
		});
		expect(tooFar.status()).toBe(400);
		expect(await tooFar.text()).toContain('Pick a date from tomorrow to 730 days ahead');
		await page.goto('/account');
		await expect(page.getByRole('row', { name: 'too far' })).toHaveCount(0);
	});

	test('the new token is copied with one click and the page says so', async ({ page, context }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const token = await createToken(page, `copied ${Date.now()}`, 'In 30 days');
		await page.getByRole('button', { name: 'Copy' }).click();
		await expect(page.getByText('Copied', { exact: true })).toBeVisible();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
	});

	test('without JavaScript the new token is a read-only field to select, with no copy button', async ({
		browser
	}) => {
		const context = await browser.newContext({
			storageState: sessionFile('lead'),
			javaScriptEnabled: false
		});
		const page = await context.newPage();
		const token = await createToken(page, `no js ${Date.now()}`, 'In 90 days');
		expect(token).toMatch(/^hw_[a-z2-7]{32}$/);
		await expect(page.getByTestId('new-token')).toHaveAttribute('readonly', '');
		await expect(page.getByRole('button', { name: 'Copy' })).toHaveCount(0);
		await context.close();
	});
});

test.describe('sessions on My account', () => {
	test('lists each session by browser and system, marks this one, and ends all the others', async ({
		browser
	}) => {
		test.slow(); // an admin, an invite and two sign-ins before the test proper
		const who = await freshUser(browser, 'sessions');
		const laptop = await signedIn(browser, who);
		const phone = await signedIn(browser, who);

		await laptop.goto('/account');
		const sessions = laptop.getByTestId('session');
		await expect(sessions).toHaveCount(2);
		await expect(sessions.first()).toContainText(/Chrome \d+ on Linux/);
		await expect(sessions.filter({ hasText: 'this session' })).toHaveCount(1);

		await laptop.getByRole('button', { name: 'End all other sessions' }).click();
		await expect(laptop.getByRole('status')).toHaveText('Ended 1 other session.');
		await expect(sessions).toHaveCount(1);
		await expect(sessions).toContainText('this session');
		await expect(laptop.getByRole('button', { name: 'End all other sessions' })).toHaveCount(0);

		await phone.goto('/account');
		await expect(phone).toHaveURL(/\/login/);
		await laptop.goto('/account');
		await expect(laptop.getByRole('heading', { level: 1 })).toHaveText('My account');
		await Promise.all([laptop.context().close(), phone.context().close()]);
	});

	test('another user’s session or token cannot be ended with a forged id', async ({ browser }) => {
		test.slow();
		const a = await signedIn(browser, await freshUser(browser, 'forger'));
		const b = await signedIn(browser, await freshUser(browser, 'victim'));
		const bToken = await createToken(b, `victim ${Date.now()}`, 'In 30 days');
		await b.goto('/account');
		const bSessionId = await b.locator('form[action="?/endSession"] input[name=id]').inputValue();
		const bTokenId = await b.locator('form[action="?/revokeToken"] input[name=id]').inputValue();

		for (const [action, id] of [
			['endSession', bSessionId],
			['revokeToken', bTokenId]
		]) {
			const forged = await a.request.post(`/account?/${action}`, {
				form: { id },
				headers: { Origin: new URL(a.url()).origin, Accept: 'text/html' },
				maxRedirects: 0
			});
			expect(forged.status(), action).toBe(404);
		}
		await a.goto('/account');
		await expect(a.getByRole('row', { name: /victim/ })).toHaveCount(0);

		await b.goto('/account');
		await expect(b.getByRole('heading', { level: 1 })).toHaveText('My account');
		const api = await newApiContext();
		const me = await api.get('/api/v1/me', { headers: { Authorization: `Bearer ${bToken}` } });
		expect(me.status()).toBe(200);
		await api.dispose();
		await Promise.all([a.context().close(), b.context().close()]);
	});
});

test.describe('My account on a phone', () => {
	test.use({ storageState: sessionFile('lead'), viewport: { width: 390, height: 844 } });

	test('does not scroll sideways and has no serious accessibility faults', async ({ page }) => {
		await createToken(page, `phone ${Date.now()}`, 'In 7 days');
		await page.goto('/account');
		const widths = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			inner: window.innerWidth
		}));
		expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
		const { violations } = await new AxeBuilder({ page }).analyze();
		const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
	});
});
