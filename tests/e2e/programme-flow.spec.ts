import { expect, test, type Browser, type Page } from '@playwright/test';
import { toWallTime } from '../../src/lib/zoned-time';
import { DRILL_SCENARIO } from './drill-fixture';
import { newApiContext, sessionFile, type Role } from './helpers';

// The exercise programme from end to end, as the issue tells it: a lead schedules a recurring
// drill in the browser, the participant sees it on the dashboard and in their calendar feed
// (read by a calendar app without a session), the lead runs the first occurrence from the
// console at its time, and the programme page names it as what last met PCI DSS 12.10.2.

async function pageAs(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

const ZONE = 'Europe/London';

test('a scheduled recurring drill reaches the participant’s calendar and, run, meets the programme', async ({
	browser,
	playwright
}) => {
	test.setTimeout(180_000);
	const api = await newApiContext(sessionFile('trainee'));
	const traineeId = (await (await api.get('/api/v1/me')).json()).user.id as string;
	await api.dispose();
	const title = `Monthly ransomware drill ${Date.now()}`;
	const first = toWallTime(new Date(Date.now() + 2 * 3_600_000), ZONE);

	// The lead schedules it: monthly, the trainee taking part as incident commander.
	const lead = await pageAs(browser, 'lead');
	await lead.goto(`/drills/new?scenario=${DRILL_SCENARIO}`);
	const form = lead.getByTestId('new-drill-form');
	await form.getByLabel('Title').fill(title);
	await form.getByLabel('At a date and time').check();
	await form.getByLabel('Date and time', { exact: true }).fill(first);
	await form.getByLabel('Time zone').selectOption(ZONE);
	await form.getByLabel('Repeats').selectOption('monthly-day');
	await form.locator(`#kind-${traineeId}`).selectOption('participant');
	await form.locator(`input[name="roles-${traineeId}"][value="ic"]`).check();
	await form.getByRole('button', { name: 'Create drill' }).click();
	await expect(lead).toHaveURL(/\/drills\/series\/[0-9a-f-]{36}$/);
	const seriesId = lead.url().split('/').pop()!;
	await expect(lead.getByTestId('series-rule')).toContainText(`${first.slice(11)} (${ZONE})`);
	const firstLink = lead.getByTestId('occurrence').first().getByRole('link').first();
	const drillId = (await firstLink.getAttribute('href'))!.split('/').pop()!;
	expect(drillId).toMatch(/^[0-9a-f-]{36}$/);

	// The participant: on the dashboard with the reminder, and in the feed.
	const trainee = await pageAs(browser, 'trainee');
	await trainee.goto('/');
	await expect(trainee.getByTestId('drill-reminder').filter({ hasText: title })).toBeVisible();
	await trainee.goto('/calendar');
	await trainee.getByRole('button', { name: /Make (my feed address|a new address)/ }).click();
	const feedUrl = (await trainee.getByTestId('feed-url').textContent())!.trim();
	const app = await playwright.request.newContext();
	const feed = await app.get(feedUrl);
	expect(feed.status()).toBe(200);
	const ics = (await feed.text()).replace(/\r\n[ \t]/g, '');
	const key = first.replace(/[-:]/g, '');
	expect(ics).toMatch(new RegExp(`UID:drill-${seriesId}-[^\\r\\n]*${key.slice(0, 8)}`));
	expect(ics).toContain(`SUMMARY:${title}`);
	await app.dispose();

	// The lead starts the first occurrence from the console and ends it.
	await lead.goto(`/drills/${drillId}`);
	await lead.getByRole('button', { name: 'Start the drill' }).click();
	await expect(lead.getByText('End it now…')).toBeVisible();
	await lead.getByText('End it now…').click();
	await lead.getByRole('button', { name: 'End the drill' }).click();
	await expect(lead.getByRole('link', { name: /Hot wash/ }).first()).toBeVisible();

	// The programme names it: PCI DSS 12.10.2, plan tested, met by this drill.
	await lead.goto('/programme');
	const testing = lead.getByTestId('requirement-pci-12.10.2-test');
	await expect(testing.getByText('Met', { exact: true })).toBeVisible();
	await expect(testing.getByRole('link', { name: title })).toHaveAttribute(
		'href',
		`/drills/${drillId}`
	);
	for (const p of [lead, trainee]) await p.context().close();
});
