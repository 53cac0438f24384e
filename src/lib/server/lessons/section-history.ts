import { sql, type Kysely } from 'kysely';
import { keyPattern, sectionNumbers } from '../../plans/content';
import { actionLabel, findingLabel, type ActionStatus } from '../../lessons/words';
import type { Database, PlanVersionStatus } from '../db/schema';
import { formatVersionNumber } from '../plans/version-number';
import { contentOf } from '../plans/versions';

// The history of one plan section told by the lessons behind it: every version that changed
// it for a corrective action, in the words an auditor reads ("changed in v1.3 for action
// A-12 (finding F-4, drill of 2026-10-03)"). The source helpers here are shared with trace.ts.

/** Where a finding came from, as the trace and the section history name it. */
export type SourceRef =
	| { kind: 'drill'; id: string; title: string; date: string; label: string }
	| { kind: 'incident'; id: string; reference: string; title: string; date: string; label: string };

const day = (d: Date | string | null | undefined) =>
	d ? new Date(d).toISOString().slice(0, 10) : '';

/** A drill's or incident review's row as a source: "drill of 2026-10-03". */
export function sourceRef(row: {
	drill_id: string | null;
	drill_title: string | null;
	drill_started_at: Date | null;
	drill_ended_at: Date | null;
	drill_created_at: Date | null;
	incident_id: string | null;
	incident_reference: string | null;
	incident_title: string | null;
	incident_aware_at: Date | null;
}): SourceRef | null {
	if (row.drill_id) {
		const date = day(row.drill_started_at ?? row.drill_ended_at ?? row.drill_created_at);
		return {
			kind: 'drill',
			id: row.drill_id,
			title: row.drill_title ?? '',
			date,
			label: `drill of ${date}`
		};
	}
	if (row.incident_id) {
		const date = day(row.incident_aware_at);
		return {
			kind: 'incident',
			id: row.incident_id,
			reference: row.incident_reference ?? '',
			title: row.incident_title ?? '',
			date,
			label: `incident ${row.incident_reference} of ${date}`
		};
	}
	return null;
}

/** The columns sourceRef reads, for a query joining findings as `f`. */
export const sourceColumns = [
	'd.id as drill_id',
	'd.title as drill_title',
	'd.started_at as drill_started_at',
	'd.ended_at as drill_ended_at',
	'd.created_at as drill_created_at',
	'i.id as incident_id',
	'i.reference as incident_reference',
	'i.title as incident_title',
	'i.aware_at as incident_aware_at'
] as const;

/** Keys a link stored, read defensively (jsonb of strings). */
export function keysOf(stored: unknown): string[] {
	return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
}

export type SectionLesson = {
	versionId: string;
	versionNumber: string;
	versionStatus: PlanVersionStatus;
	approvedAt: Date | null;
	effectiveDate: string | null;
	action: { id: string; number: number; label: string; text: string; status: ActionStatus };
	finding: { id: string; number: number; label: string; title: string };
	source: SourceRef | null;
	/** "changed in v1.3 for action A-12 (finding F-4, drill of 2026-10-03)"; for a version not
	 * yet approved "to change in the draft for action A-12 (…)". */
	sentence: string;
};

const APPROVED: PlanVersionStatus[] = ['approved', 'superseded'];

/**
 * Every version of the plan that changed this section for a corrective action, newest first.
 * Approved and superseded versions only, unless `includeOpen` (then the open draft's pending
 * links come first, marked by their status).
 */
