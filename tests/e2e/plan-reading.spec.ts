import {
	expect,
	test,
	type Browser,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { sessionFile, type Role } from './helpers';

// Reading the plan in force: its contents, the rendered text sent once, printing it as a
// backup copy, and "who do we notify?" with and without JavaScript.

async function planInForce(
	browser: Browser,
	role: Role,
	options: BrowserContextOptions = {}
): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role), ...options });
	const page = await context.newPage();
	await page.goto('/plans');
	await page.getByRole('link', { name: 'Incident Response Plan' }).click();
	if (role !== 'trainee') {
		const inForce = page.getByRole('link', { name: /^Version \d+\.\d+$/ });
		await page.goto((await inForce.getAttribute('href'))!);
	}
	await expect(page.getByTestId('status')).toHaveText('approved');
	return page;
}

const notifyAnswer = (page: Page) => page.getByTestId('notify-list');

test('the contents list shows the plan’s own section numbers, once', async ({ browser }) => {
	const page = await planInForce(browser, 'auditor');
	const contents = page.getByRole('navigation', { name: 'Contents' });
	const entries = contents.getByRole('listitem');
	// No list numbering on top of the plan's ("6. 2 Response strategy").
	const markers = await entries.evaluateAll((items) =>
		items.map((li) => getComputedStyle(li).listStyleType)
	);
	expect(new Set(markers)).toEqual(new Set(['none']));
	const headings = await page.locator('.plan-section > :first-child').allTextContents();
	const links = await contents.getByRole('link').allTextContents();
	expect(headings.length).toBeGreaterThan(5);
	expect(links.slice(0, headings.length)).toEqual(headings);
	expect(links[0]).toMatch(/^1 \S/);
	expect(links.some((l) => /^\d+\.\d+ \S/.test(l))).toBe(true);
	await page.context().close();
});

test('the rendered plan travels once, and stays on the page after it comes alive', async ({
	browser
}) => {
	const page = await planInForce(browser, 'lead');
	const firstSection = page.locator('.plan-section').first();
	// Plain words only: quotes and ampersands are escaped differently in markup and data.
	const paragraph = (await firstSection.locator('p').first().textContent()) ?? '';
	const sentence = paragraph.match(/[A-Za-z][A-Za-z ,]{30,}/)![0];
	const html = await (await page.request.get(page.url())).text();
	expect(html.split(sentence).length - 1, 'times the first paragraph is in the answer').toBe(1);
	// The matrix is shown as a grid rendered on the server; its rows are not in the page's data
	// (the "who do we notify" answer is, for the question in the address).
	await expect(page.locator('.matrix-grid tbody tr').first()).toContainText(/\S/);
	const script = html.slice(html.lastIndexOf('<script'));
	expect(script).toContain('required:');
	expect(script, 'the matrix rows are not in the hydration data').not.toMatch(
		/notifications:|appliesWhen:/
	);
	// Hydrated: "who do we notify?" answers without its button, and the text is still there.
	await expect(page.getByRole('button', { name: 'Show' })).toHaveCount(0);
	await expect(firstSection).toContainText(sentence);
	await expect(page.getByText('Reload the page to show this part')).toHaveCount(0);

	// Reached by a client-side navigation, the page gets the rendered text in its data.
	await page.getByRole('link', { name: /^← / }).click();
	await page.getByRole('link', { name: /^Version \d+\.\d+$/ }).click();
	await expect(page.locator('.plan-section').first()).toContainText(sentence);
	await expect(page.locator('#severity td.criteria').first()).not.toBeEmpty();
	await expect(page.locator('.matrix-grid tbody tr').first()).toContainText(/\S/);
	await expect(page.getByText('Reload the page to show this part')).toHaveCount(0);
	await page.context().close();
});

