import { expect, test, type Page } from '@playwright/test';
import {
	createUserAsAdmin,
	demoLogin,
	login,
	navLabels,
	newApiContext,
	sessionFile,
	uniqueEmail,
	type Role
} from './helpers';

// Failed logins are counted per client address too (20 per 15 minutes, then every login
// from here is refused), so this file keeps its wrong passwords few: 1 + 5 + 1.

const article = (role: Role) => (/^[aeiou]/.test(role) ? 'an' : 'a');

const expectedNav: Record<Role, string[]> = {
	admin: [
		'Dashboard',
		'Plans',
		'Scenarios',
		'Drills',
		'Calendar',
		'My practice',
		'Assigned practice',
		'Programme',
		'Improvement plan',
		'My actions',
		'Reports',
		'Users',
		'Audit trail',
		'My account'
	],
	lead: [
		'Dashboard',
		'Plans',
		'Scenarios',
		'Drills',
		'Calendar',
		'My practice',
		'Assigned practice',
		'Programme',
		'Improvement plan',
		'My actions',
		'Reports',
		'My account'
	],
	trainee: [
		'Dashboard',
		'Plans',
		'Scenarios',
		'Drills',
		'Calendar',
		'My practice',
		'My actions',
		'My account'
	],
	auditor: [
		'Dashboard',
		'Plans',
		'Scenarios',
		'Drills',
		'Calendar',
		'Programme',
		'Improvement plan',
		'Reports',
		'Audit trail',
		'My account'
	]
};

for (const [role, labels] of Object.entries(expectedNav) as [Role, string[]][]) {
	test(`the ${role} logs in and sees exactly the sections ${article(role)} ${role} may use`, async ({
		page
	}) => {
		await login(page, role);
		await expect(page).toHaveURL('/');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
		expect(await navLabels(page)).toEqual(labels);
	});
}

test.describe('as the auditor', () => {
	test.use({ storageState: sessionFile('auditor') });

	test('the auditor typing /admin/users sees a 403 page saying "Not allowed"', async ({ page }) => {
		const response = await page.goto('/admin/users');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
		await expect(page.getByRole('table')).toHaveCount(0);
		await expect(page.getByText('admin@hotwash.example')).toHaveCount(0);
	});
});

test('a wrong password shows "The email or password is not correct." and signs nobody in', async ({
	page,
	context
}) => {
	await page.goto('/login');
	await page.getByLabel('Email').fill(demoLogin('lead').email);
	await page.getByLabel('Password').fill('not the password at all');
	await page.getByRole('button', { name: 'Log in' }).click();

	await expect(page.getByRole('alert')).toHaveText('The email or password is not correct.');
	await expect(page).toHaveURL('/login');
	await expect(page.getByLabel('Email')).toHaveValue(demoLogin('lead').email);
	await expect(page.getByLabel('Password')).toHaveValue('');
	expect(await sessionCookies(page)).toEqual([]);

	await page.goto('/');
	await expect(page).toHaveURL(/\/login\?next=%2F$/);
	expect(await context.cookies()).not.toContainEqual(
		expect.objectContaining({ name: 'hotwash_session' })
	);
});

test('logging out returns to /login and the old session cookie no longer opens the dashboard', async ({
	page
}) => {
	await login(page, 'trainee');
	const [cookie] = await sessionCookies(page);
	expect(cookie?.value).toBeTruthy();

	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(page).toHaveURL('/login');
	await expect(page.getByRole('heading', { name: 'Log in to Hotwash' })).toBeVisible();

	// Replaying the old cookie, as someone who copied it would.
	const replay = await newApiContext();
	const response = await replay.get('/', {
		headers: { Cookie: `${cookie.name}=${cookie.value}` }
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toMatch(/^\/login/);
	await replay.dispose();
});

test('six wrong passwords for one address get 429 with Retry-After and "Too many failed attempts"', async ({
	page
}) => {
	const email = uniqueEmail('nobody');
	const attempt = async () => {
		await page.goto('/login');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill('guess-number-something');
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login')),
			page.getByRole('button', { name: 'Log in' }).click()
		]);
		return response;
	};

	for (let i = 1; i <= 5; i++) {
		const response = await attempt();
		expect(response.status(), `attempt ${i}`).toBe(400);
		await expect(page.getByRole('alert')).toHaveText('The email or password is not correct.');
	}
	const sixth = await attempt();
	expect(sixth.status()).toBe(429);
	const retryAfter = Number(sixth.headers()['retry-after']);
	expect(retryAfter).toBeGreaterThan(0);
	expect(retryAfter).toBeLessThanOrEqual(15 * 60);
	await expect(page.getByRole('alert')).toContainText('Too many failed attempts. Try again in');
});

test('disabling a user ends the session they already have, and they cannot log back in', async ({
	browser,
	page
}) => {
	await login(page, 'admin');
	const user = await createUserAsAdmin(page, { role: 'lead', method: 'invite', label: 'leaver' });
	const password = 'correct horse leaves the building';

	const theirs = await browser.newContext();
	const theirPage = await theirs.newPage();
	await theirPage.goto(user.inviteUrl!);
	await theirPage.getByLabel('Password', { exact: true }).fill(password);
	await theirPage.getByLabel('Password again').fill(password);
	await theirPage.getByRole('button', { name: 'Set password' }).click();
	await login(theirPage, { email: user.email, password });
	await expect(theirPage.getByRole('heading', { level: 1 })).toContainText('Welcome');

	await page.goto(`/admin/users/${user.id}`);
	await page.getByRole('button', { name: 'Disable user' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'User disabled; their sessions and tokens have ended.'
	);
	await expect(page.getByRole('button', { name: 'Enable user' })).toBeVisible();

	await theirPage.goto('/account');
	await expect(theirPage).toHaveURL(/\/login/);
	expect(await sessionCookies(theirPage)).toEqual([]);

	await theirPage.getByLabel('Email').fill(user.email);
	await theirPage.getByLabel('Password').fill(password);
	await theirPage.getByRole('button', { name: 'Log in' }).click();
	await expect(theirPage.getByRole('alert')).toHaveText('The email or password is not correct.');
	await theirs.close();
});

function sessionCookies(page: Page) {
	return page
		.context()
		.cookies()
		.then((all) => all.filter((c) => c.name === 'hotwash_session'));
}
