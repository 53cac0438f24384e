import { expect, request, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { demoLoginOf, loginRequest, newApiContext, ORIGIN, tokenFor, type Role } from './helpers';
import { readStream } from './sse-client';

// The drill API as a script uses it, with personal tokens: a lead runs a drill, the trainee
// answers, Sam Analyst (another role) and the auditor are refused, bad input changes nothing,
// and the stream and the results give each caller their own view.

const SCENARIO = 'bec-wire-fraud';
// From the scenario's facilitator notes on its first inject: never for participants.
const NOTE = 'Time is the enemy: SEPA recall success depends on the money';

type Client = { api: APIRequestContext; authorization: string; userId: string };

async function clientWith(token: string): Promise<Client> {
	const authorization = `Bearer ${token}`;
	const api = await request.newContext({
		baseURL: ORIGIN,
		extraHTTPHeaders: { Authorization: authorization }
	});
	const me = await (await api.get('/api/v1/me')).json();
	return { api, authorization, userId: me.user.id };
}

const client = async (role: Role) => clientWith(await tokenFor(role));

/** Sam Analyst, the demo data's second trainee, with a token of his own. */
async function sam(): Promise<Client> {
	const browserLike = await newApiContext();
	await loginRequest(browserLike, demoLoginOf('sam@hotwash.example'));
	const page = await browserLike.post('/account?/createToken', {
		form: { name: `e2e ${Date.now()}` }
	});
	const token = /hw_[a-z2-7]{32}/.exec(await page.text())?.[0];
	await browserLike.dispose();
	expect(token, 'the account page shows the new token').toBeTruthy();
	return clientWith(token!);
}

async function errorOf(response: Promise<APIResponse>) {
	const r = await response;
	const body = await r.json();
	return { status: r.status(), message: (body.error?.message as string) ?? '' };
}

const isRelease = (e: { event: string }) => e.event === 'inject.released';

test('a drill run through the API: bad input is refused and changes nothing', async () => {
	test.setTimeout(60_000);
	const [lead, trainee, auditor, analyst] = await Promise.all([
		client('lead'),
		client('trainee'),
		client('auditor'),
		sam()
	]);

	const created = await lead.api.post('/api/v1/drills', {
		data: {
			scenarioId: SCENARIO,
			title: `API drill ${Date.now()}`,
			participants: [
				{ userId: trainee.userId, roles: ['ic'] },
				{ userId: analyst.userId, roles: ['legal'] }
			]
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	const drill = created.headers()['location'];
	const { id: drillId } = await created.json();
	expect(drill).toBe(`/api/v1/drills/${drillId}`);
	expect(await (await lead.api.get(drill)).json()).toMatchObject({
		view: 'facilitator',
		status: 'draft',
		mode: 'live'
	});

	// The trainee lists it as a participant; the auditor does not see it before it ends.
	const listOf = async (c: Client) =>
		(await (await c.api.get('/api/v1/drills')).json()).drills as {
			id: string;
			memberAs: string | null;
		}[];
	expect((await listOf(trainee)).find((d) => d.id === drillId)?.memberAs).toBe('participant');
	expect((await listOf(auditor)).map((d) => d.id)).not.toContain(drillId);
	expect((await auditor.api.get(drill)).status()).toBe(404);

	// The clock: a speed outside the list, a second start, a participant ending it: refused.
	expect(await errorOf(lead.api.post(`${drill}/speed`, { data: { speed: 7 } }))).toMatchObject({
		status: 400,
		message: expect.stringContaining('speed')
	});
	expect((await lead.api.post(`${drill}/start`)).status()).toBe(200);
	expect(await errorOf(lead.api.post(`${drill}/start`))).toMatchObject({
		status: 409,
		message: expect.stringContaining('already started')
	});
	expect((await trainee.api.post(`${drill}/end`)).status()).toBe(403);

	// The participant's view: the first inject, without notes or correct answers.
	const viewText = await (await trainee.api.get(drill)).text();
	const view = JSON.parse(viewText);
	expect(view).toMatchObject({ view: 'participant', status: 'running' });
	expect(view.feed.map((i: { injectId: string }) => i.injectId)).toEqual(['supplier-chases']);
	expect(viewText).not.toContain(NOTE);
	expect(viewText).not.toContain('facilitatorNotes');
	expect(viewText).not.toContain('"correct"');

	// Bad answers, each refused with an error that says what is wrong.
	const answer = (c: Client, data: unknown) => errorOf(c.api.post(`${drill}/answers`, { data }));
	expect(await answer(trainee, { promptId: 'q-headers', answer: { options: [] } })).toMatchObject({
		status: 409,
		message: expect.stringContaining('not been released')
	});
	expect(await answer(trainee, { promptId: 'q-first', answer: { option: 'pray' } })).toMatchObject({
		status: 400,
		message: expect.stringContaining('answer.option')
	});
	expect(await answer(trainee, { promptId: 'q-first' })).toMatchObject({
		status: 422,
		message: expect.stringContaining('answer')
	});
	const broken = await trainee.api.post(`${drill}/answers`, {
		data: Buffer.from('{"promptId": "q-first", '),
		headers: { 'content-type': 'application/json' }
	});
	expect(broken.status()).toBe(400);
	// Sam holds the legal role; the first inject is for finance and the incident commander.
	expect(
		await answer(analyst, { promptId: 'q-first', answer: { option: 'bank-now' } })
	).toMatchObject({ status: 403, message: expect.stringContaining('legal') });
	// Auditors never answer.
	const byAuditor = await answer(auditor, { promptId: 'q-first', answer: { option: 'bank-now' } });
	expect(byAuditor.status).toBe(403);
	const untouched = await (await trainee.api.get(drill)).json();
	expect(untouched.feed[0].prompts[0].answer).toBeNull();

	// A good answer: stored, scored on the console.
	const good = await trainee.api.post(`${drill}/answers`, {
		data: { promptId: 'q-first', answer: { option: 'bank-now' } }
	});
	expect(good.status(), await good.text()).toBe(200);
	expect((await good.json()).answer).toMatchObject({ promptId: 'q-first' });
	const board = (await (await lead.api.get(drill)).json()).msel[0].prompts[0];
	expect(board.current).toMatchObject({ answer: { option: 'bank-now' }, byName: 'Tara Trainee' });
	expect(board.score).toMatchObject({ points: 20, status: 'scored' });

	// The stream: each caller gets their view; Last-Event-ID replays exactly what follows it.
	const stream = (c: Client, lastEventId?: number) =>
		readStream(`${ORIGIN}${drill}/events`, {
			headers: { authorization: c.authorization },
			lastEventId,
			until: (events) => events.some((e) => e.event === 'answer'),
			timeoutMs: 5_000
		});
	const forLead = await stream(lead);
	const forTrainee = await stream(trainee);
	expect(forTrainee.contentType).toContain('text/event-stream');
	expect(forLead.events.map((e) => e.event)).toContain('inject.detail');
	expect(forTrainee.events.map((e) => e.event)).not.toContain('inject.detail');
	expect(forTrainee.raw).not.toContain(NOTE);
	const release = forTrainee.events.find(isRelease)!;
	const replay = await stream(trainee, release.id);
	expect(replay.events.map((e) => e.id)).toEqual(
		forTrainee.events.filter((e) => e.id > release.id).map((e) => e.id)
	);
	expect((await readStream(`${ORIGIN}${drill}/events`, { timeoutMs: 1_000 })).status).toBe(401);

	// Results: for participants only after the end, then only what was played.
	expect((await trainee.api.get(`${drill}/results`)).status()).toBe(404);
	expect((await lead.api.get(`${drill}/results`)).status()).toBe(200);
	expect((await lead.api.post(`${drill}/end`)).status()).toBe(200);
	expect(
		await answer(trainee, { promptId: 'q-first', answer: { option: 'bank-now' } })
	).toMatchObject({ status: 409, message: expect.stringContaining('over') });
	const results = await (await trainee.api.get(`${drill}/results`)).json();
	expect(results.drill.status).toBe('ended');
	expect(results.prompts.map((p: { promptId: string }) => p.promptId)).toEqual(['q-first']);
	expect(results.prompts[0]).toMatchObject({ points: 20, max: 20 });
	expect(results.observations).toEqual([]);
	const csv = await trainee.api.get(`${drill}/results.csv`);
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(await csv.text()).toMatch(
		/^prompt,q-first,supplier-chases,obj-recall,single-choice,scored,20,20,/m
	);
	expect((await listOf(auditor)).map((d) => d.id)).toContain(drillId);
	expect((await auditor.api.get(`${drill}/results`)).status()).toBe(200);

	for (const c of [lead, trainee, auditor, analyst]) await c.api.dispose();
});

test("a trainee's token practises solo through the API, and may not create a live drill", async () => {
	const trainee = await client('trainee');
	const live = await trainee.api.post('/api/v1/drills', {
		data: { scenarioId: SCENARIO, participants: [] }
	});
	expect(live.status()).toBe(403);

	const created = await trainee.api.post('/api/v1/drills', {
		data: { scenarioId: SCENARIO, mode: 'solo' }
	});
	expect(created.status(), await created.text()).toBe(201);
	const drill = created.headers()['location'];
	expect(await created.json()).toMatchObject({ mode: 'solo', status: 'running' });

	// Answering every open prompt moves the drill on to the next inject at once.
	const answered = await trainee.api.post(`${drill}/answers`, {
		data: { promptId: 'q-first', answer: { option: 'bank-now' } }
	});
	expect(answered.status(), await answered.text()).toBe(200);
	const view = await (await trainee.api.get(drill)).json();
	expect(view.feed.map((i: { injectId: string }) => i.injectId)).toEqual([
		'supplier-chases',
		'header-analysis'
	]);
	expect(view.scenarioMs).toBeGreaterThanOrEqual(15 * 60_000);

	const ended = await trainee.api.post(`${drill}/end`);
	expect(ended.status(), await ended.text()).toBe(200);
	expect(await ended.json()).toMatchObject({ status: 'ended' });
	const results = await (await trainee.api.get(`${drill}/results`)).json();
	expect(results.totals).toMatchObject({ points: 20, max: 35, unanswered: 1 });
	await trainee.api.dispose();
});

test('a stream ends at the next heartbeat once its session has ended', async () => {
	test.setTimeout(60_000);
	const lead = await client('lead');
	const { id: drillId } = await (
		await lead.api.post('/api/v1/drills', {
			data: { scenarioId: SCENARIO }
		})
	).json();
	// The lead facilitates it; signed in with a session of their own for this stream.
	const browserLike = await newApiContext();
	await loginRequest(browserLike, 'lead');
	const { cookies } = await browserLike.storageState();
	const following = readStream(`${ORIGIN}/drills/${drillId}/events`, {
		headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
		timeoutMs: 25_000
	});
	await new Promise((r) => setTimeout(r, 500));
	const loggedOutAt = Date.now();
	expect((await browserLike.post('/logout')).status()).toBe(303);
	const stream = await following;
	expect(stream.status).toBe(200);
	expect(stream.ended, 'the server ended the stream').toBe(true);
	// Heartbeats come every 15 s; the first after the logout ends it.
	expect(Date.now() - loggedOutAt).toBeLessThan(17_000);
	await browserLike.dispose();
	await lead.api.dispose();
});
