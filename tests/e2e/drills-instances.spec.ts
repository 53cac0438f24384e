import { expect, test } from '@playwright/test';
import {
	bearerOn,
	freePort,
	freshDatabase,
	freshDataDir,
	instanceLogin,
	startInstance,
	type AppInstance,
	type TestDatabase
} from './app-instance';
import { readStream } from './sse-client';

// Two app instances from the same build on one PostgreSQL database: an inject released by
// one reaches a participant following the drill on the other within a second. After
// commit, NOTIFY carries the drill id and sequence number; each instance reads the rows and
// fans them out to its own subscribers.

test.skip(
	!process.env.TEST_DATABASE_URL,
	'Needs PostgreSQL (TEST_DATABASE_URL): the embedded engine is one process, so there is no second instance to share it with.'
);

test('an inject released on one instance reaches a participant on the other within a second', async () => {
	test.setTimeout(120_000);
	const database = (await freshDatabase('instances')) as TestDatabase;
	const folders = [freshDataDir('instance-a'), freshDataDir('instance-b')];
	const apps: AppInstance[] = [];
	try {
		// One after the other: the first migrates the fresh database and writes the demo data.
		for (const folder of folders)
			apps.push(
				await startInstance({
					port: await freePort(),
					dataDir: folder.dir,
					databaseUrl: database.url
				})
			);
		const [a, b] = apps;
		const { api: lead } = await bearerOn(a, instanceLogin(a.dataDir, 'lead@hotwash.example'));
		const trainee = instanceLogin(a.dataDir, 'trainee@hotwash.example');
		const { api: traineeOnB, authorization } = await bearerOn(b, trainee);
		const traineeId = (await (await traineeOnB.get('/api/v1/me')).json()).user.id;

		const created = await lead.post('/api/v1/drills', {
			data: {
				scenarioId: 'bec-wire-fraud',
				title: 'Two instances',
				participants: [{ userId: traineeId, roles: ['ic', 'finance'] }]
			}
		});
		expect(created.status(), await created.text()).toBe(201);
		const drillId: string = (await created.json()).id;

		// The trainee follows the drill on B; the lead starts it on A, which releases the
		// first inject (due at T+0) in the same transaction.
		const following = readStream(`${b.url}/api/v1/drills/${drillId}/events`, {
			headers: { authorization },
			until: (events) => events.some((e) => e.event === 'inject.released'),
			timeoutMs: 10_000
		});
		await expect
			.poll(async () => (await traineeOnB.get(`/api/v1/drills/${drillId}`)).status())
			.toBe(200);
		// Give B a moment to have subscribed before anything happens.
		await new Promise((r) => setTimeout(r, 500));
		const sentAt = Date.now();
		const started = await lead.post(`/api/v1/drills/${drillId}/start`);
		expect(started.status(), await started.text()).toBe(200);

		const { events, status } = await following;
		expect(status).toBe(200);
		const release = events.find((e) => e.event === 'inject.released');
		expect(release, 'the release arrived on the other instance').toBeTruthy();
		expect((release!.data.payload as { injectId: string }).injectId).toBe('supplier-chases');
		expect(release!.receivedAt - sentAt, 'milliseconds from the start request').toBeLessThan(1_000);
		// Participants get their view only: the facilitators' half of the release stays home.
		expect(events.map((e) => e.event)).not.toContain('inject.detail');

		await lead.dispose();
		await traineeOnB.dispose();
	} finally {
		for (const app of apps) await app.kill('SIGTERM');
		await database.drop();
		for (const folder of folders) folder.remove();
	}
});
