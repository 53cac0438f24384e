import { expect } from '@playwright/test';
import { DRILL_SCENARIO } from './drill-fixture';
import { bearerContext, newApiContext, sessionFile } from './helpers';

// A team drill over a window of a test's own, made through the JSON API as the demo lead
// (who facilitates it): its window opens tomorrow, so it stays a draft while the tests run.

export type AsyncSamples = { asyncDrillId: string };

const HOUR = 3_600_000;

export async function asyncSamples(planVersionId: string): Promise<AsyncSamples> {
	const trainee = await newApiContext(sessionFile('trainee'));
	const traineeId = (await (await trainee.get('/api/v1/me')).json()).user.id as string;
	await trainee.dispose();
	const lead = await bearerContext('lead');
	const opens = Date.now() + 24 * HOUR;
	const response = await lead.post('/api/v1/drills', {
		data: {
			scenarioId: DRILL_SCENARIO,
			planVersionId,
			mode: 'async',
			title: `Access window drill ${Date.now()}`,
			participants: [{ userId: traineeId, roles: ['ic', 'finance'] }],
			schedule: {
				at: new Date(opens).toISOString(),
				timeZone: 'Europe/London',
				windowEndsAt: new Date(opens + 48 * HOUR).toISOString(),
				pacing: 'clock'
			}
		}
	});
	expect(response.status(), `create window drill: ${await response.text()}`).toBe(201);
	const asyncDrillId = (await response.json()).id as string;
	await lead.dispose();
	return { asyncDrillId };
}
