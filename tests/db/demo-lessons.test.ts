import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import { todayUtc } from '../../src/lib/server/plans/versions';
import { createTestDatabase } from './test-database';

// The demo data shows the whole lessons-learned loop on a first start: what a SOC lead and
// an auditor look for on the improvement plan must be there.

let h: DatabaseHandle;
let dataDir: string;
beforeAll(async () => {
	h = await createTestDatabase();
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-demo-lessons-'));
	await bootstrap(h.db, readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '1' }));
}, 120_000);
afterAll(async () => {
	await h?.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('demo lessons learned', () => {
	it('has corrective actions in every status, one of them overdue', async () => {
		const actions = await h.db
			.selectFrom('corrective_actions')
			.select(['status', 'due_date', 'verified_by_kind', 'verified_drill_id', 'cancel_reason'])
			.execute();
		expect(new Set(actions.map((a) => a.status))).toEqual(
			new Set(['open', 'in_progress', 'done', 'verified', 'cancelled'])
		);
		const today = todayUtc();
		expect(
			actions.filter((a) => ['open', 'in_progress'].includes(a.status) && a.due_date < today)
		).toHaveLength(1);
		const verified = actions.find((a) => a.status === 'verified')!;
		expect(verified.verified_by_kind).toBe('drill');
		const retest = await h.db
			.selectFrom('drills')
			.select(['title', 'ended_at'])
			.where('id', '=', verified.verified_drill_id!)
			.executeTakeFirstOrThrow();
		expect(retest.title).toMatch(/re-test/i);
	});

	it('links one action to the demo plan’s open draft', async () => {
		const links = await h.db
			.selectFrom('plan_version_actions as l')
			.innerJoin('plan_versions as v', 'v.id', 'l.plan_version_id')
			.select(['v.status', 'l.section_keys'])
			.execute();
		expect(links).toEqual([{ status: 'draft', section_keys: ['escalation'] }]);
	});

	it('has a hot wash, findings of both kinds and a real-incident review', async () => {
		const responses = await h.db.selectFrom('hot_wash_responses').select('user_id').execute();
		expect(responses.length).toBeGreaterThanOrEqual(2);
		const kinds = await h.db
			.selectFrom('findings')
			.select(['kind', 'incident_review_id'])
			.execute();
		expect(new Set(kinds.map((k) => k.kind))).toEqual(
			new Set(['strength', 'area_for_improvement'])
		);
		expect(kinds.filter((k) => k.incident_review_id !== null).length).toBeGreaterThan(0);
		const reviews = await h.db.selectFrom('incident_reviews').select('reference').execute();
		expect(reviews.map((r) => r.reference)).toEqual(['INC-2026-031']);
	});
});
