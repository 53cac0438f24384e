import type { Kysely } from 'kysely';
import type { PlanContent } from '../../plans/content';
import { audienceLabels, sectionNumbers } from '../../plans/content';
import { expectedStakeholders } from '../../plans/notification-expectation';
import type { IncidentFact } from '../../plans/incident-facts';
import { addMonths } from '../../programme/requirement-status';
import type { Database } from '../db/schema';
import { formatVersionNumber } from '../plans/version-number';
import { readStoredContent } from '../plans/stored-content';
import { drillEvidence, endedDrills, type EndedDrill } from './evidence';

// What the programme exercised in the last 12 months, per IR plan in force: each plan section
// named by the scenario of an ended drill bound to that plan, and each row of its
// communication matrix that a released notification prompt required (the rows the plan
// version the drill used expects at the prompt's severity and facts, the same rule drill
// scoring uses). What nothing exercised is what the programme never tests.

export const COVERAGE_MONTHS = 12;

export type CoverageCell = {
	teamDrills: number;
	practice: number;
	last: { at: string; label: string; href: string } | null;
};

export type PlanCoverage = {
	planId: string;
	title: string;
	versionId: string;
	number: string;
	sections: ({ key: string; number: string; title: string; level: 1 | 2 } & CoverageCell)[];
	matrix: ({ key: string; stakeholder: string; audience: string } & CoverageCell)[];
	drillsCounted: number;
};

export type ProgrammeCoverage = { since: string; asOf: string; plans: PlanCoverage[] };

const empty = (): CoverageCell => ({ teamDrills: 0, practice: 0, last: null });

function count(cell: CoverageCell, d: EndedDrill) {
	if (d.mode === 'solo') cell.practice++;
	else cell.teamDrills++;
	// Drills come newest first: the first one counted is the latest.
	if (!cell.last) {
		const e = drillEvidence(d);
		cell.last = { at: e.at.toISOString(), label: e.label, href: e.href };
	}
}

/** The matrix rows each drill's released notification prompts required. */
async function requiredRows(
	db: Kysely<Database>,
	drills: EndedDrill[]
): Promise<Map<string, Set<string>>> {
	const withPrompts = drills.filter((d) => d.facts.notifications.length > 0);
	const out = new Map<string, Set<string>>();
	if (withPrompts.length === 0) return out;
	const released = new Set<string>();
	for (let i = 0; i < withPrompts.length; i += 200) {
		const rows = await db
			.selectFrom('drill_injects')
			.select(['drill_id', 'inject_id'])
			.where(
				'drill_id',
				'in',
				withPrompts.slice(i, i + 200).map((d) => d.id)
			)
			.where('state', '=', 'released')
			.execute();
		for (const r of rows) released.add(`${r.drill_id} ${r.inject_id}`);
	}
	const contents = new Map<string, PlanContent>();
	for (const d of withPrompts) {
		let content = contents.get(d.planVersionId);
		if (!content) {
			const v = await db
				.selectFrom('plan_versions')
				.select('content')
				.where('id', '=', d.planVersionId)
				.executeTakeFirstOrThrow();
			content = readStoredContent(v.content);
			contents.set(d.planVersionId, content);
		}
		const keys = new Set<string>();
		for (const p of d.facts.notifications) {
			if (!released.has(`${d.id} ${p.injectId}`)) continue;
			for (const e of expectedStakeholders(
				content.matrix,
				p.expectedSeverity,
				p.facts as IncidentFact[],
				p.mustNotify
			))
				keys.add(e.key);
		}
		out.set(d.id, keys);
	}
	return out;
}

/** The section, or for a chapter one of its subsections, is among those a drill exercised. */
function exercises(exercised: string[], key: string, subsections: string[] = []): boolean {
	return exercised.includes(key) || subsections.some((k) => exercised.includes(k));
}

/** Coverage of every IR plan in force by the drills that ended in the 12 months up to `now`. */
export async function programmeCoverage(
	db: Kysely<Database>,
	now: Date
): Promise<ProgrammeCoverage> {
	const since = addMonths(now, -COVERAGE_MONTHS);
	const inForce = await db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select(['p.id as planId', 'p.title', 'v.id as versionId', 'v.major', 'v.minor', 'v.content'])
		.where('p.kind', '=', 'ir-plan')
		.where('v.status', '=', 'approved')
		.orderBy('p.title')
		.execute();
	const drills = inForce.length ? await endedDrills(db, now, since) : [];
	const rowsByDrill = await requiredRows(db, drills);
	const plans = inForce.map((v): PlanCoverage => {
		const content = readStoredContent(v.content);
		const numbers = sectionNumbers(content.sections);
		const sections = content.sections.map((s, i) => ({
			key: s.key,
			number: numbers[i],
			title: s.title,
			level: s.level,
			...empty()
		}));
		// A drill that exercises a subsection exercises its chapter too ("2 Response strategy"
		// through "2.3 Escalation"): scenarios name the subsections they test.
		const familyOf = new Map<string, string[]>();
		let chapter: string | null = null;
		for (const s of content.sections) {
			if (s.level === 1) chapter = s.key;
			else if (chapter) familyOf.set(chapter, [...(familyOf.get(chapter) ?? []), s.key]);
		}
		const matrix = content.matrix.map((r) => ({
			key: r.key,
			stakeholder: r.stakeholder,
			audience: audienceLabels[r.audience],
			...empty()
		}));
		const ofPlan = drills.filter((d) => d.planId === v.planId);
		for (const d of ofPlan) {
			for (const s of sections)
				if (exercises(d.facts.planSections, s.key, familyOf.get(s.key))) count(s, d);
			const rows = rowsByDrill.get(d.id);
			if (rows) for (const r of matrix) if (rows.has(r.key)) count(r, d);
		}
		return {
			planId: v.planId,
			title: v.title,
			versionId: v.versionId,
			number: formatVersionNumber(v),
			sections,
			matrix,
			drillsCounted: ofPlan.length
		};
	});
	return { since: since.toISOString(), asOf: now.toISOString(), plans };
}
