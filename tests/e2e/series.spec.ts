import { expect, test, type Browser, type Page } from '@playwright/test';
import { toWallTime } from '../../src/lib/zoned-time';
import { DRILL_SCENARIO } from './drill-fixture';
import { newApiContext, sessionFile, type Role } from './helpers';

// Scheduling a recurring drill in the browser: the lead fills "When" and "Repeats" on the
// new-drill form (a wrong custom rule is refused next to its field), the series page says
// the rule in words and lists the occurrences, the trainee taking part gets the reminder on
// the dashboard, and the lead cancels one occurrence with a reason and moves the series.

test.describe.configure({ mode: 'serial' });

async function pageAs(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

async function userId(role: Role): Promise<string> {
	const api = await newApiContext(sessionFile(role));
	const { user } = await (await api.get('/api/v1/me')).json();
	await api.dispose();
	return user.id;
}

/** No sideways scrolling at the page's width. */
async function fits(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'sideways scroll').toBeLessThanOrEqual(0);
}

const ZONE = 'Europe/London';
const weekday = (wall: string) =>
	new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
		new Date(`${wall}:00Z`)
	);

test('a lead schedules a weekly drill that the participant is reminded of', async ({ browser }) => {
	test.setTimeout(120_000);
	const stamp = Date.now();
	const title = `Weekly phishing drill ${stamp}`;
	const traineeId = await userId('trainee');
	// Three hours from now in London, on the minute: within the reminder's day.
	const first = toWallTime(new Date(Date.now() + 3 * 3_600_000), ZONE);

	const lead = await pageAs(browser, 'lead');
	await lead.setViewportSize({ width: 1280, height: 900 });
	await lead.goto(`/drills/new?scenario=${DRILL_SCENARIO}`);
	const form = lead.getByTestId('new-drill-form');
	await form.getByLabel('Title').fill(title);
	await form.getByLabel('At a date and time').check();
	await form.getByLabel('Date and time', { exact: true }).fill(first);
	await form.getByLabel('Time zone').selectOption(ZONE);
	await form.getByLabel('Repeats').selectOption('custom');
	await form.getByLabel('Custom rule').fill('FREQ=HOURLY');
	await form.locator(`#kind-${traineeId}`).selectOption('participant');
	await form.locator(`input[name="roles-${traineeId}"][value="ic"]`).check();
	await form.getByRole('button', { name: 'Create drill' }).click();

	// Refused on the rule's own field; everything typed is kept.
	await expect(lead.locator('#rrule')).toHaveAttribute('aria-invalid', 'true');
	await expect(
		lead.getByTestId('new-drill-form').getByText('A drill repeats at most daily')
	).toBeVisible();
	await expect(lead.getByLabel('Title')).toHaveValue(title);
	await expect(lead.getByLabel('Date and time', { exact: true })).toHaveValue(first);

	await lead.getByLabel('Repeats').selectOption('weekly');
	await expect(lead.getByLabel('Custom rule')).toBeHidden();
	await lead.getByRole('button', { name: 'Create drill' }).click();

	await expect(lead).toHaveURL(/\/drills\/series\/[0-9a-f-]{36}$/);
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(lead.getByTestId('series-rule')).toContainText(
		`Repeats every week on ${weekday(first)}, at ${first.slice(11)} (${ZONE})`
	);
	const upcoming = lead.getByTestId('occurrence');
	await expect(upcoming.first()).toBeVisible();
	expect(await upcoming.count()).toBeGreaterThanOrEqual(56);
	await fits(lead);
	await lead.screenshot({ path: `.tmp/series-1280.png`, fullPage: false });

	// The trainee taking part: on the dashboard, with the reminder for today or tomorrow.
	const trainee = await pageAs(browser, 'trainee');
	await trainee.setViewportSize({ width: 390, height: 844 });
	await trainee.goto('/');
	const reminder = trainee.getByTestId('drill-reminder').filter({ hasText: title });
	await expect(reminder).toContainText(/(Today|Tomorrow) \d\d:\d\d \(Europe\/London\)/);
	await expect(
		trainee.getByTestId('upcoming-drill').filter({ hasText: title }).first()
	).toContainText('you take part');
	await fits(trainee);
	await trainee.screenshot({ path: `.tmp/dashboard-390.png`, fullPage: true });

	// The lead cancels the second occurrence with a reason; it stays listed, marked.
	const second = upcoming.nth(1);
	await second.getByText('Move, change people or cancel').click();
	await second.getByLabel('Reason for cancelling').fill('Team away day');
	await second.getByRole('button', { name: 'Cancel this drill' }).click();
	await expect(lead.getByTestId('occurrence').nth(1)).toContainText('Team away day');
	await expect(lead.getByTestId('occurrence').nth(1)).toContainText('Cancelled');

	// Moving the series an hour later changes the drills to come, not the cancelled one.
	const later = `${first.slice(0, 11)}${String((Number(first.slice(11, 13)) + 1) % 24).padStart(2, '0')}${first.slice(13)}`;
	await lead.getByText('Change the series').click();
	const edit = lead.getByTestId('series-edit-form');
	await edit.getByLabel('First drill').fill(later);
	await edit.getByRole('button', { name: 'Save the series' }).click();
	await expect(lead.getByTestId('series-rule')).toContainText(`at ${later.slice(11)} (${ZONE})`);
	await expect(lead.getByTestId('series-upcoming')).toContainText('Team away day');

	await lead.setViewportSize({ width: 390, height: 844 });
	await fits(lead);
	await lead.screenshot({ path: `.tmp/series-390.png`, fullPage: false });
	await lead.goto('/drills');
	await expect(lead.getByTestId('drill-planned').first()).toBeVisible();
	await fits(lead);
	await lead.goto(`/drills/new?scenario=${DRILL_SCENARIO}`);
	await lead.getByLabel('At a date and time').check();
	await fits(lead);
	await lead.screenshot({ path: `.tmp/new-drill-390.png`, fullPage: true });
});
