import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { newApiContext, sessionFile, type Role } from './helpers';

// An auditor, on the demo data, downloads the three reports where their subjects live: the
// demo drill's AAR/IP from its results, the approved plan version's report from its page and
// an evidence pack from the programme page. Each is a real PDF with the subject's text, and
// the Reports page confirms each as genuine and names a copy with one changed byte as altered.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-e2e-reports-'));
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function pageAs(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

const pdfText = (file: string) =>
	execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

/** Clicks the download control and keeps the file it produced. */
async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
	const [file] = await Promise.all([page.waitForEvent('download'), click()]);
	const target = path.join(dir, name);
	await file.saveAs(target);
	expect(fs.readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	return target;
}

async function verify(page: Page, file: string) {
	await page.goto('/reports');
	await page.getByLabel('PDF file').setInputFiles(file);
	await page.getByRole('button', { name: 'Check the file' }).click();
	return page.getByTestId('verification');
}

async function expectGenuine(page: Page, file: string, what: RegExp) {
	const result = await verify(page, file);
	await expect(result).toHaveAttribute('data-verdict', 'genuine');
	await expect(result).toContainText('Genuine and unchanged');
	await expect(result).toContainText(what);
	await expect(result).toContainText('Audit trail head');
	await expect(result.getByTestId('anchor')).toContainText('still holds entry');

	const changed = path.join(dir, `changed-${path.basename(file)}`);
	const bytes = fs.readFileSync(file);
	bytes[Math.floor(bytes.length / 2)] ^= 0x01;
	fs.writeFileSync(changed, bytes);
	const altered = await verify(page, changed);
	await expect(altered).toHaveAttribute('data-verdict', 'altered');
	await expect(altered).toContainText('Changed after Hotwash generated it');
}

test('an auditor downloads the demo drill’s AAR/IP from its results and the Reports page confirms it', async ({
	browser
}) => {
	const page = await pageAs(browser, 'auditor');
	await page.goto('/drills');
	await page
		.getByTestId('drill-item')
		.filter({ hasText: 'Q1 ransomware tabletop' })
		.getByRole('link', { name: 'Results' })
		.click();
	const file = await download(page, () => page.getByTestId('aar-download').click(), 'aar.pdf');
	const text = pdfText(file);
	expect(text).toContain('Q1 ransomware tabletop');
	expect(text).toContain('Improvement Plan');
	expect(text).toMatch(/Page 1 of \d+/);
	await expectGenuine(page, file, /After-action report.*Q1 ransomware tabletop/i);
	await page.context().close();
});

test('an auditor downloads the approved plan version report, and an evidence pack for a period', async ({
	browser
}) => {
	const page = await pageAs(browser, 'auditor');
	await page.goto('/plans');
	await page.getByRole('link', { name: 'Incident Response Plan' }).first().click();
	// The plan's page shows the version in force; its report is on the version's page.
	await page
		.getByRole('link', { name: /^Version \d+\.\d+/ })
		.first()
		.click();
	const planFile = await download(
		page,
		() => page.getByTestId('plan-report-download').click(),
		'plan.pdf'
	);
	expect(pdfText(planFile)).toContain('Incident Response Plan');
	await expectGenuine(page, planFile, /Plan version report/);

	await page.goto('/programme');
	const form = page.getByTestId('evidence-pack-form');
	await form.getByLabel('From').fill('2026-01-01');
	await form.getByLabel('To').fill('2026-11-30');
	const packFile = await download(
		page,
		() => form.getByRole('button', { name: /evidence pack/ }).click(),
		'pack.pdf'
	);
	const pack = pdfText(packFile);
	expect(pack).toContain('PCI DSS');
	expect(pack).toMatch(/[0-9a-f]{64}/);
	await expectGenuine(page, packFile, /Compliance evidence pack/);

	// Every download is listed, newest first, with who asked.
	await page.goto('/reports');
	const runs = page.getByTestId('report-runs');
	await expect(runs.getByRole('row')).not.toHaveCount(1);
	await expect(runs.getByRole('row').nth(1)).toContainText('Compliance evidence pack');
	await page.context().close();
});

test('a refused evidence pack says why on the page, and a file sent whole is checked too', async ({
	browser
}) => {
	const page = await pageAs(browser, 'lead');
	await page.goto('/programme');
	const form = page.getByTestId('evidence-pack-form');
	await form.getByLabel('From').fill('2026-11-01');
	await form.getByLabel('To').fill('2026-01-01');
	await form.getByRole('button', { name: /evidence pack/ }).click();
	await expect(form.getByRole('status')).toContainText(/to|from/i);
	await expect(form.getByRole('status')).toHaveClass(/error/);
	await page.context().close();

	// Without the browser's hashing: the API takes the PDF itself.
	const lead = await newApiContext(sessionFile('lead'));
	const made = await lead.get('/api/v1/reports/evidence-pack.pdf');
	expect(made.status()).toBe(200);
	const bytes = await made.body();
	const checked = await lead.post('/api/v1/reports/verify', {
		data: bytes,
		headers: { 'content-type': 'application/pdf' }
	});
	expect(checked.status()).toBe(200);
	const body = await checked.json();
	expect(body.verdict).toBe('genuine');
	expect(body.report.id).toBe(made.headers()['x-report-id']);
	await lead.dispose();
});