export async function sectionLessons(
	db: Kysely<Database>,
	planId: string,
	sectionKey: string,
	{ includeOpen = false }: { includeOpen?: boolean } = {}
): Promise<SectionLesson[]> {
	if (!keyPattern.test(sectionKey)) return [];
	let query = db
		.selectFrom('plan_version_actions as pva')
		.innerJoin('plan_versions as v', 'v.id', 'pva.plan_version_id')
		.innerJoin('corrective_actions as a', 'a.id', 'pva.action_id')
		.innerJoin('findings as f', 'f.id', 'a.finding_id')
		.leftJoin('drills as d', 'd.id', 'f.drill_id')
		.leftJoin('incident_reviews as i', 'i.id', 'f.incident_review_id')
		.select([
			'v.id as version_id',
			'v.status as version_status',
			'v.major',
			'v.minor',
			'v.approved_at',
			'v.effective_date',
			'a.id as action_id',
			'a.number as action_number',
			'a.action as action_text',
			'a.status as action_status',
			'f.id as finding_id',
			'f.number as finding_number',
			'f.title as finding_title',
			...sourceColumns
		])
		.where('v.plan_id', '=', planId)
		.where(sql<boolean>`pva.section_keys @> ${JSON.stringify([sectionKey])}::jsonb`);
	if (!includeOpen) query = query.where('v.status', 'in', APPROVED);
	const rows = await query
		// Drafts have no number yet: they come first, as the newest.
		.orderBy(sql`v.major is null`, 'desc')
		.orderBy('v.major', 'desc')
		.orderBy('v.minor', 'desc')
		.orderBy('a.number', 'asc')
		.execute();
	return rows.map((r) => {
		const number = formatVersionNumber(r);
		const approved = APPROVED.includes(r.version_status);
		const source = sourceRef(r);
		const why = `action ${actionLabel(r.action_number)} (finding ${findingLabel(r.finding_number)}${source ? `, ${source.label}` : ''})`;
		return {
			versionId: r.version_id,
			versionNumber: number,
			versionStatus: r.version_status,
			approvedAt: r.approved_at,
			effectiveDate: r.effective_date,
			action: {
				id: r.action_id,
				number: r.action_number,
				label: actionLabel(r.action_number),
				text: r.action_text,
				status: r.action_status
			},
			finding: {
				id: r.finding_id,
				number: r.finding_number,
				label: findingLabel(r.finding_number),
				title: r.finding_title
			},
			source,
			sentence: approved
				? `changed in v${number} for ${why}`
				: `to change in the ${number === 'draft' ? 'draft' : `draft v${number}`} for ${why}`
		};
	});
}

/** A section named by a link: `number` null when the version does not have the key. */
export type SectionRef = { key: string; number: string | null; title: string };

/** A plan's versions: the one in force first, then the open draft, then the newest first. */
export function versionsInForceFirst(db: Kysely<Database>, planId: string) {
	return db
		.selectFrom('plan_versions')
		.select(['id', 'status', 'major', 'minor', 'content'])
		.where('plan_id', '=', planId)
		.orderBy(sql`status = 'approved'`, 'desc')
		.orderBy(sql`major is null`, 'desc')
		.orderBy('major', 'desc')
		.orderBy('minor', 'desc')
		.execute();
}

/**
 * A section as a plan names it: from the version in force, else the newest version that has
 * it (a section removed since is still named); null when no version ever had the key.
 */
export async function findSection(
	db: Kysely<Database>,
	planId: string,
	sectionKey: string
): Promise<
	(SectionRef & { inVersion: { id: string; number: string; status: PlanVersionStatus } }) | null
> {
	if (!keyPattern.test(sectionKey)) return null;
	const versions = await versionsInForceFirst(db, planId);
	for (const v of versions) {
		const sections = contentOf(v).sections;
		const i = sections.findIndex((s) => s.key === sectionKey);
		if (i < 0) continue;
		return {
			key: sectionKey,
			number: sectionNumbers(sections)[i],
			title: sections[i].title,
			inVersion: { id: v.id, number: formatVersionNumber(v), status: v.status }
		};
	}
	return null;
}

/** Section keys of a version, each with its number and title, in order. */
export function sectionsOf(content: { sections: { key: string; title: string; level: 1 | 2 }[] }) {
	const numbers = sectionNumbers(content.sections);
	return content.sections.map((s, i) => ({
		key: s.key,
		number: numbers[i],
		title: s.title,
		level: s.level
	}));
}

/** Keys named against a version's sections: each with its number and title, or missing. */
export function namedSections(
	keys: string[],
	sections: { key: string; number: string; title: string }[]
): SectionRef[] {
	const byKey = new Map(sections.map((s) => [s.key, s]));
	return keys.map((key) => {
		const s = byKey.get(key);
		return s ? { key, number: s.number, title: s.title } : { key, number: null, title: key };
	});
}

/**
 * What a version's page shows of lessons, in one light query: the keys of the plan's sections
 * that an approved version changed for a corrective action, and whether this version itself
 * has any action linked (only then are the actions read, with their findings and sources: a
 * join of seven tables that most versions, which resolve nothing, need not pay for).
 */
export async function lessonsOnVersionPage(
	db: Kysely<Database>,
	planId: string,
	versionId: string
): Promise<{ changedSections: string[]; hasActions: boolean }> {
	const rows = await db
		.selectFrom('plan_version_actions as pva')
		.innerJoin('plan_versions as v', 'v.id', 'pva.plan_version_id')
		.select(['pva.section_keys', 'v.id', 'v.status'])
		.where('v.plan_id', '=', planId)
		.where((eb) => eb.or([eb('v.status', 'in', APPROVED), eb('v.id', '=', versionId)]))
		.execute();
	const changed = rows.filter((r) => APPROVED.includes(r.status));
	return {
		changedSections: [...new Set(changed.flatMap((r) => keysOf(r.section_keys)))],
		hasActions: rows.some((r) => r.id === versionId)
	};
}
