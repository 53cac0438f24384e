import type { Kysely } from 'kysely';
import { sectionNumbers } from '../../plans/content';
import type { Database } from '../db/schema';
import { scenarioOf } from '../drills/scenario-of-drill';
import { InvalidInputError, NotFoundError } from '../errors';
import { readStoredContent } from '../plans/stored-content';
import { formatVersionNumber } from '../plans/version-number';
import { isUuid } from '../users/users';

// Where a finding comes from: an ended team drill or a real-incident review. Each ran
// against one plan version, whose sections a finding may point at by stable key; a drill
// also brings its scenario's objectives.

export type SourceRef = { drillId: string } | { incidentReviewId: string };

export type SourceSummary =
	| {
			kind: 'drill';
			id: string;
			title: string;
			/** When it ended: what "later" means for a re-test. */
			at: Date;
			planId: string;
			planVersionId: string;
			planTitle: string;
			planNumber: string;
	  }
	| {
			kind: 'incident';
			id: string;
			reference: string;
			title: string;
			/** When the organisation became aware of the incident. */
			at: Date;
			planId: string;
			planVersionId: string;
			planTitle: string;
			planNumber: string;
	  };

export type PlanSection = { key: string; title: string; number: string };

export type SourceContext = SourceSummary & {
	/** The scenario's objectives (a drill); none for an incident review. */
	objectives: { id: string; text: string; capability: string }[];
	/** The sections of the plan version the source ran against. */
	sections: PlanSection[];
};

/** A short name of the source for lists and the CSV: "Drill: …" or "Incident INC-1: …". */
export function sourceLabel(s: Pick<SourceSummary, 'kind' | 'title'> & { reference?: string }) {
	return s.kind === 'drill' ? `Drill: ${s.title}` : `Incident ${s.reference}: ${s.title}`;
}

/** Which source a finding input names; exactly one. */
export function sourceRefOf(input: unknown): SourceRef {
	const s = (input ?? {}) as { drillId?: unknown; incidentReviewId?: unknown };
	const drillId = typeof s.drillId === 'string' && s.drillId ? s.drillId : null;
	const incidentReviewId =
		typeof s.incidentReviewId === 'string' && s.incidentReviewId ? s.incidentReviewId : null;
	if (!drillId && !incidentReviewId)
		throw new InvalidInputError(
			'A finding needs a source: a drill or an incident review.',
			'source'
		);
	if (drillId && incidentReviewId)
		throw new InvalidInputError(
			'A finding has one source: a drill or an incident review.',
			'source'
		);
	return drillId ? { drillId } : { incidentReviewId: incidentReviewId! };
}

async function planOf(db: Kysely<Database>, versionId: string) {
	return db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select(['v.id', 'v.plan_id', 'v.major', 'v.minor', 'v.content', 'p.title'])
		.where('v.id', '=', versionId)
		.executeTakeFirstOrThrow();
}

/** The summary of a source, or NotFoundError (a finding's source always exists). */
export async function sourceSummary(db: Kysely<Database>, ref: SourceRef): Promise<SourceSummary> {
	return (await loadSource(db, ref, false)).summary;
}

/**
 * The source a new finding is drawn from, with what its fields are checked against; a
 * source that cannot take findings is an InvalidInputError on `source`.
 */
export async function sourceContext(db: Kysely<Database>, ref: SourceRef): Promise<SourceContext> {
	return contextOf(db, await loadSource(db, ref, true));
}

/**
 * A stored finding's source with its objectives and numbered plan sections, whatever its
 * state now (the checks for a new finding do not apply).
 */
export async function sourceDetails(db: Kysely<Database>, ref: SourceRef): Promise<SourceContext> {
	return contextOf(db, await loadSource(db, ref, false));
}

async function contextOf(
	db: Kysely<Database>,
	{ summary, content }: Awaited<ReturnType<typeof loadSource>>
): Promise<SourceContext> {
	const objectives =
		summary.kind === 'drill'
			? (await scenarioOf(db, summary.id)).objectives.map((o) => ({
					id: o.id,
					text: o.text,
					capability: o.capability as string
				}))
			: [];
	const numbers = sectionNumbers(content.sections);
	return {
		...summary,
		objectives,
		sections: content.sections.map((s, i) => ({ key: s.key, title: s.title, number: numbers[i] }))
	};
}

async function loadSource(db: Kysely<Database>, ref: SourceRef, forNewFinding: boolean) {
	const unknown = (what: string) =>
		forNewFinding
			? new InvalidInputError(`No such ${what}.`, 'source')
			: new NotFoundError(`No such ${what}.`);
	if ('drillId' in ref) {
		const d = isUuid(ref.drillId)
			? await db
					.selectFrom('drills')
					.select(['id', 'title', 'mode', 'status', 'ended_at', 'plan_version_id'])
					.where('id', '=', ref.drillId)
					.executeTakeFirst()
			: undefined;
		if (!d) throw unknown('drill');
		if (forNewFinding && (d.mode === 'solo' || d.status !== 'ended' || !d.ended_at))
			throw new InvalidInputError(
				d.mode === 'solo'
					? 'Findings come from team drills; solo practice has none.'
					: 'Findings are drawn from a drill once it has ended.',
				'source'
			);
		const plan = await planOf(db, d.plan_version_id);
		return {
			summary: {
				kind: 'drill' as const,
				id: d.id,
				title: d.title,
				at: d.ended_at ?? new Date(0),
				planId: plan.plan_id,
				planVersionId: plan.id,
				planTitle: plan.title,
				planNumber: formatVersionNumber(plan)
			},
			content: readStoredContent(plan.content)
		};
	}
	const r = isUuid(ref.incidentReviewId)
		? await db
				.selectFrom('incident_reviews')
				.select(['id', 'reference', 'title', 'aware_at', 'plan_version_id'])
				.where('id', '=', ref.incidentReviewId)
				.executeTakeFirst()
		: undefined;
	if (!r) throw unknown('incident review');
	const plan = await planOf(db, r.plan_version_id);
	return {
		summary: {
			kind: 'incident' as const,
			id: r.id,
			reference: r.reference,
			title: r.title,
			at: r.aware_at,
			planId: plan.plan_id,
			planVersionId: plan.id,
			planTitle: plan.title,
			planNumber: formatVersionNumber(plan)
		},
		content: readStoredContent(plan.content)
	};
}

/** The source of a stored finding row. */
export const refOfRow = (row: {
	drill_id: string | null;
	incident_review_id: string | null;
}): SourceRef =>
	row.drill_id ? { drillId: row.drill_id } : { incidentReviewId: row.incident_review_id! };

/** The reference of a source summary. */
export const refOfSource = (s: Pick<SourceSummary, 'kind' | 'id'>): SourceRef =>
	s.kind === 'drill' ? { drillId: s.id } : { incidentReviewId: s.id };
