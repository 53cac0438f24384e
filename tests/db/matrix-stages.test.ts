import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261130T1100_matrix-stages';
import type { MatrixRow, PlanContent } from '../../src/lib/plans/content';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { diffPlanContent } from '../../src/lib/server/plans/diff';
import { createPlan } from '../../src/lib/server/plans/plans';
import * as versions from '../../src/lib/server/plans/versions';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// The communication matrix moved from one deadline in minutes to staged deadlines with
// anchors and conditions: open versions are rewritten, approved ones stay as approved.

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => h.db.transaction().execute(fn);
type Person = Awaited<ReturnType<typeof makeUser>>;
const actor = (u: Person) => ({ id: u.id, label: u.email, ip: null });

const row = (key: string, notifications: MatrixRow['notifications']): MatrixRow => ({
	key,
	stakeholder: key.toUpperCase(),
	audience: 'internal',
	contacts: [{ name: 'On call', email: 'oncall@example.org', phone: '', outOfBand: '' }],
	appliesWhen: [],
	notifications,
	notifier: 'Incident commander',
	approver: '',
	messageTemplate: 'Line one\nLine two'
});
const content = (): PlanContent => ({
	sections: [{ key: 'scope', title: 'Scope', level: 1, body: 'All production systems.' }],
	severityScale: [
		{ id: 'SEV1', name: 'Critical', criteria: 'Customer data exposed.' },
		{ id: 'SEV2', name: 'High', criteria: 'Service degraded.' }
	],
	matrix: [
		row('ciso', { SEV1: { notify: true, stages: [] }, SEV2: { notify: false, stages: [] } }),
		row('dpo', { SEV1: { notify: true, stages: [] }, SEV2: { notify: false, stages: [] } })
	]
});

/** The matrix as a release before staged deadlines stored it. */
const legacyMatrix = [
	{
		...row('ciso', {}),
		appliesWhen: undefined,
		notifications: {
			SEV1: { notify: true, withinMinutes: 4320 },
			SEV2: { notify: true, withinMinutes: 90 }
		}
	},
	{
		...row('dpo', {}),
		appliesWhen: undefined,
		notifications: {
			SEV1: { notify: true, withinMinutes: 60 },
			SEV2: { notify: false, withinMinutes: null }
		}
	}
];

const storedText = async (versionId: string) =>
	(
		await sql<{
			t: string;
		}>`select to_jsonb(v)::text as t from plan_versions v where id = ${versionId}`.execute(h.db)
	).rows[0].t;

/**
 * A plan whose approved version and open draft both hold the legacy matrix, written as an
 * older release stored them (straight into the table: today's code would write the new shape).
 */
