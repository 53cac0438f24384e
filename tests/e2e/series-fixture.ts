import { expect } from '@playwright/test';
import { DRILL_SCENARIO } from './drill-fixture';
import { newApiContext, sessionFile } from './helpers';

// A recurring drill of a test's own, made through the new-drill form as the demo lead: every
// 2 weeks from next Monday at 10:00 London time, the demo trainee taking part.

export type SeriesSamples = { seriesId: string };

/** Next week's Monday, as a datetime-local value at `time`. */
export function nextMonday(time = '10:00'): string {
	const d = new Date();
	d.setUTCDate(d.getUTCDate() + 7 + ((8 - d.getUTCDay()) % 7));
	return `${d.toISOString().slice(0, 10)}T${time}`;
}

export async function seriesSamples(planVersionId: string): Promise<SeriesSamples> {
	const trainee = await newApiContext(sessionFile('trainee'));
	const traineeId = (await (await trainee.get('/api/v1/me')).json()).user.id as string;
	await trainee.dispose();
	const lead = await newApiContext(sessionFile('lead'));
	const body = new URLSearchParams({
		scenarioId: DRILL_SCENARIO,
		version: '1',
		planVersionId,
		title: `Access series ${Date.now()}`,
		mode: 'live',
		when: 'at',
		scheduledAt: nextMonday(),
		timeZone: 'Europe/London',
		repeat: 'fortnightly',
		[`kind-${traineeId}`]: 'participant',
		[`roles-${traineeId}`]: 'ic'
	});
	const response = await lead.post('/drills/new', {
		data: body.toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
	expect(response.status(), `create series: ${await response.text()}`).toBe(303);
	const seriesId = /\/drills\/series\/([0-9a-f-]{36})$/.exec(
		response.headers()['location'] ?? ''
	)?.[1];
	expect(seriesId, 'the new series page').toBeTruthy();
	await lead.dispose();
	return { seriesId: seriesId! };
}
