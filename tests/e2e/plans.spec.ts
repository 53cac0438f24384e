import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoLogin, sessionFile, type Role } from './helpers';

// The demo plan's life: its open draft v1.2 is edited by the lead, submitted, approved by the
// admin with a password, and compared by the auditor. The steps build on each other.
test.describe.configure({ mode: 'serial' });

async function as(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

async function openDraft(page: Page) {
	await page.goto('/plans');
	await page.getByRole('link', { name: 'Incident Response Plan' }).click();
	await page.getByRole('link', { name: 'Open draft' }).click();
	await expect(page.getByTestId('status')).toHaveText('draft');
}

const NEW_SENTENCE =
	'Page the duty executive by phone if the CISO has not answered within ten minutes.';

test('a lead edits a section with a preview, and the page shows it rendered and sanitised', async ({
	browser
}) => {
	const page = await as(browser, 'lead');
	await openDraft(page);
	await page.getByRole('link', { name: 'Edit sections and severity scale' }).click();
	await page
		.getByRole('link', { name: /Notification and escalation|Escalation/ })
		.first()
		.click();
	const body = page.getByLabel('Text (markdown)');
	await body.fill(
		`${(await body.inputValue()).trim()}\n\n**${NEW_SENTENCE}**\n\n<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">`
	);
	await page.getByRole('button', { name: 'Preview' }).click();
	const preview = page.getByTestId('preview');
	await expect(preview.locator('strong', { hasText: NEW_SENTENCE })).toBeVisible();
	await expect(preview.locator('script, img')).toHaveCount(0);
	await page.getByRole('button', { name: 'Save section' }).click();
	await expect(page).toHaveURL(/\/edit$/);

	await page.goBack();
	await page.goto(page.url().replace(/\/edit\/.*$/, ''));
	await expect(page.locator('strong', { hasText: NEW_SENTENCE })).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)
	).toBeUndefined();
	await page.context().close();
});

test('two people saving the same draft: the second is refused and keeps their text', async ({
	browser
}) => {
	const lead = await as(browser, 'lead');
	const admin = await as(browser, 'admin');
	for (const page of [lead, admin]) {
		await openDraft(page);
		await page.getByRole('link', { name: 'Edit sections and severity scale' }).click();
		await page.getByRole('link', { name: 'Lessons learned' }).first().click();
	}
	await lead.getByLabel('Text (markdown)').fill('The lead’s version of this section.');
	await lead.getByRole('button', { name: 'Save section' }).click();
	await expect(lead).toHaveURL(/\/edit$/);

	await admin.getByLabel('Text (markdown)').fill('The admin’s version, typed at the same time.');
	await admin.getByRole('button', { name: 'Save section' }).click();
	await expect(admin.getByRole('alert')).toContainText('Someone else saved this draft');
	await expect(admin.getByLabel('Text (markdown)')).toHaveValue(
		'The admin’s version, typed at the same time.'
	);

	// The lead's text stands; nothing was overwritten.
	await lead.reload();
	await lead.getByRole('link', { name: 'Lessons learned' }).first().click();
	await expect(lead.getByLabel('Text (markdown)')).toHaveValue(
		'The lead’s version of this section.'
	);
	await lead.context().close();
	await admin.context().close();
});

