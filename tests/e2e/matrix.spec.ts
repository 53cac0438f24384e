import { expect, test, type Browser, type Page } from '@playwright/test';
import { sessionFile } from './helpers';
import { planWithHistory, type PlanHistory } from './plan-fixture';

// The matrix editor: one row at a time, on a phone, without JavaScript, by keyboard. The plan
// is this spec's own (from the template, draft equal to the approved 1.1), so the diff shows
// exactly what the test changed.

let plan: PlanHistory;
test.beforeAll(async () => {
	plan = await planWithHistory(`Matrix editing ${Date.now()}`);
});

async function phoneWithoutScripts(browser: Browser): Promise<Page> {
	const context = await browser.newContext({
		storageState: sessionFile('lead'),
		viewport: { width: 390, height: 844 },
		javaScriptEnabled: false
	});
	return context.newPage();
}

async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `the page scrolls ${overflow}px sideways at 390px`).toBeLessThanOrEqual(0);
}

const rowPage = () => `/plans/${plan.planId}/versions/${plan.draftId}/matrix/general-counsel`;

test('a lead adds a staged deadline and a condition to one row; the diff shows just that', async ({
	browser
}) => {
	const page = await phoneWithoutScripts(browser);
	await page.goto(`/plans/${plan.planId}/versions/${plan.draftId}`);
	await page.getByRole('link', { name: 'Edit communication matrix' }).click();
	await expect(page.getByRole('heading', { name: 'Communication matrix' })).toBeVisible();
	await expectNoSidewaysScroll(page);
	await page.getByRole('link', { name: 'General Counsel', exact: true }).click();
	await expect(page).toHaveURL(rowPage());
	await expectNoSidewaysScroll(page);

	// The stage already there, in the words the diff will use.
	const firstStage = `${await page.getByLabel('Stage name (SEV1 stage 1)').inputValue()} within ${await page
		.getByLabel('Within (SEV1 stage 1 deadline 1)')
		.inputValue()} of ${await page.getByLabel('of (SEV1 stage 1 deadline 1)').inputValue()}`;

	// By keyboard: tick the condition, then ask for a second stage at SEV1.
	const personalData = page.getByRole('checkbox', { name: 'Personal data affected', exact: true });
	await personalData.focus();
	await page.keyboard.press('Space');
	await expect(personalData).toBeChecked();
	await expect(
		page.getByRole('checkbox', {
			name: 'Personal data affected (only when)',
			exact: true,
			includeHidden: true
		})
	).not.toBeChecked();
	await page.getByRole('button', { name: 'Add a stage at SEV1' }).focus();
	await page.keyboard.press('Enter');

	// The form comes back with the tick kept and an empty second stage.
	await expect(personalData).toBeChecked();
	await page.getByLabel('Stage name (SEV1 stage 2)').fill('Notification');
	const within = page.getByLabel('Within (SEV1 stage 2 deadline 1)');
	await within.fill('72 hourz');
	await page.getByLabel('of (SEV1 stage 2 deadline 1)').selectOption('awareness');
	await within.press('Enter'); // Enter in a field saves

	// Refused, with the error next to the field and everything typed kept.
	await expect(within).toHaveAttribute('aria-invalid', 'true');
	await expect(within).toHaveValue('72 hourz');
	await expect(within).toHaveAccessibleDescription(/Unknown unit "hourz"/);
	const fieldBox = page.locator('.field', { has: within });
	await expect(fieldBox.locator('.error')).toHaveText(
		'Unknown unit "hourz": use m, h, days, business days or months.'
	);
	await expect(personalData).toBeChecked();
	await expect(page.getByLabel('Stage name (SEV1 stage 2)')).toHaveValue('Notification');
	await expect(page.getByLabel('of (SEV1 stage 2 deadline 1)')).toHaveValue('awareness');
	await expectNoSidewaysScroll(page);

	await within.fill('72h');
	await page.getByRole('button', { name: 'Save this row' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved General Counsel.');
	const row = page.locator('#row-general-counsel');
	await expect(row).toContainText('Personal data affected');
	await expect(row).toContainText('Notification within 72h of awareness');

	// The durations read back the way they were typed.
	await page.goto(rowPage());
	await expect(page.getByLabel('Within (SEV1 stage 2 deadline 1)')).toHaveValue('72h');

	await page.goto(`/plans/${plan.planId}/diff?from=${plan.approvedId}&to=${plan.draftId}`);
	await expect(page.getByTestId('diff-summary')).toContainText('0 added, 0 removed, 0 changed');
	const changes = page.getByTestId('row-diff');
	await expect(changes).toHaveCount(2);
	await expect(changes.first()).toContainText('General Counsel');
	await expect(changes.locator('[data-field="Message template"]')).toHaveCount(0);
	const appliesWhen = page.locator('tr[data-field="Applies when"]');
	await expect(appliesWhen.locator('del')).toHaveText('every incident');
	await expect(appliesWhen.locator('ins')).toHaveText('Personal data affected');
	const sev1 = page.locator('tr[data-field="SEV1"]');
	await expect(sev1.locator('del')).toHaveText(firstStage);
	await expect(sev1.locator('ins')).toHaveText(
		`${firstStage}; Notification within 72h of awareness`
	);

	// "Who do we notify?" on the draft: the row is required only once its fact is ticked.
	await page.goto(`/plans/${plan.planId}/versions/${plan.draftId}?sev=SEV1`);
	const list = page.getByTestId('notify-list');
	await expect(list).not.toContainText('General Counsel');
	await expect(page.getByTestId('conditional-list')).toContainText(
		'General Counsel: when Personal data affected'
	);
	await page.locator('summary', { hasText: 'Incident facts known' }).click();
	await page
		.getByRole('group', { name: 'What is known about the incident' })
		.getByText('Personal data affected')
		.click();
	await page.getByRole('button', { name: 'Show' }).click();
	const counsel = list.getByRole('listitem').filter({ hasText: 'General Counsel' }).first();
	await expect(counsel).toContainText('required: Personal data affected');
	await expect(counsel).toContainText('Notification within 72h of awareness');
	await expectNoSidewaysScroll(page);
	await page.context().close();
});

test('a row saved by someone else meanwhile: the second save is refused with 409 and keeps the input', async ({
	browser
}) => {
	const first = await phoneWithoutScripts(browser);
	const second = await phoneWithoutScripts(browser);
	for (const page of [first, second]) await page.goto(rowPage());
	await first.getByLabel('Notified by (a plan role)').fill('Incident commander (deputy)');
	await first.getByRole('button', { name: 'Save this row' }).click();
	await expect(first.getByRole('status')).toHaveText('Saved General Counsel.');

	await second.getByLabel('Notified by (a plan role)').fill('Head of legal');
	const response = second.waitForResponse((r) => r.request().method() === 'POST');
	await second.getByRole('button', { name: 'Save this row' }).click();
	expect((await response).status()).toBe(409);
	await expect(second.getByRole('alert')).toContainText('Someone else saved this draft');
	await expect(second.getByLabel('Notified by (a plan role)')).toHaveValue('Head of legal');
	await first.context().close();
	await second.context().close();
});
