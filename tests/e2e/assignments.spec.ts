import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoLoginOf, loginRequest, newApiContext, sessionFile, type Role } from './helpers';

// Assigned practice as people use it: a lead on a laptop assigns a solo scenario to the demo
// trainee (a second time is refused, naming the trainee), the trainee finds it on a phone on
// the dashboard and in My practice, starts it and finishes, and the lead sees it done with
// its score and the progress charts. Screens go to .tmp/screens-<slot>/ for a person to see.

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const shots = path.resolve(import.meta.dirname, `../../.tmp/screens-${process.env.E2E_SLOT ?? 0}`);
fs.mkdirSync(shots, { recursive: true });
const SCENARIO = 'Changed bank details';

async function as(browser: Browser, role: Role, viewport = LAPTOP): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role), viewport });
	return context.newPage();
}

async function snap(page: Page, name: string) {
	await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function expectNoSidewaysScroll(page: Page) {
	const width = page.viewportSize()!.width;
	const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(scroll, `page is ${scroll}px wide in a ${width}px window`).toBeLessThanOrEqual(width);
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test('a lead assigns practice, the trainee does it from the dashboard, the lead sees it done with its score', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const lead = await as(browser, 'lead');
	await lead.goto('/practice/assignments');
	// The demo holds an overdue assignment of Sam's.
	await expect(
		lead.getByTestId('assignment-row').filter({ hasText: 'Sam Analyst' }).first()
	).toContainText('overdue');
	const form = lead.getByTestId('assign-form');
	await form.getByLabel('Scenario').selectOption('bec-wire-fraud');
	await form.getByLabel('Tara Trainee').check();
	await form.getByLabel('Due date').fill(inDays(5));
	await form.getByLabel(/Note for the trainees/).fill('Mind the call-back step.');
	await snap(lead, 'assignments-1280');
	await form.getByRole('button', { name: 'Assign' }).click();
	await expect(lead).toHaveURL(/\/practice\/assignments\/[0-9a-f-]{36}\?assigned=1$/);
	const assignmentPath = new URL(lead.url()).pathname;
	await expect(lead.getByTestId('assignment-status')).toHaveText('to do');
	await expect(lead.getByTestId('assignment-due')).toHaveText(inDays(5));

	// The same scenario again for the same trainee: refused, the trainees field named.
	await lead.goto('/practice/assignments');
	await form.getByLabel('Scenario').selectOption('bec-wire-fraud');
	await form.getByLabel('Tara Trainee').check();
	await form.getByRole('button', { name: 'Assign' }).click();
	await expect(lead.locator('#traineeIds-error')).toContainText('Tara Trainee already has');
	await expect(form.getByLabel('Tara Trainee')).toBeChecked();

	// The trainee, on a phone: on the dashboard and in My practice, with the due date.
	const trainee = await as(browser, 'trainee', PHONE);
	await trainee.goto('/');
	const onDashboard = trainee.getByTestId('my-assignment').filter({ hasText: SCENARIO });
	await expect(onDashboard).toContainText(`due ${inDays(5)}`);
	await expect(onDashboard).toContainText('Mind the call-back step.');
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'dashboard-assignments-390');
	await trainee.goto('/practice');
	const mine = trainee.getByTestId('my-assignment').filter({ hasText: SCENARIO });
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'practice-assigned-390');
	await mine.getByRole('button', { name: /^Start/ }).click();
	await expect(trainee).toHaveURL(/\/drills\/[0-9a-f-]{36}$/);
	await expect(trainee.getByTestId('drill-status')).toHaveText('Running');
	await trainee
		.locator('[data-testid="prompt"][data-prompt-id="q-first"]')
		.getByLabel(/finance controller calls the bank/)
		.check();
	await trainee
		.locator('[data-testid="prompt"][data-prompt-id="q-first"]')
		.getByRole('button', { name: 'Submit your answer' })
		.click();
	await expect(trainee.getByTestId('scenario-clock')).toContainText('T+00:15');
	await trainee.getByRole('button', { name: 'End the practice' }).click();
	await expect(trainee.getByTestId('drill-status')).toHaveText('Ended');

	// Done: off the to-do list, and the assignment shows the attempt's score.
	await trainee.goto('/practice');
	await expect(trainee.getByTestId('my-assignment').filter({ hasText: SCENARIO })).toHaveCount(0);
	await trainee.goto(assignmentPath);
	await expect(trainee.getByTestId('assignment-status')).toHaveText('done');
	await expect(trainee.getByTestId('assignment-score')).toContainText('20 of');
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'assignment-done-390');

	// The lead: done with the score in the list, and the trainee's progress charts.
	await lead.goto('/practice/assignments?status=completed');
	const row = lead
		.getByTestId('assignment-row')
		.filter({ hasText: SCENARIO })
		.filter({ hasText: 'Tara Trainee' });
	await expect(row).toContainText('done');
	await expect(row.getByRole('link', { name: /%$/ })).toBeVisible();
	await row.getByRole('link', { name: 'Tara Trainee' }).click();
	await expect(lead).toHaveURL(/\/practice\/assignments\/progress\?trainee=/);
	await expect(
		lead.getByTestId('chart-trainee-capabilities').locator('svg[role="img"]')
	).toBeVisible();
	await expect(lead.getByTestId('chart-trainee-scores').locator('svg[role="img"]')).toBeVisible();
	await expect(lead.getByTestId('trainee-assignments')).toContainText(SCENARIO);
	await snap(lead, 'progress-trainee-1280');
	await lead.setViewportSize(PHONE);
	await expectNoSidewaysScroll(lead);
	await snap(lead, 'progress-trainee-390');
	await lead.goto('/practice/assignments/progress');
	await expect(
		lead.getByTestId('chart-team-capabilities').locator('svg[role="img"]')
	).toBeVisible();
	await expectNoSidewaysScroll(lead);
	await snap(lead, 'progress-team-390');
	await lead.goto('/practice/assignments');
	await expectNoSidewaysScroll(lead);
	await snap(lead, 'assignments-390');

	// Another trainee does not find Tara's assignment at all.
	const sam = await newApiContext();
	await loginRequest(sam, demoLoginOf('sam@hotwash.example'));
	expect((await sam.get(assignmentPath)).status()).toBe(404);
	await sam.dispose();
	for (const p of [lead, trainee]) await p.context().close();
});
