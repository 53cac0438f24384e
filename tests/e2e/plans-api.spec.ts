import { expect, test, type APIRequestContext } from '@playwright/test';
import { bearerContext } from './helpers';

// The plan API as a script would use it, with a personal token.

const bearer = bearerContext;

async function demoPlan(api: APIRequestContext) {
	const { plans } = await (await api.get('/api/v1/plans')).json();
	return plans.find((p: { title: string }) => p.title === 'Incident Response Plan');
}

test('a lead reads a version with its section keys, severity scale and matrix', async () => {
	const api = await bearer('lead');
	const plan = await demoPlan(api);
	const res = await api.get(`/api/v1/plans/${plan.id}/versions/${plan.approved.id}`);
	expect(res.status()).toBe(200);
	const body = await res.json();
	expect(body.version).toMatchObject({ number: plan.approved.number, status: 'approved' });
	expect(body.version.approval.approvedBy).toBe('Alex Admin');
	expect(body.sections.map((s: { key: string }) => s.key)).toContain('escalation');
	expect(body.severityScale.map((l: { id: string }) => l.id)).toEqual([
		'SEV1',
		'SEV2',
		'SEV3',
		'SEV4'
	]);
	expect(body.matrix.length).toBeGreaterThanOrEqual(12);
	await api.dispose();
});

test('a draft saved on a stale revision gets 409 and the newer text stands', async () => {
	const api = await bearer('lead');
	const plan = await demoPlan(api);
	const url = `/api/v1/plans/${plan.id}/versions/${plan.draft.id}`;
	const draft = await (await api.get(url)).json();
	const content = {
		sections: draft.sections.map(({ number: _n, ...s }: { number: string }) => s),
		severityScale: draft.severityScale,
		matrix: draft.matrix
	};
	const first = await api.put(url, { data: { revision: draft.version.revision, content } });
	expect(first.status()).toBe(200);
	const stale = await api.put(url, { data: { revision: draft.version.revision, content } });
	expect(stale.status()).toBe(409);
	expect((await stale.json()).error.code).toBe('conflict');
	await api.dispose();
});

test('invalid content is refused with the field that is wrong', async () => {
	const api = await bearer('lead');
	const plan = await demoPlan(api);
	const url = `/api/v1/plans/${plan.id}/versions/${plan.draft.id}`;
	const draft = await (await api.get(url)).json();
	const matrix = structuredClone(draft.matrix);
	matrix[0].notifications.SEV1 = {
		notify: true,
		stages: [
			{
				name: 'Notify',
				deadlines: [{ within: { amount: -5, unit: 'hours' }, anchor: 'awareness' }]
			}
		]
	};
	const res = await api.put(url, {
		data: {
			revision: draft.version.revision,
			content: { sections: [], severityScale: draft.severityScale, matrix }
		}
	});
	expect(res.status()).toBe(422);
	expect((await res.json()).error.message).toMatch(
		/^content\.matrix\.0\.notifications\.SEV1\.stages\.0\.deadlines\.0\.within\.amount: Use a positive duration\./
	);
	await api.dispose();
});

test('approval cannot be done with a token, and an auditor cannot write', async () => {
	const lead = await bearer('lead');
	const plan = await demoPlan(lead);
	const approve = await lead.post(`/api/v1/plans/${plan.id}/versions/${plan.draft.id}/approve`, {
		data: {}
	});
	expect(approve.status()).toBe(404);
	await lead.dispose();

	const auditor = await bearer('auditor');
	const res = await auditor.post(`/api/v1/plans/${plan.id}/versions`, { data: {} });
	expect(res.status()).toBe(403);
	expect((await res.json()).error.code).toBe('forbidden');
	const diff = await auditor.get(
		`/api/v1/plans/${plan.id}/diff?from=${plan.approved.id}&to=${plan.draft.id}`
	);
	expect(diff.status()).toBe(200);
	expect((await diff.json()).diff.sections.length).toBeGreaterThan(20);
	await auditor.dispose();
});

test('a trainee’s token sees the plan in force but no draft', async () => {
	const api = await bearer('trainee');
	const plan = await demoPlan(api);
	expect(plan.draft).toBeNull();
	const lead = await bearer('lead');
	const draftId = (await demoPlan(lead)).draft.id;
	await lead.dispose();
	const res = await api.get(`/api/v1/plans/${plan.id}/versions/${draftId}`);
	expect(res.status()).toBe(404);
	await api.dispose();
});
