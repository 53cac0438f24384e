import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
	accessRules,
	discoverRouteIds,
	placeholderValues,
	resolveSample,
	type Outcome,
	type Probe,
	type SampleValues,
	type Visitor
} from './access-rules';
import {
	loginRequest,
	newApiContext,
	ORIGIN,
	roles,
	sessionFile,
	uniqueEmail,
	type Role
} from './helpers';

const visitors: Visitor[] = ['anonymous', ...roles];
const routesDir = path.resolve(import.meta.dirname, '../../src/routes');

test('every route under src/routes has an access rule, and every rule a route', () => {
	const routeIds = discoverRouteIds(routesDir);
	const ruled = Object.keys(accessRules);
	expect(routeIds.length, 'no routes found: is the routes folder right?').toBeGreaterThan(0);
	const unruled = routeIds.filter((id) => !ruled.includes(id));
	const orphaned = ruled.filter((id) => !routeIds.includes(id));
	expect(
		unruled,
		`routes with no rule in tests/e2e/access-rules.ts: ${unruled.join(', ')}`
	).toEqual([]);
	expect(
		orphaned,
		`rules in tests/e2e/access-rules.ts for routes that no longer exist: ${orphaned.join(', ')}`
	).toEqual([]);
});

test.describe('each route answers each role as its rule says', () => {
	const contexts = new Map<Visitor, APIRequestContext>();
	let values: SampleValues;

	test.beforeAll(async () => {
		contexts.set('anonymous', await newApiContext());
		for (const role of roles) contexts.set(role, await newApiContext(sessionFile(role)));
		const me = await contexts.get('trainee')!.get('/api/v1/me');
		expect(me.status()).toBe(200);
		values = {
			traineeId: (await me.json()).user.id,
			customScenarioId: await uploadCustomScenario(contexts.get('lead')!),
			...(await demoPlanIds(contexts.get('lead')!))
		};
	});

	test.afterAll(async () => {
		for (const api of contexts.values()) await api.dispose();
	});

	for (const [routeId, rule] of Object.entries(accessRules)) {
		for (const probe of rule.probes) {
			const shown = resolveSample(probe.path ?? rule.sample, placeholderValues);
			test(`${probe.method} ${shown} answers every visitor as declared for ${routeId}`, async () => {
				const url = resolveSample(probe.path ?? rule.sample, values);
				for (const visitor of visitors) {
					const actual = probe.endsSession
						? await withOwnSession(visitor, (api) => send(api, probe, url))
						: await send(contexts.get(visitor)!, probe, url);
					expect.soft(actual, `${visitor}: ${probe.method} ${url}`).toBe(probe.expect[visitor]);
				}
			});
		}
	}
});

test.describe('a refused action changes nothing', () => {
	for (const role of ['lead', 'trainee', 'auditor'] as const) {
		test(`${role === 'auditor' ? 'an' : 'a'} ${role} posting the add-user form gets 403 and no user is created`, async () => {
			const api = await newApiContext(sessionFile(role));
			const email = uniqueEmail(`forged-by-${role}`);
			const response = await api.post('/admin/users/new', {
				form: { email, displayName: 'Forged', role: 'admin', method: 'password' }
			});
			expect(response.status()).toBe(403);
			expect(await response.text()).not.toContain(email);
			await api.dispose();
			await expectNoUser(email);
		});
	}

	test('the admin posting the add-user form from another origin gets 403 and no user is created', async () => {
		const api = await newApiContext(sessionFile('admin'));
		const email = uniqueEmail('cross-site');
		const response = await api.post('/admin/users/new', {
			headers: { Origin: 'http://evil.example' },
			form: { email, displayName: 'Cross site', role: 'admin', method: 'password' }
		});
		expect(response.status()).toBe(403);
		await api.dispose();
		await expectNoUser(email);
	});
});

async function expectNoUser(email: string) {
	const admin = await newApiContext(sessionFile('admin'));
	const list = await admin.get('/admin/users');
	expect(list.status()).toBe(200);
	const html = await list.text();
	expect(html, 'the users page lists the demo admin').toContain('admin@hotwash.example');
	expect(html).not.toContain(email);
	await admin.dispose();
}

async function send(api: APIRequestContext, probe: Probe, url: string): Promise<string> {
	const response =
		probe.method === 'GET' ? await api.get(url) : await api.post(url, { form: probe.form ?? {} });
	return classify(response, probe, url);
}

/** A fresh login (or none, for anonymous) for a request that ends its session. */
async function withOwnSession<T>(
	visitor: Visitor,
	use: (api: APIRequestContext) => Promise<T>
): Promise<T> {
	const api = await newApiContext();
	try {
		if (visitor !== 'anonymous') await loginRequest(api, visitor as Role);
		return await use(api);
	} finally {
		await api.dispose();
	}
}

/** Names what the server did, in the words of the rules, or describes it when it is none. */
async function classify(
	response: APIResponse,
	probe: Probe,
	url: string
): Promise<Outcome | string> {
	const status = response.status();
	if (status === 302 || status === 303) {
		const location = new URL(response.headers()['location'] ?? '', ORIGIN);
		if (location.origin !== ORIGIN) return `redirect off-site to ${location}`;
		if (location.pathname === '/') return 'home';
		if (location.pathname === '/login') {
			// A page sends the visitor back to where they wanted to go after logging in.
			const next = location.searchParams.get('next');
			if (probe.method === 'GET' && next !== url) return `login with next=${next}`;
			return 'login';
		}
		return 'redirect';
	}
	if (url.startsWith('/api/') && status >= 400) {
		const body = await response.json().catch(() => null);
		if (typeof body?.error?.code !== 'string') return `${status} without the JSON error shape`;
	}
	const names: Record<number, Outcome> = {
		200: 'ok',
		400: 'invalid',
		401: 'unauthorized',
		403: 'forbidden',
		404: 'not_found',
		405: 'method_not_allowed',
		409: 'conflict',
		422: 'unprocessable'
	};
	return names[status] ?? `status ${status}`;
}

/** The demo plan's versions, found through the API as a lead sees them. */
async function demoPlanIds(lead: APIRequestContext) {
	const plans = await (await lead.get('/api/v1/plans')).json();
	const plan = plans.plans.find((p: { title: string }) => p.title === 'Incident Response Plan');
	expect(plan, 'the demo data has the Incident Response Plan').toBeTruthy();
	const { versions } = await (await lead.get(`/api/v1/plans/${plan.id}/versions`)).json();
	const id = (status: string) => versions.find((v: { status: string }) => v.status === status)?.id;
	return {
		planId: plan.id,
		approvedId: id('approved'),
		supersededId: id('superseded'),
		draftId: id('draft')
	};
}

/** A custom scenario, uploaded as the lead, so the rules can probe its pages. */
async function uploadCustomScenario(lead: APIRequestContext): Promise<string> {
	const id = 'e2e-access-custom';
	const yaml = fs
		.readFileSync(path.resolve(import.meta.dirname, '../fixtures/scenarios/valid.yaml'), 'utf8')
		.replace('id: fixture-valid', `id: ${id}`);
	const res = await lead.post('/api/v1/scenarios', {
		data: yaml,
		headers: { 'content-type': 'application/yaml' }
	});
	expect([200, 201], await res.text()).toContain(res.status());
	return id;
}