async function legacyPlan() {
	const author = await makeUser(h.db, 'lead');
	const boss = await makeUser(h.db, 'admin');
	const plan = await h.db
		.insertInto('plans')
		.values({ title: `Plan ${Math.random()}`, kind: 'ir-plan', created_by: author.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	const legacy = JSON.stringify({ ...content(), matrix: legacyMatrix });
	const insert = (values: Record<string, unknown>) =>
		h.db
			.insertInto('plan_versions')
			.values({
				plan_id: plan.id,
				content: legacy,
				author_id: author.id,
				contributor_ids: JSON.stringify([author.id]),
				status: 'draft',
				...values
			})
			.returning('id')
			.executeTakeFirstOrThrow();
	const approved = await insert({
		status: 'approved',
		major: 1,
		minor: 0,
		approved_by: boss.id,
		approved_at: new Date(),
		effective_date: '2026-12-01',
		next_review_date: '2027-12-01'
	});
	const draft = await insert({ based_on_id: approved.id });
	return { approvedId: approved.id, draftId: draft.id };
}

describe('migration to staged matrix deadlines', () => {
	it('rewrites an open draft: no conditions, one stage "Notify" from declaration, hours when whole', async () => {
		const { draftId } = await legacyPlan();
		await up(h.db);
		const draft = await versions.getVersion(h.db, draftId);
		const matrix = (draft!.content as PlanContent).matrix;
		expect(matrix.map((r) => [r.key, r.appliesWhen, r.notifications])).toEqual([
			[
				'ciso',
				[],
				{
					SEV1: {
						notify: true,
						stages: [
							{
								name: 'Notify',
								deadlines: [{ within: { amount: 72, unit: 'hours' }, anchor: 'declaration' }]
							}
						]
					},
					SEV2: {
						notify: true,
						stages: [
							{
								name: 'Notify',
								deadlines: [{ within: { amount: 90, unit: 'minutes' }, anchor: 'declaration' }]
							}
						]
					}
				}
			],
			[
				'dpo',
				[],
				{
					SEV1: {
						notify: true,
						stages: [
							{
								name: 'Notify',
								deadlines: [{ within: { amount: 1, unit: 'hours' }, anchor: 'declaration' }]
							}
						]
					},
					SEV2: { notify: false, stages: [] }
				}
			]
		]);
		// Everything else in the row is as it was.
		expect(matrix[0]).toMatchObject({ stakeholder: 'CISO', messageTemplate: 'Line one\nLine two' });
	});

	it('leaves an approved version byte for byte as approved, and reads it as the same matrix', async () => {
		const { approvedId, draftId } = await legacyPlan();
		const before = await storedText(approvedId);
		await up(h.db);
		expect(await storedText(approvedId)).toBe(before);
		const approved = await versions.getVersion(h.db, approvedId);
		const draft = await versions.getVersion(h.db, draftId);
		expect(approved!.status).toBe('approved');
		const diff = diffPlanContent(versions.contentOf(approved!), versions.contentOf(draft!));
		expect(diff.matrix.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
		expect(
			versions.contentOf(approved!).matrix[0].notifications.SEV1.stages[0].deadlines[0]
		).toEqual({
			within: { amount: 72, unit: 'hours' },
			anchor: 'declaration'
		});
	});

	it('changes nothing when run again', async () => {
		const { draftId } = await legacyPlan();
		await up(h.db);
		const once = await storedText(draftId);
		await up(h.db);
		expect(await storedText(draftId)).toBe(once);
	});
});

describe('migration down', () => {
	it('writes one deadline in minutes back, from the first stage', async () => {
		const { draftId } = await legacyPlan();
		await up(h.db);
		await down(h.db);
		const matrix = ((await versions.getVersion(h.db, draftId))!.content as { matrix: unknown[] })
			.matrix;
		expect(matrix.map((r) => (r as { notifications: unknown }).notifications)).toEqual(
			legacyMatrix.map((r) => r.notifications)
		);
		await up(h.db);
	});
});

describe('stored text', () => {
	it('saves CRLF line endings from a browser as LF', async () => {
		const author = await makeUser(h.db, 'lead');
		const valid = content();
		valid.matrix.forEach((r) => {
			r.notifications.SEV1.stages = [
				{
					name: 'Notify',
					deadlines: [{ within: { amount: 1, unit: 'hours' }, anchor: 'declaration' }]
				}
			];
		});
		const { draft } = await tx((trx) =>
			createPlan(trx, actor(author), {
				title: `Plan ${Math.random()}`,
				kind: 'ir-plan',
				content: valid
			})
		);
		const posted = structuredClone(valid);
		posted.sections[0].body = 'First line\r\nSecond line\rThird line';
		posted.matrix[0].messageTemplate = 'Dear regulator,\r\n\r\nWe write about {{incident_id}}.';
		await tx((trx) =>
			versions.saveDraft(trx, actor(author), draft.id, draft.revision, posted, 'test')
		);
		const stored = (await versions.getVersion(h.db, draft.id))!.content as PlanContent;
		expect(stored.sections[0].body).toBe('First line\nSecond line\nThird line');
		expect(stored.matrix[0].messageTemplate).toBe(
			'Dear regulator,\n\nWe write about {{incident_id}}.'
		);
	});
});
