import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworkById } from '../../src/lib/programme/catalogue';
import { addMonths } from '../../src/lib/programme/requirement-status';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { startPractice } from '../../src/lib/server/drills/create';
import { cancel, end, start } from '../../src/lib/server/drills/lifecycle';
import { releaseDue } from '../../src/lib/server/drills/release';
import { ForbiddenError, InvalidInputError } from '../../src/lib/server/errors';
import { programmeCoverage } from '../../src/lib/server/programme/coverage';
import { drillSatisfies } from '../../src/lib/server/programme/evidence';
import { summarise } from '../../src/lib/server/programme/drill-facts';
import {
	programmeAlerts,
	programmeStatus,
	setFrameworkEnabled
} from '../../src/lib/server/programme/requirements';
import { builtInLibrary } from '../../src/lib/server/scenarios/library';
import * as users from '../../src/lib/server/users/users';
import { systemActor } from '../../src/lib/server/audit/log';
import { actor, drillWorld, ransomwareDrill, tx, type World } from './drills-fixtures';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// The exercise programme computed from the database with an injected clock: which drills,
// plan approvals and people's drills meet each requirement of the frameworks switched on,
// when they fall due, and which plan sections and matrix rows the last 12 months exercised.

let h: DatabaseHandle;
let w: World;
let planId: string;
/** The live ransomware drill that ended at at(40), with the SEV1 notification released. */
let tabletop: string;
let solo: string;
let v11: { id: string; approved_at: Date | null };

// The demo plan's versions are approved 400 and 40 days before the real clock, so this
// test's clock runs from ten days before it.
const START = new Date(Date.now() - 10 * 86_400_000);
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const ENDED = at(40);
const status = async (now: Date) => programmeStatus(h.db, now);
const requirement = async (id: string, now: Date) => {
	const s = await status(now);
	return s.frameworks.flatMap((f) => f.requirements).find((r) => r.id === id)!;
};
const enable = (id: string, on = true, who = w.admin) =>
	tx(h.db, (trx) => setFrameworkEnabled(trx, actor(who), id, on, at(0)));

beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
	planId = (await h.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
	v11 = await h.db
		.selectFrom('plan_versions')
		.select(['id', 'approved_at'])
		.where('status', '=', 'approved')
		.executeTakeFirstOrThrow();

	tabletop = await ransomwareDrill(h.db, w, { title: 'Q1 ransomware tabletop' });
	await tx(h.db, (trx) => start(trx, actor(w.lead), tabletop, at(0)));
	await tx(h.db, (trx) => releaseDue(trx, tabletop, at(36)));
	await tx(h.db, (trx) => end(trx, actor(w.lead), tabletop, ENDED));

	// Tara practises the phishing scenario alone, later.
	solo = (
		await tx(h.db, (trx) =>
			startPractice(trx, actor(w.tara), { scenarioId: 'phishing-mailbox-takeover' }, at(60))
		)
	).drillId;
	await tx(h.db, (trx) => end(trx, actor(w.tara), solo, at(70)));

	// A drill cancelled before it ran and one still a draft count for nothing.
	const cancelled = await ransomwareDrill(h.db, w, { title: 'Cancelled' });
	await tx(h.db, (trx) => cancel(trx, actor(w.lead), cancelled, at(5)));
	await ransomwareDrill(h.db, w, { title: 'Still a draft' });
});
afterAll(() => h.close());

