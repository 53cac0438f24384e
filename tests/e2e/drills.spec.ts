import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parse } from 'yaml';
import {
	demoLogin,
	demoLoginOf,
	login,
	newApiContext,
	ORIGIN,
	sessionFile,
	type Role
} from './helpers';
import { cookieHeader, readStream } from './sse-client';

// A live drill as a team runs it: the lead facilitates on the console, two participants
// (the demo trainee and Sam Analyst) follow in their own browsers, everything moving live
// through the drill's event stream. And a trainee's solo practice from the library.

const SCENARIO = 'cloud-access-key-leak';
const SAM = 'sam@hotwash.example';
const scenarioFile = path.resolve(import.meta.dirname, `../../scenarios/${SCENARIO}.yaml`);
const scenario = parse(fs.readFileSync(scenarioFile, 'utf8')) as {
	injects: { id: string; title: string; facilitatorNotes?: string }[];
};

/** A phrase of plain words from each inject's facilitator notes, as it would show in HTML. */
const notePhrases = scenario.injects
	.filter((i) => i.facilitatorNotes)
	.map((i) => /[A-Za-z][A-Za-z ]{39,}/.exec(i.facilitatorNotes!)![0].slice(0, 40));
const titleOf = (id: string) => scenario.injects.find((i) => i.id === id)!.title;

async function pageAs(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

async function pageOfSam(browser: Browser): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, demoLoginOf(SAM));
	return page;
}

const injectCard = (page: Page, injectId: string) =>
	page.locator(`[data-testid="inject"][data-inject-id="${injectId}"]`);
const promptForm = (page: Page, promptId: string) =>
	page.locator(`[data-testid="prompt"][data-prompt-id="${promptId}"]`);
const answerBoard = (page: Page, promptId: string) =>
	page.locator(`[data-testid="answer-board"][data-prompt-id="${promptId}"]`);
const mselItem = (page: Page, injectId: string) => page.locator(`#msel-${injectId}`);