test('a lead changes a deadline in the matrix; a bad one shows its error on its field', async ({
	browser
}) => {
	const page = await as(browser, 'lead');
	await openDraft(page);
	await page.getByRole('link', { name: 'Edit communication matrix' }).click();
	await page.getByRole('link', { name: 'CISO', exact: true }).click();
	const sev2 = page.getByLabel('Within (SEV2 stage 1 deadline 1)');
	await sev2.fill('-3');
	await page.getByRole('button', { name: 'Save this row' }).click();
	await expect(page.getByRole('alert')).toContainText('Check the highlighted fields');
	await expect(sev2).toHaveAccessibleDescription(/Write a number and a unit/);
	await expect(sev2).toHaveValue('-3');

	await sev2.fill('20m');
	await page.getByRole('button', { name: 'Save this row' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved CISO.');
	await page.context().close();
});

test('a lead submits the draft for review with a number and a summary', async ({ browser }) => {
	const page = await as(browser, 'lead');
	await openDraft(page);
	await page.getByLabel('Version number').fill('1.1');
	await page
		.getByLabel('Change summary')
		.fill('Faster executive paging; CISO told within 20 minutes at SEV2.');
	await page.getByRole('button', { name: 'Submit for review' }).click();
	await expect(page.getByLabel('Version number')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#number-error')).toContainText('The number must be higher than 1.1');
	await page.getByLabel('Version number').fill('1.2');
	await page.getByRole('button', { name: 'Submit for review' }).click();
	await expect(page.getByTestId('status')).toHaveText('in review');
	// The author may not approve their own draft.
	await expect(page.getByRole('button', { name: /Approve version/ })).toHaveCount(0);
	await page.context().close();
});

test('the admin approves with their password, and the old version is superseded', async ({
	browser
}) => {
	const page = await as(browser, 'admin');
	// The dashboard tells a reviewer what waits for them.
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Plan drafts' })).toContainText(
		'waiting for review'
	);
	await page.goto('/plans');
	await page.getByRole('link', { name: 'Incident Response Plan' }).click();
	await page.getByRole('link', { name: 'Open draft' }).click();
	await page.getByLabel('Approval comment').fill('Reviewed with Legal.');
	await page.getByLabel('Your password (to sign off)').fill('not the password at all');
	await page.getByRole('button', { name: 'Approve version 1.2' }).click();
	await expect(page.locator('#password-error')).toHaveText('The password is not correct.');
	await expect(page.getByTestId('status')).toHaveText('in review');

	await page.getByLabel('Your password (to sign off)').fill(demoLogin('admin').password);
	await page.getByRole('button', { name: 'Approve version 1.2' }).click();
	await expect(page.getByTestId('status')).toHaveText('approved');
	await expect(page.getByTestId('approval')).toContainText('Alex Admin: “Reviewed with Legal.”');

	await page.getByRole('link', { name: 'History', exact: true }).click();
	// Wait for the history itself: the version page has tables with "1.2" in them too.
	await expect(page).toHaveURL(/\/versions$/);
	const rows = page.locator('tbody tr');
	await expect(rows.filter({ hasText: '1.2' })).toContainText('approved');
	await expect(rows.filter({ hasText: '1.1' })).toContainText('superseded');
	await page.context().close();
});

test('the auditor opens the diff and sees exactly what changed', async ({ browser }) => {
	const page = await as(browser, 'auditor');
	await page.goto('/plans');
	await page.getByRole('link', { name: 'Incident Response Plan' }).click();
	await page.getByRole('link', { name: 'Compare versions' }).click();
	await expect(page.getByRole('heading', { name: '1.1 → 1.2' })).toBeVisible();
	// The change rendered: the new sentence bold, the script tag shown as text, never run.
	const rendered = page.getByTestId('rendered-diff');
	await expect(
		rendered.locator('ins', { hasText: 'Page the duty executive by phone' }).locator('strong')
	).toBeVisible();
	await expect(rendered.locator('ins', { hasText: '<script>' })).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)
	).toBeUndefined();
	const ciso = page
		.getByTestId('row-diff')
		.filter({ hasText: 'SEV2' })
		.filter({ hasText: 'within 20m of declaration' });
	await expect(ciso).toHaveCount(1);
	// Read-only: no editing controls anywhere for the auditor.
	await page.getByRole('link', { name: '← Version history' }).click();
	await expect(page.getByRole('button')).toHaveCount(1); // the log-out button
	await page.context().close();
});

test('a trainee reads the plan in force and nothing else', async ({ browser }) => {
	const page = await as(browser, 'trainee');
	await page.goto('/plans');
	await page.getByRole('link', { name: 'Incident Response Plan' }).click();
	await expect(page.getByTestId('status')).toHaveText('approved');
	await expect(page.getByRole('link', { name: 'History' })).toHaveCount(0);
	// With JavaScript the answer follows the choice: no "Show" to press.
	await page.getByLabel('Severity', { exact: true }).selectOption('SEV1');
	await expect(page.getByTestId('notify-list')).toContainText('SOC');
	await page.context().close();
});