describe('requirement status from the database', () => {
	it('shows only the always-on plan review until an admin switches a framework on', async () => {
		const s = await status(at(100));
		expect(s.frameworks.map((f) => f.id)).toEqual(['baseline']);
		expect(s.available.every((f) => !f.enabled)).toBe(true);
		const review = s.frameworks[0].requirements[0];
		expect(review.state).toBe('met');
		expect(review.lastMet).toMatchObject({
			kind: 'plan-version',
			label: expect.stringMatching(/v1\.1 approved$/),
			href: expect.stringMatching(new RegExp(`^/plans/${planId}/versions/`))
		});
		expect(review.lastMet?.href).toBe(`/plans/${planId}/versions/${v11.id}`);
		expect(review.nextDue).toBe(addMonths(v11.approved_at!, 12).toISOString());
	});

	it('meets PCI DSS 12.10.2 testing by the ended team drill, with a link to it', async () => {
		await enable('pci-dss');
		const r = await requirement('pci-12.10.2-test', at(100));
		expect(r.state).toBe('met');
		expect(r.lastMet).toEqual({
			kind: 'drill',
			at: ENDED.toISOString(),
			label: 'Q1 ransomware tabletop',
			href: `/drills/${tabletop}`
		});
		expect(r.nextDue).toBe(addMonths(ENDED, 12).toISOString());
	});

	it('moves from met to due to overdue as the injected clock passes the 12 months', async () => {
		const due = addMonths(ENDED, 12);
		const day = 86_400_000;
		expect((await requirement('pci-12.10.2-test', new Date(due.getTime() - 31 * day))).state).toBe(
			'met'
		);
		expect((await requirement('pci-12.10.2-test', new Date(due.getTime() - 29 * day))).state).toBe(
			'due'
		);
		expect((await requirement('pci-12.10.2-test', new Date(due.getTime() + 1))).state).toBe(
			'overdue'
		);
	});

	it('is never met at a moment before any drill had ended', async () => {
		const r = await requirement('pci-12.10.2-test', at(39));
		expect(r).toMatchObject({ state: 'never', lastMet: null, nextDue: null });
	});

	it('does not count solo practice as a test of the plan', async () => {
		// The practice ended after the tabletop: a test would name it if it counted.
		const r = await requirement('pci-12.10.2-test', at(100));
		expect(r.lastMet?.href).toBe(`/drills/${tabletop}`);
	});

	it('asks for every SOC lead and trainee to have taken part, naming who has not', async () => {
		const r = await requirement('pci-12.10.4-training', at(100));
		// The lead facilitated and the other trainee never took part.
		expect(r.state).toBe('never');
		expect(r.behind.map((b) => b.label).sort()).toEqual(
			[w.lead.display_name, w.other.display_name].sort()
		);
		expect(r.subjects).toBe(4);
	});

	it('counts solo practice as training, and leaves disabled users out', async () => {
		const r = await requirement('pci-12.10.4-training', at(100));
		const tara = r.behind.find((b) => b.id === w.tara.id);
		expect(tara).toBeUndefined();
		const gone = await makeUser(h.db, 'trainee');
		await tx(h.db, (trx) => users.setDisabled(trx, systemActor('test'), gone.id, true));
		const again = await requirement('pci-12.10.4-training', at(100));
		expect(again.behind.map((b) => b.id)).not.toContain(gone.id);
	});

	it('needs the capabilities a requirement names: DORA Art. 11(6) by a drill exercising recovery', async () => {
		await enable('dora');
		const r = await requirement('dora-art11-6', at(100));
		expect(r.state).toBe('met');
		expect(r.lastMet?.href).toBe(`/drills/${tabletop}`);
	});

	it('lists alerts for due, overdue and never-met requirements, overdue first', async () => {
		const alerts = await programmeAlerts(h.db, addMonths(ENDED, 13));
		expect(alerts.length).toBeGreaterThan(0);
		expect(alerts[0].state).toBe('overdue');
		expect(alerts.map((a) => a.requirementId)).toContain('pci-12.10.2-test');
		expect(alerts.every((a) => a.state !== ('met' as string))).toBe(true);
		const states = alerts.map((a) => a.state);
		expect(states.indexOf('never')).toBeGreaterThan(states.lastIndexOf('overdue'));
	});
});

describe('switching frameworks', () => {
	it('records who switched a framework on, once, in the audit trail', async () => {
		const first = await enable('nist-800-53');
		const second = await enable('nist-800-53');
		expect(first.changed).toBe(true);
		expect(second.changed).toBe(false);
		const entries = await h.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'target_id'])
			.where('action', '=', 'programme.framework_enabled')
			.where('target_id', '=', 'nist-800-53')
			.execute();
		expect(entries).toEqual([
			{ action: 'programme.framework_enabled', actor_id: w.admin.id, target_id: 'nist-800-53' }
		]);
		const s = await status(at(100));
		expect(s.frameworks.find((f) => f.id === 'nist-800-53')?.enabledAt).toBe(at(0).toISOString());
	});

	it('switches a framework off, audited, and its requirements leave the programme', async () => {
		await enable('soc2');
		expect((await enable('soc2', false)).changed).toBe(true);
		const s = await status(at(100));
		expect(s.frameworks.map((f) => f.id)).not.toContain('soc2');
		const off = await h.db
			.selectFrom('audit_log')
			.select('detail')
			.where('action', '=', 'programme.framework_disabled')
			.where('target_id', '=', 'soc2')
			.executeTakeFirst();
		expect(off?.detail).toMatchObject({ name: expect.stringContaining('SOC 2') });
	});

	it('refuses a lead, the baseline and an unknown framework, naming the field', async () => {
		await expect(enable('hipaa', true, w.lead)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(enable('baseline')).rejects.toMatchObject({ field: 'framework' });
		const unknown = enable('no-such-framework');
		await expect(unknown).rejects.toBeInstanceOf(InvalidInputError);
		await expect(unknown).rejects.toMatchObject({ field: 'framework' });
		expect(frameworkById('hipaa')).toBeDefined();
		const s = await status(at(100));
		expect(s.available.find((f) => f.id === 'hipaa')?.enabled).toBe(false);
	});

	it('switches a framework on once when two admins do it at the same moment', async () => {
		const other = await makeUser(h.db, 'admin');
		const results = await Promise.all([enable('nis2', true, w.admin), enable('nis2', true, other)]);
		expect(results.filter((r) => r.changed)).toHaveLength(1);
		const rows = await h.db
			.selectFrom('programme_frameworks')
			.selectAll()
			.where('framework_id', '=', 'nis2')
			.execute();
		expect(rows).toHaveLength(1);
	});
});

