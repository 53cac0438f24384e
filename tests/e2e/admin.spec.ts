import { expect, test, type Browser } from '@playwright/test';
import {
	createUserAsAdmin,
	demoLogin,
	login,
	navLabels,
	newApiContext,
	ORIGIN,
	sessionFile,
	type CreatedUser
} from './helpers';

test.use({ storageState: sessionFile('admin') });

// Contexts opened by hand would otherwise start with the admin's cookies too.
const signedOut = { cookies: [], origins: [] };

/** Sets a password through the invite link in a browser of the invited person's own. */
async function acceptInvite(browser: Browser, user: CreatedUser, password: string) {
	const context = await browser.newContext({ storageState: signedOut });
	const page = await context.newPage();
	await page.goto(user.inviteUrl!);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByLabel('Password again').fill(password);
	await page.getByRole('button', { name: 'Set password' }).click();
	await expect(page).toHaveURL('/login?welcome=1');
	return { context, page };
}

test('a user created with a one-time password must choose their own before anything else', async ({
	page,
	browser
}) => {
	const user = await createUserAsAdmin(page, { role: 'trainee', method: 'password' });
	expect(user.oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
	expect(user.inviteUrl).toBeNull();

	const theirs = await browser.newContext({ storageState: signedOut });
	const theirPage = await theirs.newPage();
	await login(theirPage, { email: user.email, password: user.oneTimePassword! });
	await expect(theirPage).toHaveURL('/account/password');
	await expect(theirPage.getByRole('status')).toContainText(
		'You signed in with a one-time password.'
	);

	// Every other page sends them back until they have chosen.
	await theirPage.goto('/');
	await expect(theirPage).toHaveURL('/account/password');

	const chosen = 'my own long passphrase 42';
	await theirPage.getByLabel('Current password').fill(user.oneTimePassword!);
	await theirPage.getByLabel('New password', { exact: true }).fill(chosen);
	await theirPage.getByLabel('New password again').fill(chosen);
	await theirPage.getByRole('button', { name: 'Change password' }).click();
	await expect(theirPage).toHaveURL('/account?changed=password');
	await expect(theirPage.getByRole('status')).toContainText('Password changed');

	await theirPage.goto('/');
	await expect(theirPage).toHaveURL('/');
	await expect(theirPage.getByRole('heading', { level: 1 })).toHaveText('Welcome, E2E trainee');
	await theirs.close();
});

test("a role change takes effect on the user's next request", async ({ page, browser }) => {
	const user = await createUserAsAdmin(page, { role: 'trainee', method: 'invite' });
	const password = 'promoted to audit duty';
	const { context, page: theirPage } = await acceptInvite(browser, user, password);
	await login(theirPage, { email: user.email, password });
	// auth.spec.ts checks each role's whole menu; here only what the change should move.
	expect(await navLabels(theirPage)).not.toContain('Audit trail');
	await expect(theirPage.getByTestId('role')).toHaveText('Trainee');
	expect((await theirPage.goto('/audit'))?.status()).toBe(403);

	await page.goto(`/admin/users/${user.id}`);
	await page.getByLabel('Role').selectOption('auditor');
	await page.getByRole('button', { name: 'Change role' }).click();
	await expect(page.getByRole('status')).toHaveText('Role changed.');

	await theirPage.goto('/');
	expect(await navLabels(theirPage)).toContain('Audit trail');
	await expect(theirPage.getByTestId('role')).toHaveText('Auditor');
	expect((await theirPage.goto('/audit'))?.status()).toBe(200);
	await context.close();
});

test('a user created with an invite link sets their password there and logs in', async ({
	page,
	browser
}) => {
	const user = await createUserAsAdmin(page, { role: 'lead', method: 'invite', label: 'invitee' });
	expect(user.oneTimePassword).toBeNull();
	expect(user.inviteUrl).toMatch(new RegExp(`^${ORIGIN}/invite/[a-z2-7]{32}$`));

	await page.goto('/admin/users');
	await expect(page.getByRole('row', { name: user.email })).toContainText('invited');

	const password = 'invited and here at last';
	const { context, page: theirPage } = await acceptInvite(browser, user, password);
	await login(theirPage, { email: user.email, password });
	await expect(theirPage).toHaveURL('/');
	await expect(theirPage.getByRole('heading', { level: 1 })).toHaveText('Welcome, E2E invitee');

	// The link worked once.
	const again = await theirPage.goto(user.inviteUrl!);
	expect(again?.status()).toBe(404);
	await expect(theirPage.getByText('This invite link is not valid any more.')).toBeVisible();
	await context.close();
});

test('the admin cannot disable their own account', async ({ page }) => {
	const adminId = await ownId();
	await page.goto(`/admin/users/${adminId}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alex Admin');
	await expect(page.getByText('This is your own account.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Disable user' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Change role' })).toHaveCount(0);

	// Nor by posting the form by hand.
	const api = await newApiContext(sessionFile('admin'));
	const response = await api.post(`/admin/users/${adminId}?/disable`, { form: {} });
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('You cannot disable your own account.');
	expect((await api.get('/api/v1/me')).status()).toBe(200);
	await api.dispose();
});

test('the audit trail records these actions and its chain verifies as intact', async ({
	browser
}) => {
	// A fresh login, so this test's own login.success is on the trail.
	const context = await browser.newContext({ storageState: signedOut });
	const page = await context.newPage();
	await login(page, 'admin');
	const user = await createUserAsAdmin(page, { role: 'auditor', method: 'invite' });

	await page.goto('/audit');
	const rows = page.getByRole('row');
	await expect(
		rows
			.filter({ hasText: `created the account of ${user.email}` })
			.filter({ has: page.locator(`a[href="/admin/users/${user.id}"]`) })
	).toHaveCount(1);
	await expect(
		rows
			.filter({ hasText: 'signed in' })
			.filter({ has: page.getByTitle(`Entries by ${demoLogin('admin').email}`) })
	).not.toHaveCount(0);

	await page.getByRole('button', { name: 'Verify the chain' }).click();
	const verdict = page.getByTestId('verification');
	await expect(verdict).toHaveText(
		/^chain intact, \d+ entries; (no reports made yet to anchor the trail|the heads of all \d+ reports are still in the trail)$/
	);
	const verified = Number((await verdict.innerText()).match(/(\d+) entries/)![1]);
	await expect(page.getByText(/^\d+ entries$/)).toHaveText(`${verified} entries`);
	expect(verified).toBeGreaterThan(10);
	await context.close();
});

async function ownId(): Promise<string> {
	const api = await newApiContext(sessionFile('admin'));
	const me = await (await api.get('/api/v1/me')).json();
	await api.dispose();
	return me.user.id;
}
