import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoLogin, sessionFile, type Role } from './helpers';

// The drill screens as people use them: a lead on a laptop creates and runs a live drill,
// the trainee answers on a phone (390 px wide), the console follows live, the results show
// the scores and charts. Each screen is also checked for sideways scrolling at 390 px, and
// saved as a picture in .tmp/screens-<slot>/ for a person to look at.

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const shots = path.resolve(import.meta.dirname, `../../.tmp/screens-${process.env.E2E_SLOT ?? 0}`);
fs.mkdirSync(shots, { recursive: true });

async function as(browser: Browser, role: Role, viewport = LAPTOP): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role), viewport });
	return context.newPage();
}

async function snap(page: Page, name: string) {
	await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** Nothing wider than the window: the page itself never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
	const width = page.viewportSize()!.width;
	const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
	// Name the widest culprits, so a failure says what to fix.
	const culprits = await page.evaluate((w) => {
		const out: string[] = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 1 && out.length < 5)
				out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)}px)`);
		}
		return out;
	}, width);
	expect(
		scroll,
		`page is ${scroll}px wide in a ${width}px window: ${culprits.join(', ')}`
	).toBeLessThanOrEqual(width);
}

/** The lead creates a live drill of bec-wire-fraud with the demo trainee as IC and finance. */
async function createLiveDrill(lead: Page, screenshot?: string): Promise<string> {
	await lead.goto('/drills/new');
	await lead.getByLabel('Scenario').selectOption('bec-wire-fraud');
	await lead.getByRole('button', { name: 'Next: plan and people' }).click();
	await expect(lead.getByLabel('Plan version scored against')).toContainText('(in force)');
	const person = lead.locator(`[data-testid="person"][data-email="${demoLogin('trainee').email}"]`);
	await person.getByRole('combobox').selectOption('participant');
	await person.getByLabel('Incident commander').check();
	await person.getByLabel('Finance controller').check();
	await lead.getByLabel('Title').fill(`UI drill ${Date.now()}`);
	if (screenshot) await snap(lead, screenshot);
	await lead.getByRole('button', { name: 'Create drill' }).click();
	await expect(lead).toHaveURL(/\/drills\/[0-9a-f-]{36}$/);
	return new URL(lead.url()).pathname;
}

test('a lead runs a live drill, the trainee answers on a phone, the results explain the scores', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const lead = await as(browser, 'lead');
	const trainee = await as(browser, 'trainee', PHONE);

	// Create: scenario first, then plan version and people with their roles.
	const drillUrl = await createLiveDrill(lead, 'new-drill-1280');
	await expect(lead.getByTestId('drill-status')).toHaveText('Draft');
	await expect(lead.getByTestId('msel-item').first()).toHaveAttribute('data-state', 'upcoming');

	// The trainee waits on the drill page; the facilitator starts.
	await trainee.goto(drillUrl);
	await expect(trainee.getByText('The drill has not started yet')).toBeVisible();
	await expect(trainee.getByTestId('live-status')).toHaveText(/Live/);
	await lead.getByRole('button', { name: 'Start the drill' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Running');
	// The trainee's page holds the event stream open: the console lists them as connected.
	await expect(
		lead.getByTestId('people-participant').getByTestId('person-presence')
	).toHaveAttribute('data-connected', 'true');

	const firstInject = trainee.getByTestId('inject').filter({ hasText: 'The real supplier' });
	await expect(firstInject).toBeVisible({ timeout: 2_000 });
	await expect(firstInject).toContainText('Phone call');
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'participant-390');

	// The trainee answers for the team; the console shows it without a reload.
	const prompt = trainee.locator('[data-testid="prompt"][data-prompt-id="q-first"]');
	await prompt.getByLabel(/finance controller calls the bank/).check();
	await prompt.getByRole('button', { name: 'Submit the team answer' }).click();
	await expect(prompt.getByTestId('team-answer')).toContainText("The team's answer by");
	await firstInject.getByRole('button', { name: 'Acknowledge' }).click();
	await expect(firstInject.getByTestId('acknowledged')).toBeVisible();
	const board = lead.locator('[data-testid="answer-board"][data-prompt-id="q-first"]');
	await expect(board.getByTestId('current-answer')).toContainText('finance controller calls', {
		timeout: 2_000
	});
	await expect(board.getByTestId('prompt-points')).toHaveText('20 / 20 points');

	// At 60× the next inject (T+15 min) comes within seconds, with its log excerpt in a box.
	await lead.getByRole('button', { name: '60 times speed' }).click();
	await expect(lead.getByRole('button', { name: '60 times speed' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const email = trainee.getByTestId('inject').filter({ hasText: 'The bank-detail change email' });
	await expect(email).toBeVisible({ timeout: 20_000 });
	await expect(email.getByRole('region', { name: /Headers of the change request/ })).toBeVisible();
	await expectNoSidewaysScroll(trainee);
	await lead.getByRole('button', { name: 'Pause' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Paused');
	await expect(trainee.getByText('The facilitator has paused the drill')).toBeVisible();
	await snap(lead, 'console-1280');
	await snap(trainee, 'participant-email-390');

	// A notification decision released by hand: the trainee declares a severity and picks
	// whom to tell from the plan's matrix, each with how they are reached and by when.
	await lead.locator('#msel-classify').getByRole('button', { name: 'Release now' }).click();
	await lead.getByRole('button', { name: '1 times speed' }).click();
	await lead.getByRole('button', { name: 'Resume' }).click();
	const notify = trainee.locator('[data-testid="prompt"][data-prompt-id="q-notify"]');
	await expect(notify.getByRole('button', { name: 'Submit the team answer' })).toBeVisible();
	await expect(notify.getByTestId('stakeholder').first()).toContainText('Reached by');
	await notify.getByLabel('Severity you declare').selectOption('SEV2');
	for (const box of (await notify.getByRole('checkbox').all()).slice(0, 2)) await box.check();
	await notify.getByRole('button', { name: 'Submit the team answer' }).click();
	await expect(notify.getByTestId('team-answer')).toContainText("The team's answer");
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'participant-notify-390');
	const notifyBoard = lead.locator('[data-testid="answer-board"][data-prompt-id="q-notify"]');
	await expect(notifyBoard.getByTestId('current-answer')).toContainText('SEV2; notify:');
	await lead.getByRole('button', { name: 'Pause' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Paused');
	await snap(lead, 'console-notify-1280');

	// The console on a phone too.
	const leadPhone = await as(browser, 'lead', PHONE);
	await leadPhone.goto(drillUrl);
	await expectNoSidewaysScroll(leadPhone);
	await snap(leadPhone, 'console-390');

	await lead.getByLabel('What did you see?').fill('Finance called the bank within five minutes.');
	await lead.getByRole('button', { name: 'Add observation' }).click();
	await expect(lead.getByTestId('observations')).toContainText('within five minutes');

	await lead.getByText('End it now…').click();
	await lead.getByRole('button', { name: 'End the drill' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Ended');

	await lead.goto(`${drillUrl}/results`);
	await expect(lead.getByTestId('total-score')).toContainText('points');
	await expect(lead.getByTestId('chart-objectives').locator('svg[role="img"]')).toBeVisible();
	await snap(lead, 'results-1280');
	await trainee.goto(`${drillUrl}/results`);
	await expect(trainee.getByTestId('result-prompt').first()).toBeVisible();
	await expect(trainee.getByTestId('result-observations')).toHaveCount(0);
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'results-390');

	for (const p of [lead, trainee, leadPhone]) await p.context().close();
});

test('the drill list, the new-drill form, My practice and the demo results fit a phone', async ({
	browser
}) => {
	const lead = await as(browser, 'lead', PHONE);
	for (const [url, name] of [
		['/drills', 'drills-390'],
		['/drills/new?scenario=ransomware-double-extortion', 'new-drill-390'],
		['/practice', 'practice-lead-390']
	] as const) {
		await lead.goto(url);
		await expectNoSidewaysScroll(lead);
		await snap(lead, name);
	}
	// The demo data holds an ended live drill with grades, observations and ratings.
	await lead.goto('/drills');
	await lead
		.getByTestId('drill-item')
		.filter({ hasText: 'Q1 ransomware tabletop' })
		.getByRole('link', { name: 'Results' })
		.click();
	await expect(lead.getByTestId('objective-ratings')).toBeVisible();
	await expectNoSidewaysScroll(lead);
	await snap(lead, 'demo-results-390');
	await lead.setViewportSize(LAPTOP);
	await snap(lead, 'demo-results-1280');
	await lead.context().close();

	const trainee = await as(browser, 'trainee', PHONE);
	await trainee.goto('/practice');
	await expect(trainee.getByTestId('chart-practice').locator('svg[role="img"]')).toBeVisible();
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'practice-390');
	await trainee.context().close();
});

test('a trainee practises a scenario from the library on a phone and finds the attempt in My practice', async ({
	browser
}) => {
	const trainee = await as(browser, 'trainee', PHONE);
	await trainee.goto('/scenarios/bec-wire-fraud');
	await trainee.getByRole('button', { name: 'Practise this' }).click();
	await expect(trainee).toHaveURL(/\/drills\/[0-9a-f-]{36}$/);
	await expect(trainee.getByTestId('drill-status')).toHaveText('Running');

	const first = trainee.locator('[data-testid="prompt"][data-prompt-id="q-first"]');
	await first.getByLabel(/finance controller calls the bank/).check();
	await first.getByRole('button', { name: 'Submit your answer' }).click();
	// Every open prompt answered: the next inject comes at once, scenario time jumps to it.
	await expect(
		trainee.getByTestId('inject').filter({ hasText: 'The bank-detail change email' })
	).toBeVisible();
	await expect(trainee.getByTestId('scenario-clock')).toContainText('T+00:15:00');
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'solo-390');

	await trainee.getByRole('button', { name: 'End the practice' }).click();
	await expect(trainee.getByTestId('drill-status')).toHaveText('Ended');
	await trainee.getByRole('link', { name: 'See the results' }).click();
	await expect(trainee.getByTestId('total-score')).toContainText('20 of');
	await expectNoSidewaysScroll(trainee);

	await trainee.goto('/practice');
	await expect(trainee.getByTestId('practice-by-scenario')).toContainText('Changed bank details');
	await trainee.context().close();
});

test('a participant whose live stream drops sees "Reconnecting…", then gets what was missed', async ({
	browser
}) => {
	const lead = await as(browser, 'lead');
	const trainee = await as(browser, 'trainee', PHONE);
	const drillUrl = await createLiveDrill(lead);
	// The first stream the trainee's page opens ends at once, as a dropped connection does.
	let dropped = false;
	await trainee.route(/\/events\?/, async (route) => {
		if (dropped) return route.continue();
		dropped = true;
		await route.fulfill({
			status: 200,
			headers: { 'content-type': 'text/event-stream' },
			body: 'retry: 3000\n\n'
		});
	});
	await trainee.goto(drillUrl);
	await expect(trainee.getByTestId('live-status')).toHaveText('Reconnecting…');
	await lead.getByRole('button', { name: 'Start the drill' }).click();
	// Back within the retry interval, the page loads what happened meanwhile.
	await expect(trainee.getByTestId('live-status')).toHaveText(/Live/, { timeout: 10_000 });
	await expect(trainee.getByTestId('inject').filter({ hasText: 'The real supplier' })).toBeVisible({
		timeout: 5_000
	});
	await lead.getByText('End it now…').click();
	await lead.getByRole('button', { name: 'End the drill' }).click();
	for (const p of [lead, trainee]) await p.context().close();
});

test('a lead edits a draft drill, and only while it is a draft', async ({ browser }) => {
	const lead = await as(browser, 'lead');
	const drillUrl = await createLiveDrill(lead);
	await lead.getByRole('link', { name: 'Edit' }).click();
	await expect(lead).toHaveURL(`${drillUrl}/edit`);
	const title = `Edited drill ${Date.now()}`;
	await lead.getByLabel('Title').fill(title);
	await lead.getByRole('button', { name: 'Save changes' }).click();
	await expect(lead).toHaveURL(drillUrl);
	await expect(lead.getByRole('heading', { level: 1 })).toContainText(title);
	// Once started, the draft can no longer be edited.
	await lead.getByRole('button', { name: 'Start the drill' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Running');
	await expect(lead.getByRole('link', { name: 'Edit' })).toHaveCount(0);
	const refused = await lead.request.get(`${drillUrl}/edit`);
	expect(refused.status()).toBe(409);
	await lead.context().close();
});
