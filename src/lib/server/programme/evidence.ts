import type { Kysely } from 'kysely';
import type { Requirement, Satisfier } from '../../programme/catalogue';
import type { EvidenceItem, Subject } from '../../programme/requirement-status';
import type { Role } from '../../permissions';
import type { Database } from '../db/schema';
import { formatVersionNumber } from '../plans/version-number';
import { cachedFacts, drillFacts, type DrillFacts } from './drill-facts';

// The evidence the programme's requirements are judged on, read from the database as it
// stood at `now` (nothing later counts, so a test's clock decides): ended drills, approved IR
// plan versions, and each person's latest drill. The requirement status itself is the pure
// function in src/lib/programme/requirement-status.ts.

/** The newest ended drills read for evidence: enough for years of a busy programme. */
export const MAX_EVIDENCE_DRILLS = 1_000;

export type EndedDrill = {
	id: string;
	title: string;
	mode: 'live' | 'solo' | 'async';
	planId: string;
	planVersionId: string;
	endedAt: Date;
	facts: DrillFacts;
};

/** Ended drills up to `now` (newest first), each with what its scenario covers. */
export async function endedDrills(
	db: Kysely<Database>,
	now: Date,
	since?: Date
): Promise<EndedDrill[]> {
	let q = db
		.selectFrom('drills')
		.select(['id', 'title', 'mode', 'plan_id', 'plan_version_id', 'ended_at'])
		.where('status', '=', 'ended')
		.where('ended_at', 'is not', null)
		.where('ended_at', '<=', now);
	if (since) q = q.where('ended_at', '>', since);
	const rows = await q
		.orderBy('ended_at', 'desc')
		.orderBy('id')
		.limit(MAX_EVIDENCE_DRILLS)
		.execute();
	// The scenario text is large: read it only for drills not summarised yet.
	const texts = new Map<string, string>();
	const unknown = rows.filter((r) => !cachedFacts(r.id)).map((r) => r.id);
	for (let i = 0; i < unknown.length; i += 100) {
		const chunk = await db
			.selectFrom('drills')
			.select(['id', 'scenario_yaml'])
			.where('id', 'in', unknown.slice(i, i + 100))
			.execute();
		for (const c of chunk) texts.set(c.id, c.scenario_yaml);
	}
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		mode: r.mode,
		planId: r.plan_id,
		planVersionId: r.plan_version_id,
		endedAt: r.ended_at!,
		facts: cachedFacts(r.id) ?? drillFacts(r.id, texts.get(r.id)!)
	}));
}

export function drillEvidence(d: Pick<EndedDrill, 'id' | 'title' | 'mode' | 'endedAt'>) {
	return {
		kind: d.mode === 'solo' ? 'practice' : 'drill',
		at: d.endedAt,
		label: d.title,
		href: `/drills/${d.id}`
	} satisfies EvidenceItem;
}

/** Whether a drill satisfies a drill requirement (see the catalogue for the rules). */
export function drillSatisfies(
	s: Extract<Satisfier, { kind: 'drill' }>,
	d: Pick<EndedDrill, 'mode' | 'facts'>
): boolean {
	if (s.teamOnly && d.mode === 'solo') return false;
	if (s.categories?.length && !s.categories.includes(d.facts.category)) return false;
	if (s.capabilities?.some((c) => !d.facts.capabilities.has(c))) return false;
	if (s.planSections?.some((k) => !d.facts.planSections.includes(k))) return false;
	return true;
}

/** Each IR plan with its latest approval up to `now`. */
async function planSubjects(db: Kysely<Database>, now: Date): Promise<Subject[]> {
	const plans = await db
		.selectFrom('plans')
		.select(['id', 'title'])
		.where('kind', '=', 'ir-plan')
		.orderBy('title')
		.execute();
	if (plans.length === 0) return [];
	const approvals = await db
		.selectFrom('plan_versions')
		.select(['id', 'plan_id', 'major', 'minor', 'approved_at'])
		.where(
			'plan_id',
			'in',
			plans.map((p) => p.id)
		)
		.where('approved_at', 'is not', null)
		.where('approved_at', '<=', now)
		.orderBy('approved_at', 'desc')
		.execute();
	return plans.map((p) => {
		const v = approvals.find((a) => a.plan_id === p.id);
		return {
			id: p.id,
			label: p.title,
			last: v
				? {
						kind: 'plan-version',
						at: v.approved_at!,
						label: `${p.title} v${formatVersionNumber(v)} approved`,
						href: `/plans/${p.id}/versions/${v.id}`
					}
				: null
		};
	});
}

/** Every active user of the roles, with the latest drill each took part in up to `now`. */
async function peopleSubjects(db: Kysely<Database>, roles: Role[], now: Date): Promise<Subject[]> {
	const people = await db
		.selectFrom('users')
		.select(['id', 'display_name'])
		.where('role', 'in', roles)
		.where('disabled_at', 'is', null)
		.orderBy('display_name')
		.execute();
	if (people.length === 0) return [];
	const latest = await db
		.selectFrom('drill_members as m')
		.innerJoin('drills as d', 'd.id', 'm.drill_id')
		.distinctOn('m.user_id')
		.select(['m.user_id', 'd.id', 'd.title', 'd.mode', 'd.ended_at'])
		.where('m.kind', '=', 'participant')
		.where(
			'm.user_id',
			'in',
			people.map((p) => p.id)
		)
		.where('d.status', '=', 'ended')
		.where('d.ended_at', 'is not', null)
		.where('d.ended_at', '<=', now)
		.orderBy('m.user_id')
		.orderBy('d.ended_at', 'desc')
		.execute();
	const byUser = new Map(latest.map((l) => [l.user_id, l]));
	return people.map((p) => {
		const l = byUser.get(p.id);
		return {
			id: p.id,
			label: p.display_name,
			last: l
				? drillEvidence({ id: l.id, title: l.title, mode: l.mode, endedAt: l.ended_at! })
				: null
		};
	});
}

/** What is known once per computation, shared by every requirement. */
export type EvidenceContext = {
	drills: EndedDrill[];
	plans: Subject[];
	people: Map<string, Subject[]>;
};

export async function loadEvidence(
	db: Kysely<Database>,
	requirements: readonly Requirement[],
	now: Date
): Promise<EvidenceContext> {
	const needs = (kind: Satisfier['kind']) => requirements.some((r) => r.satisfiedBy.kind === kind);
	const people = new Map<string, Subject[]>();
	for (const r of requirements)
		if (r.satisfiedBy.kind === 'training') {
			const key = [...r.satisfiedBy.roles].sort().join(',');
			if (!people.has(key)) people.set(key, await peopleSubjects(db, r.satisfiedBy.roles, now));
		}
	return {
		drills: needs('drill') ? await endedDrills(db, now) : [],
		plans: needs('plan-approval') ? await planSubjects(db, now) : [],
		people
	};
}

/** The subjects a requirement is judged on, each with its latest evidence. */
export function subjectsOf(requirement: Requirement, ctx: EvidenceContext): Subject[] {
	const s = requirement.satisfiedBy;
	switch (s.kind) {
		case 'plan-approval':
			return ctx.plans;
		case 'training':
			return ctx.people.get([...s.roles].sort().join(',')) ?? [];
		case 'drill': {
			// Drills come newest first: the first that qualifies is the latest evidence.
			const d = ctx.drills.find((x) => drillSatisfies(s, x));
			return [{ id: 'programme', label: 'The programme', last: d ? drillEvidence(d) : null }];
		}
	}
}
