import { expect, test, type Browser, type Page } from '@playwright/test';
import { createDrillAs } from './drill-fixture';
import { createUserAsAdmin, newApiContext, sessionFile, type Role } from './helpers';

// The exercise programme in the browser: an auditor reads requirement statuses with their
// evidence links and the coverage of the plan in force; a lead's drill ends and the programme
// names it as what last met PCI DSS 12.10.2; an admin switches a framework on and off; the
// dashboard alerts for what is due. The demo switched on PCI DSS, ISO/IEC 27001, DORA and
// NIST SP 800-53.

test.describe.configure({ mode: 'serial' });

async function pageAs(browser: Browser, role: Role): Promise<Page> {
	const context = await browser.newContext({ storageState: sessionFile(role) });
	return context.newPage();
}

test('an auditor reads the programme: status, evidence links and what satisfies each', async ({
	browser
}) => {
	const page = await pageAs(browser, 'auditor');
	await page.goto('/programme');
	await expect(page.getByRole('heading', { level: 1, name: 'Exercise programme' })).toBeVisible();
	for (const name of ['Plan review', 'PCI DSS', 'ISO/IEC 27001', 'DORA', 'NIST SP 800-53'])
		await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
	const review = page.getByTestId('requirement-pci-12.10.2-review');
	await expect(review).toContainText('12.10.2');
	await expect(review.getByText('Met', { exact: true })).toBeVisible();
	await expect(review.getByRole('link', { name: /approved$/ })).toHaveAttribute(
		'href',
		/^\/plans\/[0-9a-f-]{36}\/versions\/[0-9a-f-]{36}$/
	);
	// Auditors read; they switch nothing.
	await expect(page.getByTestId('framework-switches')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Switch on/ })).toHaveCount(0);

	await page.getByRole('link', { name: 'Coverage of the plan in force' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('What the programme exercised');
	await expect(page.getByTestId('coverage-section').first()).toBeVisible();
	await expect(page.getByTestId('never-exercised').first()).toBeVisible();
	await page.context().close();
});

test('the programme names the drill that just ended as what last met PCI DSS 12.10.2', async ({
	browser
}) => {
	const lead = await newApiContext(sessionFile('lead'));
	const { plans } = await (await lead.get('/api/v1/plans')).json();
	const plan = plans.find((p: { approved: { id: string } | null }) => p.approved);
	const api = await newApiContext(sessionFile('trainee'));
	const traineeId = (await (await api.get('/api/v1/me')).json()).user.id as string;
	await api.dispose();
	const title = `Programme test drill ${Date.now()}`;
	const drillId = await createDrillAs(lead, {
		planVersionId: plan.approved.id,
		title,
		participants: { [traineeId]: ['ic'] }
	});

	const page = await pageAs(browser, 'lead');
	await page.goto('/programme');
	const testing = page.getByTestId('requirement-pci-12.10.2-test');
	await expect(testing.getByRole('link', { name: title })).toHaveCount(0);

	for (const step of ['start', 'end'])
		expect((await lead.post(`/drills/${drillId}?/${step}`, { form: {} })).status()).toBe(303);
	await lead.dispose();

	await page.reload();
	await expect(testing.getByText('Met', { exact: true })).toBeVisible();
	const evidence = testing.getByRole('link', { name: title });
	await expect(evidence).toHaveAttribute('href', `/drills/${drillId}`);
	await evidence.click();
	await expect(page).toHaveURL(new RegExp(`/drills/${drillId}$`));
	await page.context().close();
});

test('an admin switches SOC 2 on and off; the requirements follow', async ({ browser }) => {
	const page = await pageAs(browser, 'admin');
	await page.goto('/programme');
	const switches = page.getByTestId('framework-switches');
	await expect(page.getByTestId('framework-soc2')).toHaveCount(0);
	await switches.getByRole('button', { name: 'Switch on SOC 2' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'switched' })).toContainText(
		'SOC 2 switched on'
	);
	const soc2 = page.getByTestId('framework-soc2');
	await expect(soc2.getByTestId('requirement-soc2-cc7.4')).toContainText('CC7.4');
	await expect(soc2.getByTestId('requirement-soc2-cc7.5')).toContainText('CC7.5');

	await switches.getByRole('button', { name: 'Switch off SOC 2' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'switched' })).toContainText(
		'SOC 2 switched off'
	);
	await expect(page.getByTestId('framework-soc2')).toHaveCount(0);
	await page.context().close();
});

test('the dashboard alerts leads to framework tests due, and the API answers the same', async ({
	browser
}) => {
	// A trainee who has never taken part: PCI DSS 12.10.4 (staff trained) is behind whatever
	// the tests before this one ran.
	const admin = await pageAs(browser, 'admin');
	const newcomer = await createUserAsAdmin(admin, { role: 'trainee', method: 'password' });
	await admin.context().close();

	const page = await pageAs(browser, 'lead');
	await page.goto('/');
	const alerts = page.getByTestId('dashboard-programme');
	await expect(alerts.getByRole('heading', { name: 'Framework tests due' })).toBeVisible();
	const training = alerts.locator('[data-requirement="pci-12.10.4-training"]');
	await expect(training.getByText('Never met')).toBeVisible();
	await training.getByRole('link', { name: 'PCI DSS 12.10.4' }).click();
	await expect(page).toHaveURL(/\/programme#req-pci-12.10.4-training$/);
	await expect(page.getByTestId('requirement-pci-12.10.4-training')).toContainText(`E2E trainee`);

	const api = await newApiContext(sessionFile('auditor'));
	const body = await (await api.get('/api/v1/programme')).json();
	const pci = body.frameworks.find((f: { id: string }) => f.id === 'pci-dss');
	const req = pci.requirements.find((r: { id: string }) => r.id === 'pci-12.10.4-training');
	expect(req.state).toBe('never');
	// Those never trained come first; the newcomer is one of them.
	expect(req.behind[0].state).toBe('never');
	expect(req.behindCount).toBeGreaterThanOrEqual(1);
	expect(newcomer.id).toMatch(/^[0-9a-f-]{36}$/);
	const dora = body.frameworks.find((f: { id: string }) => f.id === 'dora');
	expect(dora.requirements.map((r: { clause: string }) => r.clause)).toEqual([
		'Art. 11(6)',
		'Art. 13(6)'
	]);
	expect(body.available.find((f: { id: string }) => f.id === 'dora').enabled).toBe(true);
	await api.dispose();

	const trainee = await pageAs(browser, 'trainee');
	await trainee.goto('/');
	await expect(trainee.getByTestId('dashboard-programme')).toHaveCount(0);
	await page.context().close();
	await trainee.context().close();
});
