import { expect, test, type Browser, type Page } from '@playwright/test';
import { sessionFile } from './helpers';
import { planWithHistory, type PlanHistory } from './plan-fixture';

// The diff of a plan of this file's own (1.1 approved, a draft after it): rendered with the
// changes marked, readable without colour, on a phone; removing a section asks first, with and
// without JavaScript; and a draft is called a draft once.
test.describe.configure({ mode: 'serial' });

const TITLE = `Diff check plan ${Date.now()}`;
const BOLD = 'Call the duty executive before any statement.';
let plan: PlanHistory;

async function lead(browser: Browser, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({
		storageState: sessionFile('lead'),
		javaScriptEnabled
	});
	return context.newPage();
}

const editor = () => `/plans/${plan.planId}/versions/${plan.draftId}/edit`;

test.beforeAll(async () => {
	plan = await planWithHistory(TITLE);
});

test('the diff shows a reworded paragraph and a new one rendered, marked in words and lines', async ({
	browser
}) => {
	const page = await lead(browser);
	await page.goto(`${editor()}/purpose`);
	const body = page.getByLabel('Text (markdown)');
	const text = await body.inputValue();
	await body.fill(
		`${text.replace('to limit the harm', 'to reduce the harm').trim()}\n\n**${BOLD}**\n`
	);
	await page.getByRole('button', { name: 'Save section' }).click();
	await expect(page).toHaveURL(/\/edit$/);

	await page.goto(`/plans/${plan.planId}/diff?from=${plan.approvedId}&to=${plan.draftId}`);
	const rendered = page.getByTestId('rendered-diff');
	await expect(rendered).toHaveCount(1);
	// The new paragraph rendered (bold, not asterisks), in a block labelled "Added".
	const added = rendered.locator('ins.diff-block-added', { hasText: BOLD });
	await expect(added.locator('strong')).toHaveText(BOLD);
	await expect(added).toContainText('Added');
	// The reworded words inside their paragraph: struck through and underlined, and named for
	// screen readers, so neither depends on colour.
	const removed = rendered.locator('del.diff-removed', { hasText: 'limit' });
	const inserted = rendered.locator('ins.diff-added', { hasText: 'reduce' });
	await expect(removed).toContainText('removed: limit');
	await expect(inserted).toContainText('added: reduce');
	expect(await removed.evaluate((e) => getComputedStyle(e).textDecorationLine)).toContain(
		'line-through'
	);
	expect(await inserted.evaluate((e) => getComputedStyle(e).textDecorationLine)).toContain(
		'underline'
	);
	await expect(rendered).not.toContainText('**');

	// The markdown source is one keyboard press away.
	const source = page.getByText('Markdown source, word by word');
	await source.focus();
	await page.keyboard.press('Enter');
	await expect(
		page.locator('details.diff-source ins.diff-added', { hasText: '**' }).first()
	).toBeVisible();

	// On a phone the page does not scroll sideways.
	await page.setViewportSize({ width: 390, height: 844 });
	await page.reload();
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
		true
	);
	await page.context().close();
});

for (const javaScriptEnabled of [true, false])
	test(`removing a section asks first, and Keep keeps it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		const page = await lead(browser, javaScriptEnabled);
		await page.goto(editor());
		const sections = page.getByRole('region', { name: 'Sections' });
		const row = sections.getByRole('row').nth(javaScriptEnabled ? 3 : 4);
		const linkName = (await row.getByRole('link').innerText()).trim();
		const title = linkName.replace('↳ ', '');
		const number = (await row.getByRole('cell').first().innerText()).trim();

		await row.getByRole('button', { name: `Remove ${title}` }).click();
		const confirm = page.getByTestId('confirm-remove');
		await expect(confirm.getByRole('heading')).toHaveText(`Remove section ${number} ${title}?`);
		await expect(confirm).toContainText('will not be in this version');
		await confirm.getByRole('link', { name: 'Keep' }).click();
		await expect(page.getByTestId('confirm-remove')).toHaveCount(0);
		await expect(sections.getByRole('link', { name: linkName, exact: true })).toHaveCount(1);

		await row.getByRole('button', { name: `Remove ${title}` }).click();
		await page.getByTestId('confirm-remove').getByRole('button', { name: 'Remove' }).click();
		await expect(page.getByTestId('confirm-remove')).toHaveCount(0);
		await expect(sections.getByRole('link', { name: linkName, exact: true })).toHaveCount(0);
		await page.context().close();
	});

test('a draft is called a draft once: dashboard, plan list and tab title', async ({ browser }) => {
	const page = await lead(browser);
	await page.goto('/');
	const drafts = page.getByRole('region', { name: 'Plan drafts' });
	await expect(drafts).toContainText(TITLE);
	await expect(drafts).not.toContainText(/draft\s+draft/i);

	await page.goto('/plans');
	const row = page.getByRole('row').filter({ hasText: TITLE });
	await expect(row.getByRole('link', { name: 'Draft', exact: true })).toBeVisible();
	await expect(row).not.toContainText(/draft\s+draft/i);

	await row.getByRole('link', { name: 'Draft', exact: true }).click();
	await expect(page).toHaveTitle(`${TITLE} draft · Hotwash`);
	await page.context().close();
});

test('the diff reached from a version page by a link reads as the diff loaded whole', async ({
	browser
}) => {
	const page = await lead(browser);
	await page.goto(`/plans/${plan.planId}/versions/${plan.approvedId}`);
	// A client-side navigation: the diff's data comes as data, not as a page rendered on the server.
	const served: string[] = [];
	page.on('request', (r) => served.push(new URL(r.url()).pathname));
	await page.getByRole('link', { name: 'What changed from the version before' }).click();
	await expect(page.getByRole('heading', { name: 'Compare versions' })).toBeVisible();
	expect(served.some((p) => p.endsWith('/diff/__data.json'))).toBe(true);
	await expect(page.getByRole('heading', { name: /^\d+\.\d+ → \d+\.\d+$/ })).toBeVisible();
	const main = page.locator('main');
	const shown = await main.innerText();
	expect(shown).toMatch(/Sections: \d+ added/);
	// The same page loaded whole, rendered on the server, reads the same.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Compare versions' })).toBeVisible();
	expect(await main.innerText()).toBe(shown);
	await page.context().close();
});
