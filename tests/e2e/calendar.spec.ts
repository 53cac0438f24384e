import ICAL from 'ical.js';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fromWallTime } from '../../src/lib/zoned-time';
import { DRILL_SCENARIO } from './drill-fixture';
import { FEED_URL } from './calendar-fixture';
import { bearerContext, newApiContext, sessionFile, type Role } from './helpers';

// The calendar in the browser: a lead schedules a drill with the demo trainee in it; the
// trainee finds it in the month grid and the list, makes their feed address, and a calendar
// app (no session) reads the drill from it; the lead cancels the drill and the feed marks it
// cancelled; a new address retires the old one. Both views stay within a 390 px screen.

test.describe.configure({ mode: 'serial' });

const DAY = 86_400_000;

async function pageAs(browser: Browser, role: Role, width = 1280): Promise<Page> {
	const context = await browser.newContext({
		storageState: sessionFile(role),
		viewport: { width, height: 900 }
	});
	return context.newPage();
}

async function userId(role: Role): Promise<string> {
	const api = await newApiContext(sessionFile(role));
	const id = (await (await api.get('/api/v1/me')).json()).user.id as string;
	await api.dispose();
	return id;
}

type FeedEvent = { uid: string; start: string; status: string | null; summary: string };

function feedEvents(text: string): Map<string, FeedEvent> {
	const calendar = new ICAL.Component(ICAL.parse(text));
	const events = new Map<string, FeedEvent>();
	for (const component of calendar.getAllSubcomponents('vevent')) {
		const event = new ICAL.Event(component);
		events.set(event.uid, {
			uid: event.uid,
			start: event.startDate.toJSDate().toISOString(),
			status: (component.getFirstPropertyValue('status') as string | null) ?? null,
			summary: event.summary
		});
	}
	return events;
}

async function noSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

const stamp = Date.now();
const title = `Calendar drill ${stamp}`;
const day = new Date(Date.now() + 9 * DAY).toISOString().slice(0, 10);
const month = day.slice(0, 7);
const at = fromWallTime(`${day}T10:00`, 'Europe/London');
let drillId = '';
let feedUrl = '';

test('a scheduled drill shows in the trainee’s month grid and list', async ({ browser }) => {
	const traineeId = await userId('trainee');
	const lead = await bearerContext('lead');
	const response = await lead.post('/api/v1/drills', {
		data: {
			scenarioId: DRILL_SCENARIO,
			mode: 'live',
			title,
			participants: [{ userId: traineeId, roles: ['ic', 'finance'] }],
			schedule: { at: at.toISOString(), timeZone: 'Europe/London', durationMinutes: 45 }
		}
	});
	expect(response.status(), await response.text()).toBe(201);
	drillId = (await response.json()).id;
	await lead.dispose();

	const page = await pageAs(browser, 'trainee');
	await page.goto(`/calendar?month=${month}`);
	const cell = page.locator(`td[data-date="${day}"]`);
	const link = cell.getByRole('link', { name: new RegExp(title) });
	await expect(link).toBeVisible();
	await expect(link).toContainText('10:00');
	await expect(link).toHaveAttribute('href', `/drills/${drillId}`);

	// Filters go through the address: mine only, drills only.
	await page.getByLabel('Mine only').check();
	await page.getByLabel('Drills', { exact: true }).check();
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/mine=1/);
	await expect(page).toHaveURL(/kind=drill/);
	await expect(cell.getByRole('link', { name: new RegExp(title) })).toBeVisible();

	await page.getByRole('link', { name: 'List' }).click();
	const entry = page.getByTestId('list-entry').filter({ hasText: title });
	await expect(entry).toContainText('10:00 Europe/London');
	await expect(entry).toContainText('Planned');
	await page.close();
});

