import fs from 'node:fs';
import path from 'node:path';
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import { roles, type Role } from '../../src/lib/permissions';

export { roles, type Role };

/** Must match baseURL in playwright.config.ts and ORIGIN in serve.js. */
export const ORIGIN = `http://localhost:${4173 + Number(process.env.E2E_SLOT ?? 0)}`;
const slot = process.env.E2E_SLOT ? `-${process.env.E2E_SLOT}` : '';

const root = path.resolve(import.meta.dirname, '../..');
const demoLoginsFile = path.join(root, `.tmp/e2e-data${slot}/demo-logins.txt`);

/** Where the sessions project keeps each demo role's signed-in cookies. */
export const sessionFile = (role: Role) => path.join(root, `.tmp/e2e-auth${slot}/${role}.json`);

export type Credentials = { email: string; password: string };

let logins: Record<Role, Credentials> | undefined;

/** The demo accounts the server wrote on first start: role, email, password per line. */
export function demoLogin(role: Role): Credentials {
	logins ??= readDemoLogins();
	return logins[role];
}

function readDemoLogins(): Record<Role, Credentials> {
	const found: Partial<Record<Role, Credentials>> = {};
	for (const line of fs.readFileSync(demoLoginsFile, 'utf8').split('\n')) {
		if (!line.trim() || line.startsWith('#')) continue;
		const [role, email, password] = line.trim().split(/\s+/);
		// The first login per role is the demo account of that role (more people follow it).
		if ((roles as readonly string[]).includes(role) && !found[role as Role])
			found[role as Role] = { email, password };
	}
	for (const role of roles) {
		if (!found[role]) throw new Error(`${demoLoginsFile} has no login for ${role}`);
	}
	return found as Record<Role, Credentials>;
}

/** A demo login by its email, e.g. the second trainee, Sam Analyst (sam@hotwash.example). */
export function demoLoginOf(email: string): Credentials {
	for (const line of fs.readFileSync(demoLoginsFile, 'utf8').split('\n')) {
		const [, address, password] = line.trim().split(/\s+/);
		if (!line.startsWith('#') && address === email) return { email, password };
	}
	throw new Error(`${demoLoginsFile} has no login for ${email}`);
}

/** A fresh address per call, so reruns and throttle counters never collide. */
export function uniqueEmail(label: string): string {
	return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@e2e.example`;
}

/** Logs in through the login form in the browser and waits to leave the login page. */
export async function login(page: Page, who: Role | Credentials): Promise<void> {
	const { email, password } = typeof who === 'string' ? demoLogin(who) : who;
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/**
 * A request context that posts forms the way a browser without JavaScript does: with our
 * Origin (SvelteKit refuses form posts without it) and asking for HTML (otherwise an action
 * answers in JSON). It never follows redirects, so tests see the status and Location.
 */
export function newApiContext(storageState?: string): Promise<APIRequestContext> {
	return request.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { Origin: ORIGIN, Accept: 'text/html' },
		maxRedirects: 0,
		storageState
	});
}

/** Posts the login form; the context then holds the session cookie. */
export async function loginRequest(api: APIRequestContext, who: Role | Credentials) {
	const { email, password } = typeof who === 'string' ? demoLogin(who) : who;
	const response = await api.post('/login', { form: { email, password } });
	expect(response.status(), `login of ${email}`).toBe(303);
	return response;
}

export type CreatedUser = {
	id: string;
	email: string;
	oneTimePassword: string | null;
	inviteUrl: string | null;
};

/** Creates a user through the admin's "Add a user" form; the page must be an admin's. */
export async function createUserAsAdmin(
	page: Page,
	options: { role: Role; method: 'password' | 'invite'; label?: string }
): Promise<CreatedUser> {
	const email = uniqueEmail(options.label ?? options.role);
	await page.goto('/admin/users/new');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Name').fill(`E2E ${options.label ?? options.role}`);
	await page.getByLabel('Role').selectOption(options.role);
	await page
		.getByLabel(
			options.method === 'password'
				? 'A one-time password I pass on to them'
				: 'An invite link where they set their own password'
		)
		.check();
	await page.getByRole('button', { name: 'Create user' }).click();
	const created = page.getByRole('status');
	await expect(created).toContainText(`User ${email} created.`);
	const href = await created.getByRole('link', { name: email }).getAttribute('href');
	const id = href?.split('/').pop() ?? '';
	const oneTime = page.getByTestId('one-time-password');
	const invite = page.getByTestId('invite-url');
	return {
		id,
		email,
		oneTimePassword: (await oneTime.count()) ? await oneTime.innerText() : null,
		inviteUrl: (await invite.count()) ? await invite.innerText() : null
	};
}

/** The labels of the main navigation, in order. */
export function navLabels(page: Page): Promise<string[]> {
	return page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link')
		.allInnerTexts()
		.then((labels) => labels.map((l) => l.trim()));
}

/** A personal API token of the demo role, created through its account page. */
export async function tokenFor(role: Role): Promise<string> {
	const api = await newApiContext(sessionFile(role));
	const page = await api.post('/account?/createToken', {
		form: { name: `e2e ${Date.now()} ${Math.random().toString(36).slice(2, 6)}` }
	});
	const html = await page.text();
	await api.dispose();
	const token = /hw_[a-z2-7]{32}/.exec(html)?.[0];
	expect(token, 'the account page shows the new token once').toBeTruthy();
	return token!;
}

/** A request context that acts as a script would: the role's bearer token, no cookies. */
export async function bearerContext(role: Role): Promise<APIRequestContext> {
	return request.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { Authorization: `Bearer ${await tokenFor(role)}` }
	});
}
