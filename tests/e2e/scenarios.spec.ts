import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sessionFile, type Role } from './helpers';

async function as(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

const fixture = fs.readFileSync(
	path.resolve(import.meta.dirname, '../fixtures/scenarios/valid.yaml'),
	'utf8'
);

test('the library shows the twelve built-in scenarios and filters them', async ({ browser }) => {
	const page = await as(browser, 'lead');
	await page.goto('/scenarios');
	const builtIn = page.getByTestId('scenario-card').filter({ hasText: 'built-in' });
	expect(await builtIn.count()).toBeGreaterThanOrEqual(12);
	await expect(page.getByTestId('scenario-card').filter({ hasText: 'invalid' })).toHaveCount(0);

	await page.getByLabel('Category').selectOption('ransomware');
	await page.getByRole('button', { name: 'Filter' }).click();
	// The filtered list replaces the full one; read the cards only once it has.
	await expect(page).toHaveURL(/category=ransomware/);
	await expect(page.getByRole('link', { name: /ransomware/i }).first()).toBeVisible();
	for (const card of await page.getByTestId('scenario-card').all())
		await expect(card).toContainText('Ransomware');

	await page.goto('/scenarios?solo=1');
	expect(await page.getByTestId('scenario-card').count()).toBeGreaterThanOrEqual(6);
	await page.goto('/scenarios?technique=T1486');
	await expect(page.getByTestId('scenario-card').first()).toBeVisible();
	await page.context().close();
});

test('the facilitator view shows notes and branches; the participant preview hides them', async ({
	browser
}) => {
	const page = await as(browser, 'lead');
	await page.goto('/scenarios/ransomware-double-extortion');
	await expect(page.getByTestId('view-heading')).toHaveText('Facilitator view');
	expect(await page.getByTestId('inject').count()).toBeGreaterThanOrEqual(8);
	await expect(page.getByTestId('facilitator-notes').first()).toBeVisible();
	expect(
		(await page.getByTestId('branch').count()) + (await page.getByTestId('variant').count())
	).toBeGreaterThanOrEqual(2);
	await expect(page.getByTestId('notification-facts')).toHaveText(
		'Facts at this point: Personal data affected; Criminal activity; Affects the United Kingdom; Affects Ireland. Clock: awareness PT0M.'
	);

	await page.getByRole('link', { name: 'Participant preview' }).click();
	await expect(page.getByTestId('view-heading')).toHaveText('Participant preview');
	await expect(page.getByTestId('facilitator-notes')).toHaveCount(0);
	await expect(page.getByTestId('branch')).toHaveCount(0);
	await expect(page.getByTestId('notification-facts')).toHaveCount(0);
	await expect(page.getByText('expected', { exact: true })).toHaveCount(0);
	await page.context().close();
});

test('a trainee sees solo-ready scenarios only, and only as a participant', async ({ browser }) => {
	const page = await as(browser, 'trainee');
	await page.goto('/scenarios');
	const cards = page.getByTestId('scenario-card');
	expect(await cards.count()).toBeGreaterThanOrEqual(6);
	for (const card of await cards.all()) await expect(card).toContainText('solo-ready');
	await cards.first().getByRole('link').click();
	await expect(page.getByTestId('view-heading')).toHaveText('Participant preview');
	await page.goto(page.url() + '?view=facilitator');
	await expect(page.getByTestId('view-heading')).toHaveText('Participant preview');
	await expect(page.getByTestId('facilitator-notes')).toHaveCount(0);
	const team = await page.goto('/scenarios/ransomware-double-extortion');
	expect(team?.status()).toBe(404);
	await page.context().close();
});

test('a lead uploads a scenario, sees an error at its line, fixes it, edits it into version 2 and downloads it', async ({
	browser
}) => {
	const page = await as(browser, 'lead');
	const id = `e2e-own-${Date.now().toString(36)}`;
	const good = fixture
		.replace('id: fixture-valid', `id: ${id}`)
		.replace('title: Fixture scenario', 'title: Our own drill');
	const broken = good.replace('option: wait }', 'option: pay }');

	await page.goto('/scenarios/new');
	await page.getByLabel('Scenario YAML').fill(broken);
	await page.getByRole('button', { name: 'Save scenario' }).click();
	await expect(page.getByTestId('yaml-errors')).toContainText(
		'line 46, column 40: inject `spread`: prompt `q-isolate` has no option `pay`'
	);
	await expect(page.getByLabel('Scenario YAML')).toHaveValue(broken);
	await expect(page.locator('ol.source li.bad')).toHaveText([
		'        - { prompt: q-isolate, option: pay }'
	]);

	await page.getByLabel('Scenario YAML').fill(good);
	await page.getByRole('button', { name: 'Save scenario' }).click();
	await expect(page).toHaveURL(new RegExp(`/scenarios/${id}\\?version=1$`));
	await expect(page.getByText('your organisation · version 1')).toBeVisible();

	await page.getByRole('link', { name: 'Edit' }).click();
	await page
		.getByLabel('Scenario YAML')
		.fill(good.replace('title: Our own drill', 'title: Our own drill, revised'));
	await page.getByRole('button', { name: 'Save as version 2' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our own drill, revised');
	await page.getByRole('link', { name: 'Version 1' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our own drill');

	// The download, uploaded again, is the same scenario: no new version.
	const download = page.waitForEvent('download');
	await page.goto(`/scenarios/${id}`);
	await page.getByRole('link', { name: 'Download YAML' }).click();
	const text = fs.readFileSync(await (await download).path(), 'utf8');
	expect(text).toContain('title: Our own drill, revised');
	await page.goto('/scenarios/new');
	await page.getByLabel('Scenario YAML').fill(text);
	await page.getByRole('button', { name: 'Save scenario' }).click();
	await expect(page.getByText('Nothing changed since version 2')).toBeVisible();
	await page.context().close();
});

test('a misspelt field and an indentation slip each get one readable error at their line', async ({
	browser
}) => {
	const page = await as(browser, 'lead');
	const lines = fixture.split('\n');
	const misspelt = fixture.replace(
		'    body: Mass file renames on FS01.',
		'    body: Mass file renames on FS01.\n    facilitatorNote: Ask who owns FS01.'
	);
	await page.goto('/scenarios/new');
	await page.getByLabel('Scenario YAML').fill(misspelt);
	await page.getByRole('button', { name: 'Save scenario' }).click();
	await expect(page.getByTestId('yaml-errors')).toContainText(
		'line 28, column 5: inject `alert`: unknown field `facilitatorNote`; did you mean `facilitatorNotes`?'
	);

	const slipped = lines.map((l, i) => (i === 30 ? l.replace(/^ {8}/, '       ') : l)).join('\n');
	await page.getByLabel('Scenario YAML').fill(slipped);
	await page.getByRole('button', { name: 'Save scenario' }).click();
	const errors = page.getByTestId('yaml-errors').getByRole('listitem');
	await expect(errors).toHaveCount(1);
	await expect(errors).toContainText(
		'line 31, column 8: indentation: `question` is indented 7 spaces, but `type` on line 30 is indented 8 spaces'
	);
	await page.context().close();
});

test('the auditor reads coverage and facilitator views but cannot add or edit', async ({
	browser
}) => {
	const page = await as(browser, 'auditor');
	await page.goto('/scenarios/coverage');
	await expect(page.getByTestId('technique').filter({ hasText: 'T1486' })).toBeVisible();
	await expect(page.getByTestId('technique').filter({ hasText: 'T1566.003' })).toContainText(
		'T1566.003 Spearphishing via Service'
	);
	await expect(
		page.getByTestId('capability-row').filter({ hasText: 'Containment' })
	).not.toContainText('not exercised');
	await page.goto('/scenarios');
	await expect(page.getByRole('link', { name: 'Add your own scenario' })).toHaveCount(0);
	await page.goto('/scenarios/ransomware-double-extortion');
	await expect(page.getByTestId('facilitator-notes').first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);
	await page.context().close();
});
