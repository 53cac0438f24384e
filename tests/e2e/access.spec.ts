import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
	accessRules,
	discoverEndpoints,
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
import { drillSamples } from './drill-fixture';
import { incidentSample } from './incident-fixture';
import { lessonSamples } from './lessons-fixture';
import { assignmentSamples } from './assignments-fixture';
import { asyncSamples } from './async-fixture';
import { calendarSamples } from './calendar-fixture';
import { seriesSamples } from './series-fixture';
import { planWithHistory } from './plan-fixture';

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

test('every form action and every API method has a probe for every visitor', () => {
	const missing: string[] = [];
	for (const { routeId, kind, name } of discoverEndpoints(routesDir)) {
		const rule = accessRules[routeId];
		if (!rule) continue; // the test above names routes without a rule
		const covered = rule.probes.some((probe) => {
			const target = resolveSample(probe.path ?? rule.sample, placeholderValues);
			if (kind === 'method') return probe.method === name;
			if (probe.method !== 'POST') return false;
			const action = /\?\/([A-Za-z]+)/.exec(target)?.[1] ?? 'default';
			return action === name;
		});
		if (!covered) missing.push(kind === 'method' ? `${name} ${routeId}` : `${routeId} ?/${name}`);
	}
	expect(missing, `add probes to tests/e2e/access-rules.ts for: ${missing.join(', ')}`).toEqual([]);
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
			// A plan of the test's own: other spec files change the demo plan.
			...(await planWithHistory(`Access test plan ${Date.now()}`)),
			drillId: '',
			endedDrillId: '',
			privateDrillId: '',
			findingId: '',
			actionId: '',
			othersActionId: '',
			incidentId: '',
			assignmentId: '',
			othersAssignmentId: '',
			cancelledAssignmentId: '',
			asyncDrillId: '',
			feedToken: '',
			seriesId: ''
		};
		Object.assign(values, await drillSamples(values.approvedId));
		Object.assign(values, await incidentSample(values.planId, values.approvedId));
		Object.assign(values, await lessonSamples(values.endedDrillId));
		Object.assign(values, await assignmentSamples());
		Object.assign(values, await asyncSamples(values.approvedId));
		Object.assign(values, await calendarSamples());
		Object.assign(values, await seriesSamples(values.approvedId));
	});

	test.afterAll(async () => {
		for (const api of contexts.values()) await api.dispose();
	});

	for (const [routeId, rule] of Object.entries(accessRules)) {
		rule.probes.forEach((probe, i) => {
			const shown = resolveSample(probe.path ?? rule.sample, placeholderValues);
			const body = probe.json ? ' (JSON)' : probe.form ? ' (form)' : '';
			test(`${probe.method} ${shown}${body} answers every visitor as declared for ${routeId} [${i + 1}]`, async () => {
				const url = resolveSample(probe.path ?? rule.sample, values);
				for (const visitor of visitors) {
					const actual = probe.endsSession
						? await withOwnSession(visitor, (api) => send(api, probe, url))
						: await send(contexts.get(visitor)!, probe, url);
					expect.soft(actual, `${visitor}: ${probe.method} ${url}`).toBe(probe.expect[visitor]);
				}
			});
		});
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
	if (probe.stream) return openStream(api, url);
	const response = await api.fetch(url, {
		method: probe.method,
		...(probe.json !== undefined
			? { data: probe.json, headers: { 'content-type': 'application/json' } }
			: probe.method === 'GET' || (url.startsWith('/api/') && !probe.form)
				? {}
				: { form: probe.form ?? {} })
	});
	return classify(response, probe, url);
}

/**
 * An event stream never ends by itself: read the status and content type, then hang up.
 * The cookies of the visitor's context go along, as a browser's EventSource would send them.
 */
async function openStream(api: APIRequestContext, url: string): Promise<string> {
	const { cookies } = await api.storageState();
	const abort = new AbortController();
	const response = await fetch(new URL(url, ORIGIN), {
		headers: {
			accept: 'text/event-stream',
			cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ')
		},
		redirect: 'manual',
		signal: abort.signal
	});
	abort.abort();
	if (response.status === 200)
		return response.headers.get('content-type')?.startsWith('text/event-stream')
			? 'ok'
			: 'status 200 without text/event-stream';
	const names: Record<number, Outcome> = {
		401: 'unauthorized',
		403: 'forbidden',
		404: 'not_found'
	};
	if (response.status === 303 || response.status === 302) return 'login';
	return names[response.status] ?? `status ${response.status}`;
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
		413: 'too_large',
		415: 'unsupported_media_type',
		422: 'unprocessable'
	};
	return names[status] ?? `status ${status}`;
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
