import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { createDrillAs } from './drill-fixture';
import { demoLogin, newApiContext, sessionFile, type Role } from './helpers';
import { planWithHistory } from './plan-fixture';

// The lessons-learned loop in the browser, on a plan and drills of the test's own: the
// facilitator ends a drill, a participant fills the hot wash, the lead promotes an observation
// to a finding, creates a corrective action, opens the plan's draft for it, an admin approves
// the draft, the owner marks the action done, a re-test drill rated S verifies it, and an
// auditor follows the chain both ways on the trace page.

test.describe.configure({ mode: 'serial' });

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function pageAs(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

async function me(role: Role): Promise<{ id: string; displayName: string }> {
	const api = await newApiContext(sessionFile(role));
	const { user } = await (await api.get('/api/v1/me')).json();
	await api.dispose();
	return user;
}

async function post(api: APIRequestContext, url: string, form: Record<string, string> = {}) {
	const response = await api.post(url, { form });
	expect(response.status(), `${url}: ${response.status()}`).toBe(303);
}

test('from a drill observation to a verified corrective action, traced both ways', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const stamp = Date.now();
	const plan = await planWithHistory(`Lessons plan ${stamp}`);
	const trainee = await me('trainee');
	const leadApi = await newApiContext(sessionFile('lead'));

	// The drill: the lead facilitates, the trainee is incident commander.
	const drillId = await createDrillAs(leadApi, {
		planVersionId: plan.approvedId,
		title: `Lessons drill ${stamp}`,
		participants: { [trainee.id]: ['ic'] }
	});
	const lead = await pageAs(browser, 'lead');
	await lead.goto(`/drills/${drillId}`);
	await lead.getByRole('button', { name: 'Start the drill' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Running');
	const observation = `Nobody called the insurer within the matrix deadline (${stamp}).`;
	const observe = lead.getByRole('region', { name: 'Observations' });
	await observe.getByLabel('What did you see?').fill(observation);
	await observe.getByLabel('Objective').selectOption('obj-escalate');
	await observe.getByRole('button', { name: 'Add observation' }).click();
	await expect(lead.getByTestId('observations')).toContainText(observation);
	await lead.getByText('End it now…').click();
	await lead.getByRole('button', { name: 'End the drill' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Ended');

	// The participant fills the hot wash.
	const tara = await pageAs(browser, 'trainee');
	await tara.goto(`/drills/${drillId}`);
	await tara.getByRole('link', { name: 'Hot wash' }).first().click();
	await expect(tara).toHaveURL(`/drills/${drillId}/hotwash`);
	await tara.getByLabel('What went well?').fill('We isolated the mailbox quickly.');
	await tara.getByLabel('What did not go well?').fill('The insurer was forgotten.');
	await tara.getByLabel('One thing to change').fill('Put the insurer on the SEV2 checklist.');
	await tara.getByRole('button', { name: 'Send my answers' }).click();
	await expect(tara.getByTestId('hotwash-response')).toContainText('The insurer was forgotten.');
	// A trainee neither promotes observations nor sees the facilitator's tools.
	await expect(tara.getByRole('button', { name: 'Promote to finding' })).toHaveCount(0);

	// The lead reads it, sums up and promotes the observation to a finding in one step.
	await lead.goto(`/drills/${drillId}/hotwash`);
	await expect(lead.getByTestId('hotwash-response')).toContainText('The insurer was forgotten.');
	await lead.getByLabel('Write the summary').fill('Escalation to the insurer is the gap.');
	await lead.getByRole('button', { name: 'Save the summary' }).click();
	await expect(lead.getByTestId('hotwash-summary')).toHaveText(
		'Escalation to the insurer is the gap.'
	);
	await lead
		.getByTestId('hotwash-observation')
		.filter({ hasText: observation })
		.getByRole('button', { name: 'Promote to finding' })
		.click();
	await expect(lead).toHaveURL(/\/lessons\/findings\/[0-9a-f-]{36}$/);
	const finding = /F-\d+/.exec(await lead.getByRole('heading', { level: 1 }).innerText())![0];
	await expect(lead.getByTestId('finding-source')).toContainText(`Lessons drill ${stamp}`);

	// A corrective action owned by the trainee; a due date before the start is refused first.
	await lead.getByText('Add a corrective action').click();
	const form = lead.getByTestId('add-action-form');
	await form.getByLabel('Corrective action').fill('Add the cyber insurer to the SEV2 call-out.');
	await form.getByLabel('Capability element').selectOption('planning');
	await form.getByLabel('Primary responsible organisation').fill('Security Operations');
	await form.getByLabel('Point of contact (owner)').selectOption(trainee.id);
	await form.getByLabel('Start').fill(today());
	await form.getByLabel('Due').fill(inDays(-1));
	await form.getByRole('button', { name: 'Add the action' }).click();
	await expect(lead.getByTestId('add-action-form')).toContainText(/due date|before the start/i);
	await lead.getByTestId('add-action-form').getByLabel('Due').fill(inDays(14));
	await lead.getByTestId('add-action-form').getByRole('button', { name: 'Add the action' }).click();
	await expect(lead).toHaveURL(/\/lessons\/actions\/[0-9a-f-]{36}$/);
	const actionUrl = new URL(lead.url()).pathname;
	const actionId = actionUrl.split('/').pop()!;
	const action = /A-\d+/.exec(await lead.getByRole('heading', { level: 1 }).innerText())![0];

	// The lead adds it to the plan's open draft, marking the escalation section.
	await lead.getByRole('link', { name: 'Change the plan for this action' }).click();
	await expect(lead.getByRole('heading', { name: `Change the plan for ${action}` })).toBeVisible();
	await lead
		.getByRole('checkbox', { name: /Notification and escalation/ })
		.first()
		.check();
	await lead.getByRole('button', { name: `Link ${action} to the draft` }).click();
	await expect(lead).toHaveURL(new RegExp(`/versions/${plan.draftId}#lessons$`));
	await expect(lead.getByTestId('version-actions')).toContainText(action);

	// Submitted by the lead, approved by an admin: the action is resolved by v1.2.
	const { version } = await (
		await leadApi.get(`/api/v1/plans/${plan.planId}/versions/${plan.draftId}`)
	).json();
	const submitted = await leadApi.post(
		`/api/v1/plans/${plan.planId}/versions/${plan.draftId}/submit`,
		{
			data: {
				revision: version.revision,
				number: '1.2',
				changeSummary: `The insurer joins the SEV2 call-out (${action}).`
			}
		}
	);
	expect(submitted.status(), await submitted.text()).toBe(200);
	const admin = await pageAs(browser, 'admin');
	await admin.goto(`/plans/${plan.planId}/versions/${plan.draftId}`);
	await admin.getByLabel('Your password (to sign off)').fill(demoLogin('admin').password);
	await admin.getByRole('button', { name: /Approve version 1.2/ }).click();
	await expect(admin.getByTestId('status')).toHaveText('approved');
	await expect(admin.getByTestId('version-actions')).toContainText('resolved by plan v1.2');

	// The owner works it from "My actions": one step at a time.
	await tara.goto('/lessons/mine');
	await tara.getByRole('link', { name: action }).first().click();
	await expect(tara).toHaveURL(actionUrl);
	await tara.getByRole('button', { name: 'Mark in progress' }).click();
	await expect(tara.getByRole('button', { name: 'Mark done' })).toBeVisible();
	await tara
		.getByLabel('Progress note')
		.fill('Call-out list updated, insurer confirmed the number.');
	await tara.getByRole('button', { name: 'Add the note' }).click();
	await expect(tara.getByTestId('action-history')).toContainText('insurer confirmed the number');
	await tara.getByRole('button', { name: 'Mark done' }).click();
	await expect(tara.getByTestId('action-history')).toContainText(/done/i);
	// Verifying is the lead's, with evidence.
	await expect(tara.getByTestId('verify-form')).toHaveCount(0);

	// The re-test: a later drill whose escalation objective the facilitator rates S.
	const retestId = await createDrillAs(leadApi, {
		planVersionId: plan.approvedId,
		title: `Lessons re-test ${stamp}`,
		participants: { [trainee.id]: ['ic'] }
	});
	await post(leadApi, `/drills/${retestId}?/start`);
	await post(leadApi, `/drills/${retestId}?/end`);
	await post(leadApi, `/drills/${retestId}/results?/rate`, {
		objectiveId: 'obj-escalate',
		rating: 'S',
		reason: 'The insurer was called within the deadline.'
	});
	await lead.goto(actionUrl);
	const candidate = lead
		.getByTestId('drill-candidates')
		.getByRole('listitem')
		.filter({ hasText: `Lessons re-test ${stamp}` });
	await candidate.getByRole('radio').check();
	await lead.getByRole('button', { name: 'Verify the action' }).click();
	await expect(lead.getByTestId('verification')).toContainText(`Lessons re-test ${stamp}`);

	// The auditor follows the chain from the drill forward…
	const auditor = await pageAs(browser, 'auditor');
	await auditor.goto(`/lessons/trace?drill=${drillId}`);
	await expect(auditor.getByText(finding).first()).toBeVisible();
	await expect(auditor.getByTestId('trace-action').first()).toContainText(action);
	await expect(auditor.getByTestId('trace-plan-change').first()).toContainText(
		'resolved by plan v1.2'
	);
	await expect(auditor.getByTestId('trace-action').first()).toContainText(
		`Lessons re-test ${stamp}`
	);
	// …and from the plan section back to the lesson that changed it.
	await auditor
		.getByRole('link', { name: /Notification and escalation/ })
		.first()
		.click();
	await expect(auditor.getByTestId('section-history')).toContainText(
		new RegExp(
			`Changed in v1\\.2 for action ${action} \\(finding ${finding}, drill of \\d{4}-\\d\\d-\\d\\d\\)`
		)
	);
	// The approved plan itself leads from the changed section to the same history.
	await auditor.goto(`/plans/${plan.planId}/versions/${plan.draftId}`);
	await auditor.getByRole('link', { name: 'Lessons that changed this section' }).first().click();
	await expect(auditor.getByTestId('section-history')).toContainText(
		`Changed in v1.2 for action ${action}`
	);
	// Read-only: no forms on the action, and no linking.
	await auditor.goto(actionUrl);
	await expect(auditor.getByTestId('verification')).toBeVisible();
	await expect(auditor.locator('main form')).toHaveCount(0);
	expect((await auditor.request.get(`/lessons/actions/${actionId}/plan`)).status()).toBe(403);
	await leadApi.dispose();
});

test('the demo improvement plan shows the overdue action, its trace marks it, and it exports as CSV', async ({
	browser
}) => {
	const auditor = await pageAs(browser, 'auditor');
	await auditor.goto('/lessons');
	await auditor.getByLabel('Overdue only').check();
	await auditor.getByRole('button', { name: 'Filter' }).click();
	await expect(auditor).toHaveURL(/overdue=1/);
	const rows = auditor.locator('tbody tr');
	await expect(rows.filter({ hasText: 'regulator-clock briefing' })).toHaveCount(1);
	const overdue = rows.filter({ hasText: 'regulator-clock briefing' });
	const label = /A-\d+/.exec(await overdue.getByRole('link', { name: /^A-\d+$/ }).innerText())![0];
	await overdue.getByRole('link', { name: label }).click();
	await auditor.getByRole('link', { name: 'Trace this action' }).click();
	await expect(
		auditor.getByTestId('trace-action').filter({ hasText: label }).first()
	).toContainText('overdue');
	const csv = await auditor.request.get('/lessons/actions.csv');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const [header, ...lines] = (await csv.text()).trim().split(/\r?\n/);
	expect(header).toContain('Corrective action');
	expect(lines.some((l) => l.includes('regulator-clock briefing'))).toBe(true);
});
