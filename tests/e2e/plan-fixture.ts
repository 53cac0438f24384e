import { expect, type APIRequestContext } from '@playwright/test';
import { demoLogin, newApiContext, sessionFile } from './helpers';

// A plan of a test's own, with a superseded, an approved and a draft version, so that what a
// test expects never depends on what other spec files did to the demo plan before it.

export type PlanHistory = {
	planId: string;
	supersededId: string;
	approvedId: string;
	draftId: string;
};

async function ok(response: Promise<import('@playwright/test').APIResponse>, what: string) {
	const r = await response;
	expect(
		r.status(),
		`${what}: ${r.status()} ${r.status() >= 400 ? await r.text() : ''}`
	).toBeLessThan(400);
	return r;
}

/** The lead writes and submits `number`; the admin (who did not write it) approves it. */
async function submitAndApprove(
	lead: APIRequestContext,
	admin: APIRequestContext,
	planId: string,
	versionId: string,
	number: string
) {
	const { version } = await (
		await ok(lead.get(`/api/v1/plans/${planId}/versions/${versionId}`), 'read draft')
	).json();
	await ok(
		lead.post(`/api/v1/plans/${planId}/versions/${versionId}/submit`, {
			data: { revision: version.revision, number, changeSummary: `Version ${number} for a test.` }
		}),
		`submit ${number}`
	);
	await ok(
		admin.post(`/plans/${planId}/versions/${versionId}?/approve`, {
			form: {
				password: demoLogin('admin').password,
				comment: 'Approved for a test.',
				effectiveDate: '2026-12-01'
			}
		}),
		`approve ${number}`
	);
}

async function openDraft(lead: APIRequestContext, planId: string): Promise<string> {
	const r = await ok(lead.post(`/api/v1/plans/${planId}/versions`, { data: {} }), 'open draft');
	return (await r.json()).id;
}

/** Creates the plan from the template as the demo lead, with versions 1.0 (superseded), 1.1. */
export async function planWithHistory(title: string): Promise<PlanHistory> {
	const lead = await newApiContext(sessionFile('lead'));
	const admin = await newApiContext(sessionFile('admin'));
	try {
		const created = await lead.post('/plans/new', {
			form: { title, kind: 'ir-plan', start: 'template' }
		});
		expect(created.status(), await created.text()).toBe(303);
		const planId = /\/plans\/([0-9a-f-]{36})/.exec(created.headers()['location'] ?? '')?.[1];
		expect(planId, 'the new plan’s address').toBeTruthy();
		const { versions } = await (await lead.get(`/api/v1/plans/${planId}/versions`)).json();
		const supersededId = versions[0].id as string;
		await submitAndApprove(lead, admin, planId!, supersededId, '1.0');
		const approvedId = await openDraft(lead, planId!);
		await submitAndApprove(lead, admin, planId!, approvedId, '1.1');
		const draftId = await openDraft(lead, planId!);
		return { planId: planId!, supersededId, approvedId, draftId };
	} finally {
		await lead.dispose();
		await admin.dispose();
	}
}
