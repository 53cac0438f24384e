import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';
import {
	auditVerify,
	bearerOn,
	freePort,
	freshDatabase,
	freshDataDir,
	instanceLogin,
	startInstance,
	type AppInstance
} from './app-instance';
import { login } from './helpers';
import { readStream } from './sse-client';

// The clock is data: a server killed with SIGKILL in the middle of a drill at 60× and
// started again on the same data resumes the drill at the right scenario time, releases what
// came due while it was down, once each and in order, keeps every answer it confirmed, and
// its audit chain verifies. On the embedded engine and on PostgreSQL (TEST_DATABASE_URL).

const SCENARIO = 'ransomware-double-extortion';
const MINUTE = 60_000;
const scenario = parse(
	fs.readFileSync(path.resolve(import.meta.dirname, `../../scenarios/${SCENARIO}.yaml`), 'utf8')
) as { roles: { id: string }[]; injects: { id: string }[] };

type Confirmed = { promptId: string; at: string; answer: Record<string, unknown> };
type Prompt = {
	id: string;
	type: string;
	canAnswer: boolean;
	options: { id: string }[];
};
type ParticipantView = {
	status: string;
	severityScale: { id: string }[];
	matrix: { key: string }[];
	feed: { injectId: string; prompts: Prompt[] }[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An answer of the prompt's type; `n` varies it, so answers keep changing. */
function answerFor(p: Prompt, view: ParticipantView, n: number): Record<string, unknown> {
	const pick = p.options.length ? p.options[n % p.options.length].id : '';
	switch (p.type) {
		case 'single-choice':
			return { option: pick };
		case 'multiple-choice':
			return { options: [pick] };
		case 'checklist':
			return { items: [pick] };
		case 'free-text':
			return { text: `Our answer, take ${n}.` };
		default:
			return {
				severity: view.severityScale[n % view.severityScale.length].id,
				notified: [view.matrix[n % view.matrix.length].key]
			};
	}
}

/** The participant answers (or changes the answer to) every prompt open to them, once. */
async function answerOpenPrompts(
	participant: APIRequestContext,
	drillId: string,
	confirmed: Confirmed[],
	n: number
) {
	const view = (await (
		await participant.get(`/api/v1/drills/${drillId}`)
	).json()) as ParticipantView;
	for (const item of view.feed)
		for (const p of item.prompts.filter((x) => x.canAnswer)) {
			const answer = answerFor(p, view, n);
			const response = await participant.post(`/api/v1/drills/${drillId}/answers`, {
				data: { promptId: p.id, answer }
			});
			// Only what the server confirmed counts; a refusal (the prompt just closed) is fine.
			if (response.status() === 200) {
				const { answer: stored } = await response.json();
				confirmed.push({ promptId: p.id, at: stored.at, answer });
			}
		}
}

/** Keeps answering until stopped; requests cut off by the kill simply fail. */
function keepAnswering(participant: APIRequestContext, drillId: string, confirmed: Confirmed[]) {
	let running = true;
	const done = (async () => {
		for (let n = 0; running; n++) {
			await answerOpenPrompts(participant, drillId, confirmed, n).catch(() => {});
			await sleep(100);
		}
	})();
	return async () => {
		running = false;
		await done;
	};
}

async function state(api: APIRequestContext, drillId: string) {
	const response = await api.get(`/api/v1/drills/${drillId}`);
	expect(response.status(), await response.text()).toBe(200);
	return response.json();
}

async function waitForScenarioTime(api: APIRequestContext, drillId: string, ms: number) {
	await expect
		.poll(async () => (await state(api, drillId)).scenarioMs, { timeout: 90_000, intervals: [250] })
		.toBeGreaterThanOrEqual(ms);
}

async function post(api: APIRequestContext, url: string, data?: unknown) {
	const response = await api.post(url, data === undefined ? {} : { data });
	expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
	return response.json();
}

/** A server of the test's own, on a fresh data folder (and database), restartable in place. */
async function crashWorld() {
	const database = await freshDatabase('crash');
	const data = freshDataDir('crash');
	const port = await freePort();
	const world = {
		data,
		databaseUrl: database?.url ?? null,
		app: undefined as AppInstance | undefined,
		async start() {
			world.app = await startInstance({ port, dataDir: data.dir, databaseUrl: world.databaseUrl });
			return world.app;
		},
		login: (email: string) => instanceLogin(data.dir, email),
		/** A bearer-token client of the demo user, and its user id. */
		async client(email: string) {
			const { api, authorization } = await bearerOn(world.app!, world.login(email));
			const me = await (await api.get('/api/v1/me')).json();
			return { api, authorization, userId: me.user.id as string };
		},
		async cleanUp() {
			await world.app?.kill('SIGKILL');
			await database?.drop();
			data.remove();
		}
	};
	return world;
}

/** A live drill of the lead's, at 60×, not started yet. */
async function drillAt60(
	lead: APIRequestContext,
	scenarioId: string,
	participants: { userId: string; roles: string[] }[]
): Promise<string> {
	const created = await lead.post('/api/v1/drills', {
		data: { scenarioId, title: `Crash drill ${scenarioId}`, participants }
	});
	expect(created.status(), await created.text()).toBe(201);
	const drillId: string = (await created.json()).id;
	expect(created.headers()['location']).toBe(`/api/v1/drills/${drillId}`);
	await post(lead, `/api/v1/drills/${drillId}/speed`, { speed: 60 });
	return drillId;
}

test('a drill killed with SIGKILL mid-run resumes on restart with nothing lost or doubled', async () => {
	test.setTimeout(300_000);
	const world = await crashWorld();
	try {
		let app = await world.start();
		const { api: lead, authorization } = await world.client('lead@hotwash.example');
		const { api: trainee, userId: traineeId } = await world.client('trainee@hotwash.example');
		const drillId = await drillAt60(lead, SCENARIO, [
			{ userId: traineeId, roles: scenario.roles.map((r) => r.id) }
		]);
		expect((await post(lead, `/api/v1/drills/${drillId}/start`)).status).toBe('running');
		const confirmed: Confirmed[] = [];
		let stopAnswering = keepAnswering(trainee, drillId, confirmed);

		// SIGKILL at T+20 (at 60×: 20 s in), with answers in flight; down for 15 scenario minutes.
		await waitForScenarioTime(lead, drillId, 20 * MINUTE);
		await app.kill('SIGKILL');
		const killedAt = Date.now();
		await stopAnswering();
		const beforeKill = confirmed.length;
		expect(beforeKill, 'answers were confirmed before the kill').toBeGreaterThan(0);
		await sleep(15_000);
		app = await world.start();
		const backAt = Date.now();
		stopAnswering = keepAnswering(trainee, drillId, confirmed);
		// Scenario time at any moment since the kill, from the clock the server kept as data.
		const running = await state(lead, drillId);
		expect(running.status).toBe('running');
		const msAt = (wall: number) =>
			running.scenarioMs + (wall - Date.parse(running.readAt)) * running.speed;

		await waitForScenarioTime(lead, drillId, 70 * MINUTE);
		await stopAnswering();
		expect(confirmed.length, 'answers were confirmed after the restart').toBeGreaterThan(
			beforeKill
		);
		await post(lead, `/api/v1/drills/${drillId}/pause`);

		const now = await state(lead, drillId);
		expect(now.status).toBe('paused');
		const t: number = now.scenarioMs;
		const scheduled = (now.msel as MselItem[]).filter((m) => !m.adhoc);
		expect(scheduled.map((m) => m.injectId)).toEqual(scenario.injects.map((i) => i.id));

		// Nothing lost: every inject due by now was decided (released or passed over by its
		// condition), none of the others; each at or after its offset, in MSEL order.
		for (const m of scheduled) {
			if (m.atMs <= t) {
				expect(['released', 'not_released'], `${m.injectId} at ${m.atMs}`).toContain(m.state);
				expect(m.releasedMs, m.injectId).toBeGreaterThanOrEqual(m.atMs);
			} else expect(m.state, `${m.injectId} is not due yet`).toBe('upcoming');
		}
		const decided = scheduled.filter((m) => m.state !== 'upcoming');
		const releasedMs = decided.map((m) => m.releasedMs!);
		expect(releasedMs).toEqual([...releasedMs].sort((a, b) => a - b));

		// What came due while the server was down went out on its first tick back, in order.
		const dueWhileDown = scheduled.filter((m) => m.atMs > msAt(killedAt) && m.atMs <= msAt(backAt));
		expect(
			dueWhileDown.map((m) => m.injectId),
			'an inject came due while the server was down'
		).toContain('encryption-starts');
		for (const m of dueWhileDown) {
			expect(m.state, m.injectId).not.toBe('upcoming');
			expect(Date.parse(m.releasedAt!), m.injectId).toBeGreaterThan(killedAt);
			expect(Date.parse(m.releasedAt!), m.injectId).toBeLessThan(backAt + 5_000);
		}

		// Nothing doubled: the event log has one release per released inject, seq 1…last.
		const log = await readStream(`${app.url}/api/v1/drills/${drillId}/events`, {
			headers: { authorization },
			until: (events) => events.at(-1)?.id === now.lastSeq,
			timeoutMs: 10_000
		});
		expect(log.status).toBe(200);
		expect(log.events.map((e) => e.id)).toEqual(
			Array.from({ length: now.lastSeq }, (_, i) => i + 1)
		);
		const releases = log.events
			.filter((e) => e.event === 'inject.released')
			.map((e) => (e.data.payload as { injectId: string }).injectId);
		expect(releases).toEqual(decided.filter((m) => m.state === 'released').map((m) => m.injectId));

		// Every answer the server confirmed is stored, as it was sent.
		const stored = new Map<string, { answer: unknown; at: string }[]>();
		for (const m of scheduled) for (const p of m.prompts) stored.set(p.prompt.id, p.history);
		for (const c of confirmed) {
			const match = stored.get(c.promptId)?.find((h) => h.at === c.at);
			expect(match, `answer to ${c.promptId} confirmed at ${c.at}`).toBeTruthy();
			expect(match!.answer).toEqual(c.answer);
		}

		await post(lead, `/api/v1/drills/${drillId}/end`);
		await lead.dispose();
		await trainee.dispose();
		// The embedded database is read by the CLI only once the server has stopped.
		await app.kill('SIGTERM');
		const verified = auditVerify(world.data.dir, world.databaseUrl);
		expect(verified.out).toMatch(/chain intact, \d+ entries/);
		expect(verified.code).toBe(0);
	} finally {
		await world.cleanUp();
	}
});

test("a participant's page whose stream drops with the server catches up without a reload", async ({
	browser
}) => {
	test.setTimeout(180_000);
	const world = await crashWorld();
	try {
		let app = await world.start();
		const { api: lead } = await world.client('lead@hotwash.example');
		const { userId: samId } = await world.client('sam@hotwash.example');
		const drillId = await drillAt60(lead, 'bec-wire-fraud', [
			{ userId: samId, roles: ['ic', 'finance'] }
		]);
		const context = await browser.newContext({ baseURL: app.url });
		const page = await context.newPage();
		await login(page, world.login('sam@hotwash.example'));
		await page.goto(`/drills/${drillId}`);
		await expect(page.getByTestId('live-status')).toHaveText(/Live/);
		await post(lead, `/api/v1/drills/${drillId}/start`);
		const inject = (id: string) => page.locator(`[data-testid="inject"][data-inject-id="${id}"]`);
		await expect(inject('header-analysis')).toBeVisible({ timeout: 20_000 });

		// Killed at T+20; the next inject (T+25) comes due while the server is down.
		await waitForScenarioTime(lead, drillId, 20 * MINUTE);
		await app.kill('SIGKILL');
		await expect(page.getByTestId('live-status')).not.toHaveText(/Live/);
		await sleep(10_000);
		app = await world.start();
		await expect(page.getByTestId('live-status')).toHaveText(/Live/, { timeout: 15_000 });
		await expect(inject('cfo-lookalike')).toBeVisible({ timeout: 5_000 });
		await context.close();
		await lead.dispose();
	} finally {
		await world.cleanUp();
	}
});

type MselItem = {
	injectId: string;
	atMs: number;
	adhoc: boolean;
	state: string;
	releasedMs: number | null;
	releasedAt: string | null;
	prompts: { prompt: { id: string }; history: { answer: unknown; at: string }[] }[];
};