async function setSpeed(lead: Page, speed: number) {
	const button = lead.getByRole('button', { name: `${speed} times speed`, exact: true });
	await button.click();
	await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/** Scenario time on the server, as the API tells the lead. */
async function serverScenarioMs(drillId: string): Promise<number> {
	const api = await newApiContext(sessionFile('lead'));
	const response = await api.get(`/api/v1/drills/${drillId}`);
	expect(response.status()).toBe(200);
	const { scenarioMs } = await response.json();
	await api.dispose();
	return scenarioMs;
}

/** Everything a participant's browser receives for the page: the HTML and its data. */
async function participantPayloads(page: Page, drillPath: string): Promise<string[]> {
	const html = await page.request.get(drillPath);
	const data = await page.request.get(`${drillPath}/__data.json`);
	expect(html.status()).toBe(200);
	expect(data.status()).toBe(200);
	return [await page.content(), await html.text(), await data.text()];
}

test('a lead runs a live drill with two participants, live in three browsers', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const lead = await pageAs(browser, 'lead');
	const tara = await pageAs(browser, 'trainee');
	const sam = await pageOfSam(browser);

	// The lead creates the drill from the built-in scenario, with both participants and roles.
	await lead.goto('/drills/new');
	await lead.getByLabel('Scenario').selectOption(SCENARIO);
	await lead.getByRole('button', { name: 'Next: plan and people' }).click();
	await expect(lead.getByLabel('Plan version scored against')).toContainText('(in force)');
	const person = (email: string) => lead.locator(`[data-testid="person"][data-email="${email}"]`);
	const taraRow = person(demoLogin('trainee').email);
	await taraRow.getByRole('combobox').selectOption('participant');
	await taraRow.getByLabel('Incident commander').check();
	await taraRow.getByLabel('Data protection officer').check();
	const samRow = person(SAM);
	await samRow.getByRole('combobox').selectOption('participant');
	await samRow.getByLabel('SOC analyst').check();
	await samRow.getByLabel('Cloud platform on-call').check();
	await lead.getByLabel('Title').fill(`Key leak drill ${Date.now()}`);
	await lead.getByRole('button', { name: 'Create drill' }).click();
	await expect(lead).toHaveURL(/\/drills\/[0-9a-f-]{36}$/);
	const drillPath = new URL(lead.url()).pathname;
	const drillId = drillPath.split('/').pop()!;
	await expect(lead.getByTestId('people-participant')).toContainText('Sam Analyst');

	for (const p of [tara, sam]) {
		await p.goto(drillPath);
		await expect(p.getByTestId('live-status')).toHaveText(/Live/);
	}

	// Started at 60×: the first inject reaches both participants within 2 s.
	await setSpeed(lead, 60);
	const firstInject = 'guardduty-page';
	const arrivals = [tara, sam].map((p) =>
		injectCard(p, firstInject).waitFor({ state: 'visible', timeout: 2_000 })
	);
	await lead.getByRole('button', { name: 'Start the drill' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Running');
	// Slowed down at once, so the first prompt's five scenario minutes leave time to answer.
	await setSpeed(lead, 1);
	await Promise.all(arrivals);
	await expect(injectCard(sam, firstInject)).toContainText(titleOf(firstInject));

	// Sam (SOC analyst) answers for the team; the console and Tara see it without a reload.
	const qFirst = promptForm(sam, 'q-first');
	await qFirst.getByLabel(/quarantine policy is in place/).check();
	await qFirst.getByRole('button', { name: 'Submit the team answer' }).click();
	await expect(qFirst.getByTestId('team-answer')).toContainText("The team's answer by Sam Analyst");
	const board = answerBoard(lead, 'q-first');
	await expect(board.getByTestId('current-answer')).toContainText('quarantine policy is in place', {
		timeout: 2_000
	});
	await expect(board.getByTestId('prompt-points')).toHaveText('0 / 15 points');
	await expect(promptForm(tara, 'q-first').getByTestId('team-answer')).toContainText(
		'by Sam Analyst',
		{ timeout: 2_000 }
	);

	// Pause stops the clock: on the server, on the console and on the participants' screens.
	await lead.getByRole('button', { name: 'Pause' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Paused');
	await expect(tara.getByText('The facilitator has paused the drill')).toBeVisible();
	const clocks = async () =>
		Promise.all([lead, tara, sam].map((p) => p.getByTestId('scenario-clock').innerText()));
	const before = { server: await serverScenarioMs(drillId), screens: await clocks() };
	await lead.waitForTimeout(2_500);
	expect(await serverScenarioMs(drillId)).toBe(before.server);
	expect(await clocks()).toEqual(before.screens);

	// Resumed at 60×, the next inject follows the branch Sam's answer chose.
	await setSpeed(lead, 60);
	await lead.getByRole('button', { name: 'Resume' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Running');
	const branched = injectCard(tara, 'cloudtrail-summary');
	await expect(branched).toBeVisible({ timeout: 20_000 });
	await setSpeed(lead, 1);
	await expect(branched).toContainText('The key is still active and still in use.');
	await expect(mselItem(lead, 'cloudtrail-summary').getByTestId('msel-variant')).toContainText(
		'still-active'
	);

	// Sam closes the drill page; Tara keeps hers open. The lead releases the scope ticket now.
	await sam.goto('/drills');
	await mselItem(lead, 'data-scope').getByRole('button', { name: 'Release now' }).click();
	await expect(mselItem(lead, 'data-scope')).toHaveAttribute('data-state', 'released');
	await expect(injectCard(tara, 'data-scope')).toBeVisible({ timeout: 2_000 });
	// Sam comes back (or reloads): what was released meanwhile is there.
	await sam.goto(drillPath);
	await expect(injectCard(sam, 'data-scope')).toBeVisible();

	// A stream that reconnects with Last-Event-ID gets exactly the events after it.
	const samHeaders = await cookieHeader(sam.context());
	const all = await readStream(`${ORIGIN}/drills/${drillId}/events`, {
		headers: samHeaders,
		until: (events) =>
			events.some(
				(e) =>
					e.event === 'inject.released' &&
					e.data.payload &&
					(e.data.payload as { injectId?: string }).injectId === 'data-scope'
			),
		timeoutMs: 5_000
	});
	expect(all.status).toBe(200);
	const releaseOfData = all.events.find(
		(e) =>
			e.event === 'inject.released' &&
			(e.data.payload as { injectId?: string }).injectId === 'data-scope'
	)!;
	expect(releaseOfData, 'the release of data-scope in the replay').toBeTruthy();
	const cut = all.events[all.events.indexOf(releaseOfData) - 1].id;
	const resumed = await readStream(`${ORIGIN}/drills/${drillId}/events`, {
		headers: samHeaders,
		lastEventId: cut,
		until: (events) => events.some((e) => e.id === releaseOfData.id),
		timeoutMs: 5_000
	});
	expect(resumed.events[0].id).toBe(releaseOfData.id);
	expect(resumed.events.map((e) => e.id)).toEqual(
		all.events
			.filter((e) => e.id > cut)
			.map((e) => e.id)
			.slice(0, resumed.events.length)
	);

	// Nothing for facilitators reaches a participant: not in the page, its data or the stream.
	const consoleHtml = await lead.content();
	expect(
		notePhrases.filter((n) => consoleHtml.includes(n)),
		'the console shows the notes (so the check below can fail)'
	).toEqual(notePhrases);
	for (const payload of [...(await participantPayloads(sam, drillPath)), all.raw]) {
		expect(notePhrases.filter((n) => payload.includes(n))).toEqual([]);
		expect(payload).not.toContain('facilitatorNotes');
	}
	const facilitatorTypes = [
		'inject.detail',
		'inject.not_released',
		'inject.skipped',
		'observation',
		'grade'
	];
	expect(all.events.filter((e) => facilitatorTypes.includes(e.event))).toEqual([]);

	// Tara (incident commander, DPO) writes the scope statement; the lead grades it.
	const statement = promptForm(tara, 'q-scope-statement');
	await statement
		.getByRole('textbox')
		.fill(
			'Confirmed: 412 objects read from disputes/2024/. Unknown: later reads. Confidence: medium.'
		);
	await statement.getByRole('button', { name: 'Submit the team answer' }).click();
	await expect(statement.getByTestId('team-answer')).toContainText('by Tara Trainee');
	const queued = lead.getByTestId('grading-item').filter({ hasText: '412 objects read' });
	await expect(queued).toBeVisible({ timeout: 2_000 });
	await queued.getByLabel(/Strong/).check();
	await queued.getByLabel('Comment for the team').fill('Clear split of known and unknown.');
	await queued.getByRole('button', { name: 'Grade' }).click();
	await expect(answerBoard(lead, 'q-scope-statement').getByTestId('prompt-points')).toHaveText(
		'15 / 15 points'
	);
	await expect(lead.getByTestId('grading-item')).toHaveCount(0);

	// The end reaches everyone; the results show the scores.
	await lead.getByText('End it now…').click();
	await lead.getByRole('button', { name: 'End the drill' }).click();
	await expect(lead.getByTestId('drill-status')).toHaveText('Ended');
	await expect(tara.getByText('The drill has ended.')).toBeVisible({ timeout: 2_000 });
	await expect(sam.getByText('The drill has ended.')).toBeVisible({ timeout: 2_000 });

	await lead.goto(`${drillPath}/results`);
	const resultPoints = (page: Page, promptId: string) =>
		page.locator(`#prompt-${promptId}`).getByTestId('result-points');
	await expect(lead.getByTestId('total-score')).toContainText(/15 of \d+ points/);
	await expect(resultPoints(lead, 'q-scope-statement')).toContainText('15 of 15 points');
	await expect(resultPoints(lead, 'q-first')).toContainText('0 of 15 points');
	await tara.getByRole('link', { name: 'See the results' }).click();
	await expect(resultPoints(tara, 'q-scope-statement')).toContainText('15 of 15 points');
	await expect(tara.getByTestId('total-score')).toContainText(/15 of \d+ points/);

	for (const p of [lead, tara, sam]) await p.context().close();
});

test('a trainee practises a solo scenario from the library through to the results', async ({
	browser
}) => {
	test.setTimeout(60_000);
	const trainee = await pageAs(browser, 'trainee');
	await trainee.goto('/scenarios/bec-wire-fraud');
	await trainee.getByRole('button', { name: 'Practise this' }).click();
	await expect(trainee).toHaveURL(/\/drills\/[0-9a-f-]{36}$/);
	const drillPath = new URL(trainee.url()).pathname;
	await expect(trainee.getByTestId('drill-status')).toHaveText('Running');
	// The page follows the drill live (so it is hydrated) before it is answered, as the team
	// drill's tests wait too: a tick made before hydration is unticked by it.
	await expect(trainee.getByTestId('live-status')).toHaveText(/Live/);

	const first = promptForm(trainee, 'q-first');
	await first.getByLabel(/finance controller calls the bank/).check();
	await first.getByRole('button', { name: 'Submit your answer' }).click();
	// Every open prompt answered: the next inject comes at once, scenario time jumps to it.
	const headers = promptForm(trainee, 'q-headers');
	await expect(headers).toBeVisible();
	await expect(trainee.getByTestId('scenario-clock')).toContainText('T+00:15');
	for (const option of [
		/VeriPass's own Microsoft 365 tenant/,
		/Reply-To sent/,
		/phone verification failed/
	])
		await headers.getByLabel(option).check();
	await headers.getByRole('button', { name: 'Submit your answer' }).click();
	await expect(promptForm(trainee, 'q-contain-mail')).toBeVisible();

	await trainee.getByRole('button', { name: 'End the practice' }).click();
	await expect(trainee.getByTestId('drill-status')).toHaveText('Ended');
	await trainee.getByRole('link', { name: 'See the results' }).click();
	await expect(trainee).toHaveURL(`${drillPath}/results`);
	await expect(trainee.locator('#prompt-q-first').getByTestId('result-points')).toContainText(
		'20 of 20 points'
	);
	await expect(trainee.locator('#prompt-q-headers').getByTestId('result-points')).toContainText(
		'15 of 15 points'
	);
	await expect(trainee.getByTestId('total-score')).toContainText(/35 of \d+ points/);

	await trainee.goto('/practice');
	await expect(trainee.getByTestId('practice-by-scenario')).toContainText('Changed bank details');
	await trainee.context().close();
});
