import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanContent } from '../../src/lib/plans/content';
import { verifyPasswordReentry } from '../../src/lib/server/auth/reentry';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { NotFoundError } from '../../src/lib/server/errors';
import {
	findVersionForDisplay,
	renderingCache,
	versionForDisplay
} from '../../src/lib/server/plans/display';
import { createPlan } from '../../src/lib/server/plans/plans';
import * as versions from '../../src/lib/server/plans/versions';
import { makeUser, TEST_PASSWORD } from './fixtures';
import { createTestDatabase } from './test-database';

// The version page renders an approved version's markdown once and keeps it; drafts are
// rendered afresh, and what changes about a kept version (its status, names) is read anew.

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => h.db.transaction().execute(fn);
const content = (body: string): PlanContent => ({
	sections: [
		{ key: 'scope', title: 'Scope', level: 1, body: 'All production systems.' },
		{ key: 'escalation', title: 'Escalation', level: 2, body }
	],
	severityScale: [{ id: 'SEV1', name: 'Critical', criteria: 'Customer data **exposed**.' }],
	matrix: []
});
type Person = Awaited<ReturnType<typeof makeUser>>;
const actor = (u: Person) => ({ id: u.id, label: u.email, ip: null });
const reader = { inForceOnly: false };
const trainee = { inForceOnly: true };

async function approve(boss: Person, versionId: string, number: string) {
	const v = await versions.getVersion(h.db, versionId);
	await tx((trx) =>
		versions.submitForReview(trx, actor(boss), versionId, v!.revision, {
			number,
			changeSummary: `Version ${number}.`
		})
	);
	const reentry = await verifyPasswordReentry(h.db, boss, TEST_PASSWORD, null, {
		purpose: 'plan approval'
	});
	await tx((trx) =>
		versions.approve(
			trx,
			actor(boss),
			{ id: boss.id, email: boss.email, role: boss.role },
			versionId,
			{ comment: '', effectiveDate: '2026-12-01', reentry }
		)
	);
}

async function world() {
	const lead = await makeUser(h.db, 'lead');
	const boss = await makeUser(h.db, 'admin');
	const { plan, draft } = await tx((trx) =>
		createPlan(trx, actor(lead), {
			title: `Plan ${Math.random()}`,
			kind: 'ir-plan',
			content: content('Call the **CISO** within one hour.')
		})
	);
	return { lead, boss, plan, draft };
}

describe('the rendering of a plan version', () => {
	it('renders an approved version once and serves the kept rendering after', async () => {
		const { boss, plan, draft } = await world();
		await approve(boss, draft.id, '1.0');
		const before = renderingCache.entries;
		const first = await findVersionForDisplay(h.db, reader, plan.id, draft.id);
		const second = await findVersionForDisplay(h.db, reader, plan.id, draft.id);
		expect(first.display.sections[1]).toMatchObject({
			number: '1.1',
			title: 'Escalation',
			html: '<p>Call the <strong>CISO</strong> within one hour.</p>\n'
		});
		expect(first.display.severityScale[0].criteriaHtml).toContain('<strong>exposed</strong>');
		expect(renderingCache.entries).toBe(before + 1);
		// The same rendering, not a second one.
		expect(second.display.sections).toBe(first.display.sections);
		expect(second.display.approvedBy).toBe(boss.display_name);
	});

	it('never keeps a draft: an edit shows at once', async () => {
		const { lead, plan, draft } = await world();
		const before = renderingCache.entries;
		const shown = await findVersionForDisplay(h.db, reader, plan.id, draft.id);
		expect(shown.display.sections[1].html).toContain('one hour');
		await tx((trx) =>
			versions.saveDraft(
				trx,
				actor(lead),
				draft.id,
				draft.revision,
				content('Call the CISO within **ten minutes**.'),
				'edited'
			)
		);
		const edited = await findVersionForDisplay(h.db, reader, plan.id, draft.id);
		expect(edited.display.sections[1].html).toContain('<strong>ten minutes</strong>');
		expect(edited.display.revision).toBe(draft.revision + 1);
		expect(renderingCache.entries).toBe(before);
	});

	it('shows a kept version as superseded once the next one is approved', async () => {
		const { lead, boss, plan, draft } = await world();
		await approve(boss, draft.id, '1.0');
		expect((await findVersionForDisplay(h.db, reader, plan.id, draft.id)).display.status).toBe(
			'approved'
		);
		const next = await tx((trx) => versions.openDraft(trx, actor(lead), plan.id));
		await approve(boss, next.id, '1.1');
		const old = await findVersionForDisplay(h.db, reader, plan.id, draft.id);
		expect(old.display.status).toBe('superseded');
		expect(old.display.supersededAt).not.toBeNull();
	});

	it('gives the page the same version as the exports and reports read', async () => {
		const { boss, plan, draft } = await world();
		await approve(boss, draft.id, '1.0');
		const page = await findVersionForDisplay(h.db, reader, plan.id, draft.id);
		const row = await versions.getVersion(h.db, draft.id);
		expect(page.display).toEqual(await versionForDisplay(h.db, row!));
	});

	it('hides everything but the version in force from a trainee, and other plans’ versions', async () => {
		const { boss, plan, draft } = await world();
		await expect(findVersionForDisplay(h.db, trainee, plan.id, draft.id)).rejects.toThrow(
			NotFoundError
		);
		const other = await world();
		await expect(findVersionForDisplay(h.db, reader, other.plan.id, draft.id)).rejects.toThrow(
			NotFoundError
		);
		await approve(boss, draft.id, '1.0');
		const shown = await findVersionForDisplay(h.db, trainee, plan.id, draft.id);
		expect(shown.plan).toEqual({ id: plan.id, title: plan.title });
	});
});