describe('what a drill satisfies', () => {
	it('reads categories, capabilities and plan sections from the scenario', () => {
		const ransomware = { mode: 'live' as const, facts: factsOf('ransomware-double-extortion') };
		expect(drillSatisfies({ kind: 'drill', categories: ['ransomware'] }, ransomware)).toBe(true);
		expect(drillSatisfies({ kind: 'drill', categories: ['phishing'] }, ransomware)).toBe(false);
		expect(drillSatisfies({ kind: 'drill', capabilities: ['recovery'] }, ransomware)).toBe(true);
		expect(drillSatisfies({ kind: 'drill', capabilities: ['communication'] }, ransomware)).toBe(
			false
		);
		expect(
			drillSatisfies({ kind: 'drill', planSections: ['escalation', 'bc-dr'] }, ransomware)
		).toBe(true);
		expect(drillSatisfies({ kind: 'drill', planSections: ['training'] }, ransomware)).toBe(false);
		expect(drillSatisfies({ kind: 'drill', teamOnly: true }, { ...ransomware, mode: 'solo' })).toBe(
			false
		);
	});
});

describe('coverage of the plan in force', () => {
	it('counts the plan sections the ended drills named, and calls out those never exercised', async () => {
		const c = await programmeCoverage(h.db, at(100));
		const plan = c.plans.find((p) => p.planId === planId)!;
		expect(plan.drillsCounted).toBe(2);
		const section = (key: string) => plan.sections.find((s) => s.key === key)!;
		expect(section('escalation')).toMatchObject({
			teamDrills: 1,
			practice: 0,
			last: { href: `/drills/${tabletop}` }
		});
		// Named by the phishing practice only.
		const phishingOnly = factsOf('phishing-mailbox-takeover').planSections.find(
			(k) => !factsOf('ransomware-double-extortion').planSections.includes(k)
		);
		if (phishingOnly)
			expect(section(phishingOnly)).toMatchObject({
				teamDrills: 0,
				practice: 1,
				last: { href: `/drills/${solo}` }
			});
		expect(section('training')).toMatchObject({ teamDrills: 0, practice: 0, last: null });
		// The chapter holding the escalation section was exercised through it.
		const at_ = plan.sections.findIndex((s) => s.key === 'escalation');
		const chapter = plan.sections.slice(0, at_).findLast((s) => s.level === 1)!;
		expect(section('escalation').level).toBe(2);
		expect(chapter.teamDrills).toBe(1);
		expect(chapter.last).not.toBeNull();
	});

	it('counts the matrix rows a released notification prompt required at its severity and facts', async () => {
		const c = await programmeCoverage(h.db, at(100));
		const plan = c.plans.find((p) => p.planId === planId)!;
		const exercised = plan.matrix.filter((r) => r.teamDrills > 0).map((r) => r.key);
		expect(exercised.length).toBeGreaterThan(0);
		expect(exercised.length).toBeLessThan(plan.matrix.length);
		const rows = await h.db
			.selectFrom('plan_versions')
			.select('content')
			.where('plan_id', '=', planId)
			.where('status', '=', 'approved')
			.executeTakeFirstOrThrow();
		const matrix = (rows.content as { matrix: { key: string; audience: string }[] }).matrix;
		const regulators = matrix.filter((r) => r.audience === 'regulator').map((r) => r.key);
		expect(exercised.some((k) => regulators.includes(k))).toBe(true);
	});

	it('leaves out drills that ended more than 12 months ago', async () => {
		const c = await programmeCoverage(h.db, addMonths(at(100), 13));
		const plan = c.plans.find((p) => p.planId === planId)!;
		expect(plan.drillsCounted).toBe(0);
		expect(plan.sections.every((s) => s.teamDrills === 0 && s.practice === 0)).toBe(true);
	});
});

function factsOf(id: string) {
	return summarise(builtInLibrary().find((s) => s.id === id)!.scenario!);
}