test('the plan prints as a document: no navigation or forms, the version line on every page', async ({
	browser
}) => {
	const page = await planInForce(browser, 'lead');
	const line = page.getByTestId('print-running-line');
	await expect(line).toBeHidden();
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.sidebar')).toBeHidden();
	await expect(page.locator('nav[aria-label="Main"]')).toBeHidden();
	const controls = page.locator('main button, main .button, main select, main form');
	expect(await controls.count()).toBeGreaterThan(0);
	for (const control of await controls.all()) await expect(control).toBeHidden();
	await expect(page.getByRole('heading', { name: 'Communication matrix' })).toBeVisible();
	await expect(page.locator('.matrix-grid table')).toBeVisible();
	// Printed in the top margin of every page; the line itself shows only without script.
	await expect(line).toBeHidden();
	const running = await page.evaluate(() =>
		getComputedStyle(document.documentElement).getPropertyValue('--print-running-line')
	);
	expect(JSON.parse(running)).toMatch(
		/^Incident Response Plan v\d+\.\d+ · approved by .+ on .+ · effective \d{4}-\d{2}-\d{2}$/
	);
	expect(JSON.parse(running)).toBe(await line.textContent());
	const pdf = await page.pdf({ format: 'A4' });
	const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
	expect(pages.length).toBeGreaterThan(5);
	await page.context().close();
});

test('who do we notify: the answer follows the severity and facts chosen, with how to reach each', async ({
	browser
}) => {
	const page = await planInForce(browser, 'trainee', { viewport: { width: 1280, height: 900 } });
	// Each change asks the server for the answer alone; the plan is not loaded again.
	const asked: string[] = [];
	page.on('request', (r) => {
		if (r.resourceType() === 'fetch') asked.push(new URL(r.url()).pathname.split('/').pop()!);
	});
	// No answer is guessed before the severity is chosen.
	await expect(page.getByTestId('notify-answer')).toContainText('Choose the severity');
	await page.getByLabel('Severity', { exact: true }).selectOption('SEV2');
	await expect(page.getByRole('heading', { name: 'Who do we notify for a SEV2?' })).toBeVisible();
	await expect(page).toHaveURL(/[?&]sev=SEV2/);
	const soc = notifyAnswer(page)
		.getByRole('listitem')
		.filter({ hasText: 'SOC on-call analysts' })
		.first();
	await expect(soc.getByRole('link', { name: 'soc-oncall@northwind.example' })).toHaveAttribute(
		'href',
		'mailto:soc-oncall@northwind.example'
	);
	await expect(soc).toContainText('Out of band: Signal group');

	await expect(notifyAnswer(page)).not.toContainText('Data protection officer');
	await page.locator('summary', { hasText: 'Incident facts known' }).click();
	await page.getByLabel('Personal data affected').check();
	await expect(notifyAnswer(page)).toContainText('Data protection officer');
	await expect(page).toHaveURL(/fact=personal-data/);
	expect(asked).toEqual(['notify', 'notify']);
	// The address holds the question: opened again, the page answers it.
	await page.reload();
	await expect(notifyAnswer(page)).toContainText('Data protection officer');
	await expect(page.getByLabel('Personal data affected')).toBeChecked();

	// Every contact in the whole matrix is readable at 1280 px: none is cut off by its box.
	const wrap = page.locator('.matrix-grid .table-wrap');
	const box = (await wrap.boundingBox())!;
	for (const link of await wrap.locator('a[href^="mailto:"]').all()) {
		const b = (await link.boundingBox())!;
		expect(b.x + b.width, (await link.textContent()) ?? undefined).toBeLessThanOrEqual(
			box.x + box.width + 1
		);
	}
	await page.context().close();
});

test('who do we notify without JavaScript, on a phone: the form and its button answer', async ({
	browser
}) => {
	const page = await planInForce(browser, 'lead', {
		javaScriptEnabled: false,
		viewport: { width: 390, height: 844 }
	});
	await page.getByLabel('Severity', { exact: true }).selectOption('SEV3');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/[?&]sev=SEV3/);
	await expect(page.getByRole('heading', { name: 'Who do we notify for a SEV3?' })).toBeVisible();
	await expect(
		notifyAnswer(page)
			.getByRole('link', { name: /@northwind\.example$/ })
			.first()
	).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `the page scrolls ${overflow}px sideways at 390px`).toBeLessThanOrEqual(0);
	await page.context().close();
});

test('who do we notify after the session is gone: the page says so and Show leads to sign-in', async ({
	browser
}) => {
	const page = await planInForce(browser, 'lead');
	await expect(page.getByRole('button', { name: 'Show' })).toHaveCount(0); // hydrated
	await page.context().clearCookies();
	await page.getByLabel('Severity', { exact: true }).selectOption('SEV2');
	await expect(page.getByRole('alert')).toContainText('The answer could not be fetched');
	await expect(page.getByTestId('notify-answer')).toContainText('Choose the severity');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.context().close();
});
