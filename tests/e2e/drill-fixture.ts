import { expect, type APIRequestContext } from '@playwright/test';
import { newApiContext, sessionFile } from './helpers';

// Drills of a test's own, made through the new-drill form as the demo lead (who facilitates
// each), so that what a test expects never depends on the demo drills or other spec files.

export type DrillSamples = {
	/** A live draft with the demo trainee as a participant (incident commander). */
	drillId: string;
	/** The same, started and ended at once. */
	endedDrillId: string;
	/** A live draft the demo trainee is not in (the demo admin takes part). */
	privateDrillId: string;
};

/** bec-wire-fraud is built in, solo-ready and has the role `ic`. */
export const DRILL_SCENARIO = 'bec-wire-fraud';

export async function createDrillAs(
	lead: APIRequestContext,
	options: { planVersionId: string; title: string; participants: Record<string, string[]> }
): Promise<string> {
	const form: Record<string, string> = {
		scenarioId: DRILL_SCENARIO,
		version: '1',
		planVersionId: options.planVersionId,
		title: options.title,
		mode: 'live'
	};
	const people = Object.entries(options.participants);
	for (const [userId] of people) form[`kind-${userId}`] = 'participant';
	// A form repeats a name for several values; Playwright's form option takes one per name.
	const body = new URLSearchParams(form);
	for (const [userId, roles] of people) for (const r of roles) body.append(`roles-${userId}`, r);
	const response = await lead.post('/drills/new', {
		data: body.toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
	expect(response.status(), `create drill: ${await response.text()}`).toBe(303);
	const id = /\/drills\/([0-9a-f-]{36})$/.exec(response.headers()['location'] ?? '')?.[1];
	expect(id, 'the new drill page').toBeTruthy();
	return id!;
}

async function post(api: APIRequestContext, url: string, form: Record<string, string> = {}) {
	const response = await api.post(url, { form });
	expect(response.status(), `${url}: ${response.status()}`).toBe(303);
}

/** Three drills against the plan version given, for the access rules. */
export async function drillSamples(planVersionId: string): Promise<DrillSamples> {
	const lead = await newApiContext(sessionFile('lead'));
	const ids: Record<string, string> = {};
	for (const role of ['trainee', 'admin'] as const) {
		const api = await newApiContext(sessionFile(role));
		ids[role] = (await (await api.get('/api/v1/me')).json()).user.id;
		await api.dispose();
	}
	const stamp = Date.now();
	const drillId = await createDrillAs(lead, {
		planVersionId,
		title: `Access drill ${stamp}`,
		participants: { [ids.trainee]: ['ic'] }
	});
	const endedDrillId = await createDrillAs(lead, {
		planVersionId,
		title: `Access drill ended ${stamp}`,
		participants: { [ids.trainee]: ['ic'] }
	});
	await post(lead, `/drills/${endedDrillId}?/start`);
	await post(lead, `/drills/${endedDrillId}?/end`);
	const privateDrillId = await createDrillAs(lead, {
		planVersionId,
		title: `Access drill private ${stamp}`,
		participants: { [ids.admin]: ['ic', 'finance'] }
	});
	await lead.dispose();
	return { drillId, endedDrillId, privateDrillId };
}
