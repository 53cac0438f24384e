import { expect, type APIRequestContext } from '@playwright/test';
import { newApiContext, sessionFile } from './helpers';

// Lessons of a test's own, made through the page forms as the demo lead: an area for
// improvement drawn from an ended drill, and two corrective actions on it, one owned by the
// demo trainee and one by the demo admin.

export type LessonSamples = { findingId: string; actionId: string; othersActionId: string };

const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function postForm(api: APIRequestContext, url: string, form: Record<string, string>) {
	const response = await api.post(url, { form });
	expect(response.status(), `${url}: ${await response.text()}`).toBe(303);
	return response.headers()['location'] ?? '';
}

async function userId(role: 'trainee' | 'admin'): Promise<string> {
	const api = await newApiContext(sessionFile(role));
	const id = (await (await api.get('/api/v1/me')).json()).user.id as string;
	await api.dispose();
	return id;
}

/** A finding on the ended drill and an action on it for `ownerId`, through the forms. */
export async function addActionAs(
	lead: APIRequestContext,
	findingId: string,
	ownerId: string,
	action: string
): Promise<string> {
	const location = await postForm(lead, `/lessons/findings/${findingId}?/addAction`, {
		action,
		element: 'training',
		capability: '',
		organisation: 'Security operations',
		ownerId,
		startDate: day(0),
		dueDate: day(30)
	});
	const id = /\/lessons\/actions\/([0-9a-f-]{36})$/.exec(location)?.[1];
	expect(id, `the new action page: ${location}`).toBeTruthy();
	return id!;
}

export async function lessonSamples(endedDrillId: string): Promise<LessonSamples> {
	const lead = await newApiContext(sessionFile('lead'));
	const [traineeId, adminId] = [await userId('trainee'), await userId('admin')];
	const location = await postForm(lead, '/lessons/findings/new', {
		drillId: endedDrillId,
		kind: 'area_for_improvement',
		title: `Access finding ${Date.now()}`,
		observation: 'The bank was called before the supplier was verified.',
		analysis: 'No call-back procedure.',
		recommendation: 'Add a call-back step.'
	});
	const findingId = /\/lessons\/findings\/([0-9a-f-]{36})$/.exec(location)?.[1];
	expect(findingId, `the new finding page: ${location}`).toBeTruthy();
	const actionId = await addActionAs(lead, findingId!, traineeId, 'Train the call-back step.');
	const othersActionId = await addActionAs(lead, findingId!, adminId, 'Add the call-back step.');
	await lead.dispose();
	return { findingId: findingId!, actionId, othersActionId };
}
