import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { bearerContext, newApiContext, sessionFile, type Role } from './helpers';

// A team drill over a window, from release to grading: the lead plans it through the API
// (its window opened 50 minutes ago, so the programme tick opens it at once and the
// stretched clock has released most injects), the trainee answers on a phone whenever they
// like, the lead follows who answered what, ends it early, and grades the free-text answer
// from the grading queue. Screens are saved in .tmp/screens-<slot>/ for a person to look at.

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const shots = path.resolve(import.meta.dirname, `../../.tmp/screens-${process.env.E2E_SLOT ?? 0}`);
fs.mkdirSync(shots, { recursive: true });

const SCENARIO = 'cloud-access-key-leak';
const PROMPT = 'q-scope-statement';
const MINUTE = 60_000;

async function as(browser: Browser, role: Role, viewport = LAPTOP): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role), viewport });
	return context.newPage();
}

async function expectNoSidewaysScroll(page: Page) {
	const width = page.viewportSize()!.width;
	const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
	// Name the widest culprits, so a failure says what to fix.
	const culprits = await page.evaluate((w) => {
		const out: string[] = [];
		const clipped = (el: Element) => {
			for (let p = el.parentElement; p; p = p.parentElement)
				if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
			return false;
		};
		for (const el of document.querySelectorAll('body *')) {
			if (clipped(el)) continue;
			const r = el.getBoundingClientRect();
			if (r.right > w + 1 && out.length < 5)
				out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)}px)`);
		}
		return out;
	}, width);
	expect(scroll, `${page.url()} at ${width} px: ${culprits.join(', ')}`).toBeLessThanOrEqual(width);
}

async function snap(page: Page, name: string) {
	await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function traineeId(): Promise<string> {
	const api = await newApiContext(sessionFile('trainee'));
	const id = (await (await api.get('/api/v1/me')).json()).user.id as string;
	await api.dispose();
	return id;
}

test('a team drill over a window: released by itself, answered, ended early, graded', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const title = `Window drill ${Date.now()}`;
	const lead = await bearerContext('lead');
	const now = Date.now();
	const created = await lead.post('/api/v1/drills', {
		data: {
			scenarioId: SCENARIO,
			mode: 'async',
			title,
			participants: [{ userId: await traineeId(), roles: ['ic', 'dpo', 'legal'] }],
			schedule: {
				at: new Date(now - 50 * MINUTE).toISOString(),
				timeZone: 'Europe/London',
				windowEndsAt: new Date(now + 10 * MINUTE).toISOString(),
				pacing: 'clock'
			}
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	const { id, mode, status } = await created.json();
	expect({ mode, status }).toEqual({ mode: 'async', status: 'draft' });

	// A bad window is refused, naming the field.
	const refused = await lead.post('/api/v1/drills', {
		data: {
			scenarioId: SCENARIO,
			mode: 'async',
			schedule: {
				at: new Date(now).toISOString(),
				timeZone: 'Europe/London',
				windowEndsAt: new Date(now + 10 * MINUTE).toISOString(),
				pacing: 'clock'
			}
		}
	});
	expect(refused.status()).toBe(400);
	expect((await refused.json()).error.message).toMatch(/at least an hour/);
	await lead.dispose();

	// The programme tick opens the window within a few seconds, as the system.
	const trainee = await as(browser, 'trainee', PHONE);
	await expect
		.poll(
			async () => {
				await trainee.goto(`/drills/${id}`);
				return trainee.getByTestId('drill-status').textContent();
			},
			{ timeout: 20_000, intervals: [1_000] }
		)
		.toMatch(/Running/);
	await expect(trainee.getByTestId('window-note')).toContainText('prompts stay open until');
	const prompt = trainee.locator(`[data-testid="prompt"][data-prompt-id="${PROMPT}"]`);
	await prompt
		.getByRole('textbox')
		.fill('Confirmed: reads of two buckets. Unknown: the external account. Confidence: medium.');
	await prompt.getByRole('button', { name: /Submit/ }).click();
	await expect(prompt.getByTestId('team-answer')).toContainText('answer by Tara Trainee');
	await expectNoSidewaysScroll(trainee);
	await snap(trainee, 'window-participant-390');

	// The lead sees who answered what, and has no clock buttons.
	const console = await as(browser, 'lead');
	await console.goto(`/drills/${id}`);
	const progress = console.getByTestId('window-progress');
	await expect(progress).toContainText('Closes');
	const row = progress
		.getByRole('row')
		.filter({ has: console.getByRole('rowheader') })
		.first();
	await expect(row.getByRole('cell', { name: 'Answered' }).first()).toBeVisible();
	await expect(console.getByRole('button', { name: 'Pause' })).toHaveCount(0);
	await expect(console.getByRole('button', { name: '60 times speed' })).toHaveCount(0);
	await snap(console, 'window-console-1280');
	await console.setViewportSize(PHONE);
	await expectNoSidewaysScroll(console);
	await console.setViewportSize(LAPTOP);

	// Ending early closes every prompt; the answer waits in the grading queue.
	await console.getByText('End it now…').click();
	await console.getByRole('button', { name: 'End the drill' }).click();
	await expect(console.getByTestId('drill-status')).toHaveText('Ended');
	await console.goto('/drills/grading');
	const queued = console.getByTestId('grading-drill').filter({ hasText: title });
	await expect(queued.getByTestId('grading-item')).toContainText('Confirmed: reads');
	await snap(console, 'grading-queue-1280');
	await console.setViewportSize(PHONE);
	await expectNoSidewaysScroll(console);
	await console.setViewportSize(LAPTOP);
	await queued.getByRole('radio', { name: /^Adequate/ }).check();
	await queued.getByLabel('Comment (optional)').fill('Missing the confidence reasoning.');
	await queued.getByRole('button', { name: 'Grade' }).click();
	await expect(console.getByTestId('grading-drill').filter({ hasText: title })).toHaveCount(0);

	// The grade counts in the results the trainee reads.
	await trainee.goto(`/drills/${id}/results`);
	await expect(trainee.getByText('Team drill over a window')).toBeVisible();
	await expectNoSidewaysScroll(trainee);
});
