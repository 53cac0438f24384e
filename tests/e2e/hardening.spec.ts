import { expect, test, type APIResponse } from '@playwright/test';
import { bearerContext, newApiContext, ORIGIN, sessionFile } from './helpers';

// Input an attacker or a careless client sends: each gets a clear 4xx in the right shape,
// and nothing stored changes.

const BASELINE = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'cross-origin-opener-policy': 'same-origin'
};

function expectSecurityHeaders(response: APIResponse, what: string) {
	const headers = response.headers();
	for (const [name, value] of Object.entries(BASELINE))
		expect(headers[name], `${name} on ${what}`).toBe(value);
	expect(headers['content-security-policy'], `CSP on ${what}`).toContain("frame-ancestors 'none'");
}

test('static assets, error pages and the adapter’s own errors carry the security headers', async () => {
	const api = await newApiContext();
	const home = await (await newApiContext(sessionFile('lead'))).get('/');
	const asset = /\/_app\/immutable\/[^"]+\.js/.exec(await home.text())?.[0];
	expect(asset, 'the dashboard loads a script').toBeTruthy();
	expectSecurityHeaders(await api.get(asset!), 'a script');
	expectSecurityHeaders(await api.get('/favicon.svg'), 'the favicon');
	expectSecurityHeaders(await api.get('/no-such-page'), 'a 404 page');
	const tooBig = await api.post('/login', {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: `email=${'a'.repeat(600_000)}`
	});
	expect(tooBig.status()).toBe(413);
	expectSecurityHeaders(tooBig, 'a body over the limit');
});

test('addresses with NUL or broken Unicode are refused with 400, in JSON on the API', async () => {
	const lead = await newApiContext(sessionFile('lead'));
	expect((await lead.get('/plans/%00')).status()).toBe(400);
	expect((await lead.get('/scenarios/%ED%A0%80')).status()).toBe(400);
	const api = await lead.get('/api/v1/scenarios/%00');
	expect(api.status()).toBe(400);
	expect((await api.json()).error.code).toBe('bad_request');
});

test('a version number beyond range is “no such version”, not a 500', async () => {
	const api = await bearerContext('lead');
	const res = await api.get('/api/v1/scenarios/bec-wire-fraud?version=1e20');
	expect(res.status()).toBe(404);
	expect((await res.json()).error.code).toBe('not_found');
	await api.dispose();
});

test('the API answers bodies it cannot take with 413, 415 or 400 in JSON, and stores nothing', async () => {
	const api = await bearerContext('lead');
	const { plans } = await (await api.get('/api/v1/plans')).json();
	const plan = plans.find((p: { title: string }) => p.title === 'Incident Response Plan');
	const draftUrl = `/api/v1/plans/${plan.id}/versions/${plan.draft.id}`;
	const before = await (await api.get(draftUrl)).json();

	const huge = await api.put(draftUrl, {
		headers: { 'content-type': 'application/json' },
		data: JSON.stringify({ revision: before.version.revision, junk: 'x'.repeat(700_000) })
	});
	expect(huge.status()).toBe(413);
	expect((await huge.json()).error.code).toBe('payload_too_large');

	const form = await api.post(`/api/v1/plans/${plan.id}/versions/${plan.draft.id}/submit`, {
		form: { number: '9.9', changeSummary: 'sent as a form' }
	});
	expect(form.status()).toBe(415);
	expect((await form.json()).error.code).toBe('unsupported_media_type');

	const yamlAsJson = await api.put(draftUrl, {
		headers: { 'content-type': 'text/plain' },
		data: JSON.stringify({ revision: before.version.revision })
	});
	expect(yamlAsJson.status()).toBe(415);

	const content = {
		sections: before.sections.map(
			(s: { key: string; title: string; level: number; body: string }) => ({
				key: s.key,
				title: s.title,
				level: s.level,
				body: s.body
			})
		),
		severityScale: before.severityScale,
		matrix: before.matrix
	};
	for (const poison of ['NUL \u0000 here', 'lone \ud800 surrogate']) {
		content.sections[0].body = poison;
		const res = await api.put(draftUrl, {
			headers: { 'content-type': 'application/json' },
			data: JSON.stringify({ revision: before.version.revision, content })
		});
		expect(res.status(), JSON.stringify(poison)).toBe(400);
		const body = await res.json();
		expect(body.error.code).toBe('bad_request');
		expect(body.error.message).toContain('content.sections[0].body');
	}
	const after = await (await api.get(draftUrl)).json();
	expect(after.version.revision).toBe(before.version.revision);
	expect(after.sections[0].body).toBe(before.sections[0].body);
	await api.dispose();
});

test('a form field with a NUL comes back as an error on that field and changes nothing', async () => {
	const lead = await newApiContext(sessionFile('lead'));
	const res = await lead.post('/scenarios/new?/validate', { form: { yaml: 'id: x\u0000' } });
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('cannot be stored');
	await lead.dispose();
});

test('an unclosed <textarea> in a section does not hide the rest of it in the preview', async () => {
	const lead = await newApiContext(sessionFile('lead'));
	const { plans } = await (await lead.get('/api/v1/plans')).json();
	const plan = plans.find((p: { title: string }) => p.title === 'Incident Response Plan');
	const draft = await (await lead.get(`/api/v1/plans/${plan.id}/versions/${plan.draft.id}`)).json();
	const res = await lead.post(
		`/plans/${plan.id}/versions/${plan.draft.id}/edit/${draft.sections[0].key}?/preview`,
		{
			form: {
				revision: String(draft.version.revision),
				title: 'Preview check',
				level: '1',
				body: 'First line.\n\n<textarea>\n\n## After the tag\n\nStill **visible**.'
			}
		}
	);
	expect(res.status()).toBe(200);
	const html = await res.text();
	expect(html).toContain('<h2>After the tag</h2>');
	expect(html).toContain('<strong>visible</strong>');
	await lead.dispose();
});

test('a cross-site form post to a page is refused before it runs', async () => {
	const admin = await newApiContext(sessionFile('admin'));
	const res = await admin.post('/account?/createToken', {
		headers: { Origin: 'http://evil.example' },
		form: { name: 'cross-site token' }
	});
	expect(res.status()).toBe(403);
	const page = await (await admin.get('/account')).text();
	expect(page).not.toContain('cross-site token');
	expect(ORIGIN).toMatch(/^http:\/\/localhost:/);
	await admin.dispose();
});
