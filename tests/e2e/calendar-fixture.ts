import { expect } from '@playwright/test';
import { newApiContext, sessionFile } from './helpers';

// A calendar feed of the test's own, made through the calendar page's form as the demo
// auditor: the page shows the feed's address once, and the token is read from it.

export type CalendarSamples = { feedToken: string };

export const FEED_URL = /\/calendar\/feed\/([a-z2-7]{52})\.ics/;

export async function calendarSamples(): Promise<CalendarSamples> {
	const auditor = await newApiContext(sessionFile('auditor'));
	const response = await auditor.post('/calendar?/createFeed', { form: {} });
	const html = await response.text();
	expect(response.status(), html).toBe(200);
	const token = FEED_URL.exec(html)?.[1];
	expect(token, 'the feed address on the calendar page').toBeTruthy();
	await auditor.dispose();
	return { feedToken: token! };
}