test('the trainee’s feed holds the drill for a calendar app without a session', async ({
	browser,
	playwright
}) => {
	const page = await pageAs(browser, 'trainee');
	await page.goto('/calendar');
	const make = page.getByRole('button', { name: /Make (my feed address|a new address)/ });
	await make.click();
	const shown = page.getByTestId('feed-url');
	await expect(shown).toBeVisible();
	feedUrl = (await shown.textContent())!.trim();
	expect(feedUrl).toMatch(FEED_URL);
	await page.reload();
	await expect(page.getByTestId('feed-url')).toHaveCount(0);
	await expect(page.getByTestId('feed-status')).toContainText('never');
	await page.close();

	const app = await playwright.request.newContext();
	const response = await app.get(feedUrl);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/calendar');
	const events = feedEvents(await response.text());
	const event = events.get(`drill-${drillId}@hotwash`);
	expect(event?.start).toBe(at.toISOString());
	expect(event?.status).toBe('CONFIRMED');
	// Nothing changed: the app's copy is still good.
	const again = await app.get(feedUrl, {
		headers: { 'if-none-match': response.headers()['etag'] }
	});
	expect(again.status()).toBe(304);
	await app.dispose();
});

test('a cancelled drill is marked cancelled in the feed and struck on the calendar', async ({
	browser,
	playwright
}) => {
	const lead = await newApiContext(sessionFile('lead'));
	const cancelled = await lead.post(`/drills/${drillId}?/cancel`, {
		form: { reason: 'Clashes with the release freeze.' }
	});
	expect(cancelled.status(), await cancelled.text()).toBeLessThan(400);
	await lead.dispose();

	const app = await playwright.request.newContext();
	const events = feedEvents(await (await app.get(feedUrl)).text());
	expect(events.get(`drill-${drillId}@hotwash`)?.status).toBe('CANCELLED');
	await app.dispose();

	const page = await pageAs(browser, 'trainee');
	await page.goto(`/calendar?month=${month}&view=list`);
	await expect(page.getByTestId('list-entry').filter({ hasText: title })).toContainText(
		'Cancelled'
	);
	await page.close();
});

test('a new feed address retires the old one', async ({ browser, playwright }) => {
	const page = await pageAs(browser, 'trainee');
	await page.goto('/calendar');
	await page.getByRole('button', { name: 'Make a new address' }).click();
	await expect(page.getByTestId('feed-url')).toBeVisible();
	const fresh = (await page.getByTestId('feed-url').textContent())!.trim();
	expect(fresh).not.toBe(feedUrl);
	await page.close();

	const app = await playwright.request.newContext();
	expect((await app.get(feedUrl)).status()).toBe(404);
	expect((await app.get(fresh)).status()).toBe(200);
	await app.dispose();
});

test('the schedule API lists the drill for the lead', async () => {
	const lead = await bearerContext('lead');
	const response = await lead.get(`/api/v1/schedule?from=${day}&to=${day}`);
	expect(response.status()).toBe(200);
	const body = await response.json();
	const drill = body.drills.find((d: { id: string }) => d.id === drillId);
	expect(drill).toMatchObject({
		title,
		status: 'cancelled',
		timeZone: 'Europe/London',
		scheduledAt: at.toISOString()
	});
	await lead.dispose();
});

for (const width of [1280, 390]) {
	test(`the month grid and the list fit a ${width} px screen`, async ({ browser }) => {
		for (const role of ['lead', 'trainee'] as const) {
			const page = await pageAs(browser, role, width);
			await page.goto(`/calendar?month=${month}`);
			await expect(page.getByTestId('month-grid')).toBeVisible();
			await noSidewaysScroll(page);
			await page.screenshot({
				path: test.info().outputPath(`calendar-${role}-${width}.png`),
				fullPage: true
			});
			await page.goto(`/calendar?month=${month}&view=list`);
			await noSidewaysScroll(page);
			await page.screenshot({
				path: test.info().outputPath(`calendar-list-${role}-${width}.png`),
				fullPage: true
			});
			await page.close();
		}
	});
}
