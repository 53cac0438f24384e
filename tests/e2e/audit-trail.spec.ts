import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demoLogin, sessionFile } from './helpers';
import { planWithHistory, type PlanHistory } from './plan-fixture';

// The audit trail as an auditor reads it: from a plan version to every entry about it, in
// words, with names and links; the filtered entries downloaded as CSV and JSON, and each
// download written into the trail itself.

test.use({ storageState: sessionFile('auditor') });

let plan: PlanHistory;

test.beforeAll(async () => {
	plan = await planWithHistory(`Audit trail test plan ${Date.now()}`);
});

async function download(page: Page, name: string): Promise<string> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name, exact: true }).click()
	]);
	return fs.readFileSync((await file.path())!, 'utf8');
}

test('an auditor follows a plan version to its entries, read as sentences with names and links', async ({
	page
}) => {
	await page.goto(`/plans/${plan.planId}/versions/${plan.approvedId}`);
	await page.getByRole('link', { name: 'History in the audit trail' }).click();
	await expect(page).toHaveURL(`/audit?type=plan_version&id=${plan.approvedId}`);
	await expect(page.getByLabel('Record', { exact: true })).toHaveValue('plan_version');

	const rows = page.getByRole('region', { name: 'Audit entries' }).getByRole('row');
	// The draft opened, submitted and approved: three entries, nothing about other records.
	await expect(page.getByText('3 entries', { exact: true })).toBeVisible();
	const approved = rows.filter({ hasText: 'approved plan version 1.1' });
	await expect(approved).toHaveCount(1);
	await expect(approved.getByRole('link', { name: 'Alex Admin' })).toBeVisible();
	await expect(
		approved.getByRole('link', { name: 'plan version 1.1', exact: true })
	).toHaveAttribute('href', `/plans/${plan.planId}/versions/${plan.approvedId}`);
	// The detail as labelled fields, not JSON.
	await expect(approved.locator('dt', { hasText: 'Effective' })).toBeVisible();
	await expect(approved.locator('dd', { hasText: '2026-12-01' })).toBeVisible();
	await expect(approved).not.toContainText('{');
	await expect(rows.filter({ hasText: 'submitted plan version 1.1 for approval' })).toHaveCount(1);
	await expect(rows.filter({ hasText: 'Lee Lead' })).toHaveCount(2);

	await approved.getByRole('link', { name: 'plan version 1.1', exact: true }).click();
	await expect(page).toHaveURL(`/plans/${plan.planId}/versions/${plan.approvedId}`);
});

test('an auditor downloads the filtered entries as CSV and JSON, and each export is on the trail', async ({
	page
}) => {
	await page.goto(`/audit?type=plan_version&id=${plan.approvedId}`);

	const csv = await download(page, 'CSV');
	const lines = csv.trimEnd().split('\r\n');
	expect(lines[0]).toBe(
		'seq,occurred_at,actor,actor_email,action,description,record_type,record_id,record,ip,detail,prev_hash,hash'
	);
	expect(lines).toHaveLength(4);
	expect(lines.filter((l) => l.includes('approved plan version 1.1'))).toHaveLength(1);
	expect(lines.slice(1).every((l) => l.includes(`plan_version,${plan.approvedId}`))).toBe(true);

	const entries: { action: string; record: { id: string }; hash: string }[] = JSON.parse(
		await download(page, 'JSON')
	);
	expect(entries.map((e) => e.action).sort()).toEqual([
		'plan.approved',
		'plan.draft_opened',
		'plan.submitted'
	]);
	expect(
		entries.every((e) => e.record.id === plan.approvedId && /^[0-9a-f]{64}$/.test(e.hash))
	).toBe(true);

	await page.goto(
		`/audit?action=audit.exported&actor=${encodeURIComponent(demoLogin('auditor').email)}`
	);
	const rows = page.getByRole('region', { name: 'Audit entries' }).getByRole('row');
	const newest = rows.nth(1);
	await expect(newest).toContainText('exported 3 audit entries as JSON');
	await expect(newest).toContainText('Ari Auditor');
	await expect(newest.locator('dd', { hasText: plan.approvedId })).toBeVisible();
	await expect(rows.nth(2)).toContainText('exported 3 audit entries as CSV');

	await page.getByRole('button', { name: 'Verify the chain' }).click();
	await expect(page.getByTestId('verification')).toContainText('chain intact');
});

test('the trail says which filter field is wrong and keeps to the phone’s width', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/audit?from=2026-02-30&type=plan_version&id=bad%20id');
	await expect(page.getByText('This date does not exist.')).toBeVisible();
	await expect(
		page.getByText('A record id has letters, digits, dashes and dots only.')
	).toBeVisible();
	await page.goto('/audit');
	const width = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		inner: window.innerWidth
	}));
	expect(width.scroll).toBeLessThanOrEqual(width.inner);
});
