import { expect, test, type Browser, type Page } from '@playwright/test';
import { sessionFile, type Role } from './helpers';

// Reading scenarios: plan sections lead to that section of the plan in force, ATT&CK ids to
// their technique pages, the coverage view names sub-techniques by their own name and shows
// what the library leaves out, and the format reference is served by the app.

async function as(browser: Browser, role: Role, width = 1280): Promise<Page> {
	const context = await browser.newContext({
		storageState: sessionFile(role),
		viewport: { width, height: 800 }
	});
	return context.newPage();
}

const noSidewaysScroll = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a plan section of a scenario leads to that section of the plan in force', async ({
	browser
}) => {
	const page = await as(browser, 'lead');
	await page.goto('/scenarios/phishing-mailbox-takeover');
	const sections = page.getByTestId('plan-sections');
	// One link per IR plan in force (other specs may have approved a second plan).
	const containment = sections.getByRole('link', { name: /Containment/ }).first();
	await expect(containment).toHaveAttribute(
		'href',
		/^\/plans\/[^/]+\/versions\/[^/#]+#containment$/
	);
	await containment.click();
	await expect(page).toHaveURL(/#containment$/);
	const section = page.locator('section#containment');
	await expect(section.getByRole('heading').first()).toContainText('Containment');
	await expect(section).toBeInViewport();
	// It is the version in force that opens.
	await expect(page.getByTestId('status')).toContainText(/approved|in force/i);
	await page.context().close();
});

test('ATT&CK ids link to their technique pages, a sub-technique by its own name', async ({
	browser
}) => {
	const page = await as(browser, 'auditor');
	await page.goto('/scenarios/phishing-mailbox-takeover');
	const techniques = page.getByTestId('attack-techniques');
	const sub = techniques.getByRole('link', { name: 'T1566.003 Spearphishing via Service' });
	await expect(sub).toHaveAttribute('href', 'https://attack.mitre.org/techniques/T1566/003/');
	await expect(sub).toHaveAttribute('rel', 'external noopener noreferrer');
	await expect(techniques.getByRole('listitem').first()).toContainText('sub-technique of Phishing');
	await expect(
		techniques.getByRole('link', { name: /^T1557 Adversary-in-the-Middle$/ })
	).toHaveAttribute('href', 'https://attack.mitre.org/techniques/T1557/');
	await page.context().close();
});

test('the coverage view names sub-techniques by their own name and lists what no scenario exercises', async ({
	browser
}) => {
	const page = await as(browser, 'lead', 390);
	await page.goto('/scenarios/coverage');
	const spearphishing = page.getByTestId('technique').filter({ hasText: 'T1566.003' });
	await expect(
		spearphishing.getByRole('link', { name: 'T1566.003 Spearphishing via Service' })
	).toBeVisible();
	await expect(spearphishing).not.toContainText('Phishing: Spearphishing');

	const recon = page
		.getByTestId('tactic')
		.filter({ has: page.getByRole('heading', { name: /^Reconnaissance/ }) });
	const uncovered = recon.getByTestId('uncovered');
	await expect(uncovered.locator('summary')).toContainText(
		/\d+ techniques? of this tactic no scenario exercises/
	);
	await uncovered.locator('summary').click();
	await expect(uncovered.getByRole('link', { name: 'T1595 Active Scanning' })).toHaveAttribute(
		'href',
		'https://attack.mitre.org/techniques/T1595/'
	);
	// A technique exercised only through a sub-technique is not listed as left out.
	const initialAccess = page
		.getByTestId('tactic')
		.filter({ has: page.getByRole('heading', { name: /^Initial Access/ }) });
	await expect(initialAccess.getByTestId('uncovered')).not.toContainText('T1566 ');
	expect(await noSidewaysScroll(page)).toBe(true);
	await page.context().close();
});

test('the add-scenario page links to the format reference, which the app serves', async ({
	browser
}) => {
	const page = await as(browser, 'lead', 390);
	await page.goto('/scenarios/new');
	await page.getByRole('link', { name: 'scenario format reference' }).click();
	await expect(page).toHaveURL(/\/scenarios\/format$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario format');
	await expect(page.getByRole('heading', { name: 'Validation', exact: true })).toBeAttached();
	// The README's own in-page links work in the app.
	await page
		.getByRole('navigation', { name: 'Contents' })
		.getByRole('link', { name: 'Scoring' })
		.click();
	await expect(page).toHaveURL(/#scoring$/);
	await expect(page.locator('h2#scoring')).toBeInViewport();
	expect(await noSidewaysScroll(page)).toBe(true);
	await page.context().close();
});

test('a trainee, who writes no scenarios, is not shown the format reference', async ({
	browser
}) => {
	const page = await as(browser, 'trainee');
	const response = await page.goto('/scenarios/format');
	expect(response?.status()).toBe(403);
	await page.context().close();
});

test('the facilitator view sends each inject text once, and shows it after a client-side visit', async ({
	browser
}) => {
	const page = await as(browser, 'lead');
	await page.goto('/scenarios/phishing-mailbox-takeover');
	const first = page.getByTestId('inject').first();
	// The inject's own text (rendered markdown), not the channel line above it.
	const paragraph = (await first.locator(':scope > div p').first().textContent()) ?? '';
	const sentence = paragraph.match(/[A-Za-z][A-Za-z ,]{25,}/)![0];
	const html = await (await page.request.get(page.url())).text();
	expect(html.split(sentence).length - 1, 'times the inject text is in the answer').toBe(1);
	await expect(first).toContainText(sentence);
	await expect(page.getByText('Reload the page to show this part')).toHaveCount(0);
	// Reached by a client-side navigation, the page gets the rendered text in its data.
	await page.goto('/scenarios');
	await page.locator('a[href="/scenarios/phishing-mailbox-takeover"]').first().click();
	await expect(page.getByTestId('inject').first()).toContainText(sentence);
	await expect(page.getByTestId('facilitator-notes').first()).not.toBeEmpty();
	await expect(page.getByText('Reload the page to show this part')).toHaveCount(0);
	await page.context().close();
});
