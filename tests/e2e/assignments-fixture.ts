import { expect, type APIRequestContext } from '@playwright/test';
import { demoLoginOf, loginRequest, newApiContext, sessionFile } from './helpers';

// Assigned practice of the access test's own, made through the form as the demo lead: one
// for the demo trainee, one for the second demo trainee (Sam), and one cancelled. Scenarios
// no other spec assigns, so nothing here collides with the one-open-assignment rule.

export type AssignmentSamples = {
	assignmentId: string;
	othersAssignmentId: string;
	cancelledAssignmentId: string;
};

const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function assignAs(
	lead: APIRequestContext,
	scenarioId: string,
	traineeId: string
): Promise<string> {
	const response = await lead.post('/practice/assignments?/assign', {
		form: { scenarioId, traineeIds: traineeId, dueDate: day(14), note: 'Access test.' }
	});
	// Made by an earlier try of the same beforeAll (Playwright runs it again after a failure):
	// the open one is still there, so it is the sample.
	if (response.status() === 409) return openAssignment(lead, scenarioId, traineeId);
	expect(response.status(), `assign: ${await response.text()}`).toBe(303);
	const location = response.headers()['location'] ?? '';
	const id = /\/practice\/assignments\/([0-9a-f-]{36})/.exec(location)?.[1];
	expect(id, `the new assignment page: ${location}`).toBeTruthy();
	return id!;
}

async function openAssignment(
	lead: APIRequestContext,
	scenarioId: string,
	traineeId: string
): Promise<string> {
	const html = await (await lead.get('/practice/assignments?status=open')).text();
	const row = new RegExp(
		`data-scenario-id="${scenarioId}" data-trainee-id="${traineeId}"[^]*?href="/practice/assignments/([0-9a-f-]{36})"`
	).exec(html);
	expect(row, `the open assignment of ${scenarioId}`).toBeTruthy();
	return row![1];
}

async function idOf(api: APIRequestContext): Promise<string> {
	return (await (await api.get('/api/v1/me')).json()).user.id as string;
}

export async function assignmentSamples(): Promise<AssignmentSamples> {
	const lead = await newApiContext(sessionFile('lead'));
	const trainee = await newApiContext(sessionFile('trainee'));
	const sam = await newApiContext();
	await loginRequest(sam, demoLoginOf('sam@hotwash.example'));
	const [traineeId, samId] = [await idOf(trainee), await idOf(sam)];
	const assignmentId = await assignAs(lead, 'misconfigured-storage-bucket', traineeId);
	const othersAssignmentId = await assignAs(lead, 'misconfigured-storage-bucket', samId);
	const cancelledAssignmentId = await assignAs(lead, 'ddos-customer-portal', traineeId);
	const cancel = await lead.post(`/practice/assignments/${cancelledAssignmentId}?/cancel`, {
		form: {}
	});
	expect(cancel.status()).toBe(303);
	for (const api of [lead, trainee, sam]) await api.dispose();
	return { assignmentId, othersAssignmentId, cancelledAssignmentId };
}
