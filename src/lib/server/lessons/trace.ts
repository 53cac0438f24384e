import { sql, type Kysely } from 'kysely';
import {
	actionLabel,
	findingLabel,
	parseLabel,
	type ActionStatus,
	type CapabilityElement,
	type FindingKind,
	type VerificationKind
} from '../../lessons/words';
import { keyPattern } from '../../plans/content';
import type { Database, PlanVersionStatus } from '../db/schema';
import { InvalidInputError, NotFoundError } from '../errors';
import { formatVersionNumber } from '../plans/version-number';
import { contentOf } from '../plans/versions';
import { isUuid } from '../users/users';
import { actionLinks, planById } from './joins';
import {
	findSection,
	keysOf,
	namedSections,
	sectionLessons,
	sectionsOf,
	sourceColumns,
	sourceRef,
	type SectionLesson,
	type SectionRef,
	type SourceRef,
	versionsInForceFirst
} from './section-history';

// The plan change trace, its second half: from any link of the chain, both ways.
//   drill or incident review → findings → corrective actions → plan versions and the sections
//   they changed → the evidence that verified each action (a later drill, a plan version, a note)
// and back: from an action or finding to its source, from a drill to the actions it verified,
// from a plan section to every lesson that changed it.

export type TraceStart =
	| { drillId: string }
	| { incidentReviewId: string }
	| { findingId: string }
	| { actionId: string }
	| { planId: string; sectionKey: string };

export type TraceLink = {
	planId: string;
	planTitle: string;
	versionId: string;
	number: string;
	status: PlanVersionStatus;
	sections: SectionRef[];
	/** This version's approval recorded "resolved by plan v…" on the action. */
	resolvedHere: boolean;
};

export type TraceVerification = {
	kind: VerificationKind;
	at: Date | null;
	by: string | null;
	drill: { id: string; title: string; date: string } | null;
	version: { id: string; planId: string; planTitle: string; number: string } | null;
	note: string | null;
	reference: string | null;
};

export type TraceAction = {
	id: string;
	number: number;
	label: string;
	text: string;
	status: ActionStatus;
	element: CapabilityElement;
	capability: string | null;
	ownerName: string;
	dueDate: string;
	completedDate: string | null;
	focus: boolean;
	links: TraceLink[];
	resolvedBy: { versionId: string; planId: string; number: string } | null;
	verification: TraceVerification | null;
};

export type TraceFinding = {
	id: string;
	number: number;
	label: string;
	kind: FindingKind;
	title: string;
	objectiveId: string | null;
	capability: string | null;
	reference: {
		planId: string | null;
		sectionKey: string | null;
		/** The key as the source's plan version numbers and names it. */
		section: SectionRef | null;
		text: string | null;
	};
	focus: boolean;
	actions: TraceAction[];
};

export type TraceSource = SourceRef & {
	/** The plan version the drill ran against, or the one in force for the incident. */
	plan: { id: string; title: string; versionId: string; number: string } | null;
	focus: boolean;
	findings: TraceFinding[];
};

export type Trace = {
	start: {
		kind: 'drill' | 'incident' | 'finding' | 'action' | 'section';
		id: string;
		label: string;
	};
	/** From each source forward: its findings, their actions, plan changes and verification. */
	chains: TraceSource[];
	/** A drill's other direction: the actions it verified, each with its chain back. */
	verifiedHere: TraceSource[];
	/** A section's history: every version that changed it for an action (open drafts first). */
	section: {
		planId: string;
		planTitle: string;
		key: string;
		number: string | null;
		title: string;
		history: SectionLesson[];
	} | null;
};

const MAX_FINDINGS = 500;

/** The start of a trace from a query string: ?drill= | incident= | finding= | action= |
 * section=planId:key (or plan=&section=). Labels such as A-12 and F-4 are taken too. */
export function traceStartFrom(params: URLSearchParams): TraceStart | null {
	const get = (name: string) => params.get(name)?.trim().slice(0, 200) || '';
	const given = ['drill', 'incident', 'finding', 'action', 'section'].filter((n) => get(n));
	if (given.length === 0) return null;
	if (given.length > 1)
		throw new InvalidInputError(`Start the trace from one thing: got ${given.join(' and ')}.`);
	const value = get(given[0]);
	switch (given[0]) {
		case 'drill':
			return { drillId: value };
		case 'incident':
			return { incidentReviewId: value };
		case 'finding':
			return { findingId: value };
		case 'action':
			return { actionId: value };
		default: {
			const plan = get('plan');
			if (plan) return { planId: plan, sectionKey: value };
			const colon = value.indexOf(':');
			if (colon < 0)
				throw new InvalidInputError(
					'Name the section as planId:sectionKey (or give ?plan= as well).',
					'section'
				);
			return { planId: value.slice(0, colon), sectionKey: value.slice(colon + 1) };
		}
	}
}

async function findingIdByRef(db: Kysely<Database>, ref: string): Promise<string> {
	const n = isUuid(ref) ? null : parseLabel(ref, 'F');
	const row = isUuid(ref)
		? await db.selectFrom('findings').select('id').where('id', '=', ref).executeTakeFirst()
		: n !== null
			? await db.selectFrom('findings').select('id').where('number', '=', n).executeTakeFirst()
			: undefined;
	if (!row) throw new NotFoundError('No such finding.');
	return row.id;
}

async function actionByRef(db: Kysely<Database>, ref: string) {
	const n = isUuid(ref) ? null : parseLabel(ref, 'A');
	const query = db.selectFrom('corrective_actions').select(['id', 'number', 'finding_id']);
	const row = isUuid(ref)
		? await query.where('id', '=', ref).executeTakeFirst()
		: n !== null
			? await query.where('number', '=', n).executeTakeFirst()
			: undefined;
	if (!row) throw new NotFoundError('No such corrective action.');
	return row;
}

/** The ids of a drill's or an incident review's findings. */
async function findingIdsOf(
	db: Kysely<Database>,
	column: 'drill_id' | 'incident_review_id',
	sourceId: string
): Promise<string[]> {
	const rows = await db.selectFrom('findings').select('id').where(column, '=', sourceId).execute();
	return rows.map((f) => f.id);
}

/** Which findings (and, when narrowed, which of their actions) the chains show. */
type Selection = { findingIds: string[]; actionIds: Set<string> | null; focus: string };

/** The chain through `start`, both ways. */
export async function traceFrom(db: Kysely<Database>, start: TraceStart): Promise<Trace> {
	if ('drillId' in start) {
		const drill = isUuid(start.drillId)
			? await db
					.selectFrom('drills')
					.select(['id', 'title'])
					.where('id', '=', start.drillId)
					.where('mode', '!=', 'solo')
					.executeTakeFirst()
			: undefined;
		if (!drill) throw new NotFoundError('No such drill.');
		const findingIds = await findingIdsOf(db, 'drill_id', drill.id);
		const verified = await db
			.selectFrom('corrective_actions')
			.select(['id', 'finding_id'])
			.where('verified_drill_id', '=', drill.id)
			.execute();
		return {
			start: { kind: 'drill', id: drill.id, label: drill.title },
			chains: await chains(
				db,
				{ findingIds, actionIds: null, focus: drill.id },
				{ drillId: drill.id }
			),
			verifiedHere: verified.length
				? await chains(db, {
						findingIds: [...new Set(verified.map((a) => a.finding_id))],
						actionIds: new Set(verified.map((a) => a.id)),
						focus: ''
					})
				: [],
			section: null
		};
	}
	if ('incidentReviewId' in start) {
		const review = isUuid(start.incidentReviewId)
			? await db
					.selectFrom('incident_reviews')
					.select(['id', 'reference', 'title'])
					.where('id', '=', start.incidentReviewId)
					.executeTakeFirst()
			: undefined;
		if (!review) throw new NotFoundError('No such incident review.');
		const findingIds = await findingIdsOf(db, 'incident_review_id', review.id);
		return {
			start: { kind: 'incident', id: review.id, label: `${review.reference} ${review.title}` },
			chains: await chains(
				db,
				{ findingIds, actionIds: null, focus: review.id },
				{ incidentReviewId: review.id }
			),
			verifiedHere: [],
			section: null
		};
	}
	if ('findingId' in start) {
		const id = await findingIdByRef(db, start.findingId);
		const result = await chains(db, { findingIds: [id], actionIds: null, focus: id });
		const f = result[0]?.findings[0];
		return {
			start: { kind: 'finding', id, label: f ? `${f.label} ${f.title}` : '' },
			chains: result,
			verifiedHere: [],
			section: null
		};
	}
	if ('actionId' in start) {
		const action = await actionByRef(db, start.actionId);
		return {
			start: { kind: 'action', id: action.id, label: actionLabel(action.number) },
			chains: await chains(db, {
				findingIds: [action.finding_id],
				actionIds: new Set([action.id]),
				focus: action.id
			}),
			verifiedHere: [],
			section: null
		};
	}
	return traceSection(db, start.planId, start.sectionKey);
}

async function traceSection(db: Kysely<Database>, planId: string, sectionKey: string) {
	if (!keyPattern.test(sectionKey))
		throw new InvalidInputError(
			'A section key is lower-case letters, digits and dashes.',
			'section'
		);
	const plan = await planById(db, planId);
	const section = await findSection(db, plan.id, sectionKey);
	if (!section) throw new NotFoundError(`No version of this plan has a section “${sectionKey}”.`);
	const history = await sectionLessons(db, plan.id, sectionKey, { includeOpen: true });
	// Lessons that point at the section too: findings whose reference is it.
	const referencing = await db
		.selectFrom('findings as f')
		.leftJoin('corrective_actions as a', 'a.finding_id', 'f.id')
		.select(['f.id as finding_id', 'a.id as action_id'])
		.where('f.reference_plan_id', '=', plan.id)
		.where('f.reference_section_key', '=', sectionKey)
		.execute();
	const actionIds = new Set([
		...history.map((h) => h.action.id),
		...referencing.flatMap((r) => (r.action_id ? [r.action_id] : []))
	]);
	const findingIds = [
		...new Set([...history.map((h) => h.finding.id), ...referencing.map((r) => r.finding_id)])
	];
	return {
		start: {
			kind: 'section' as const,
			id: `${plan.id}:${sectionKey}`,
			label: `${section.number ?? ''} ${section.title}`.trim()
		},
		chains: await chains(db, { findingIds, actionIds, focus: '' }),
		verifiedHere: [],
		section: {
			planId: plan.id,
			planTitle: plan.title,
			key: sectionKey,
			number: section.number,
			title: section.title,
			history
		}
	};
}

/**
 * The findings selected, grouped under their sources (oldest first), each with its actions
 * (all of them, or the ones selected), their plan links and their verification. `ensure`
 * keeps a source in the list when it has no findings yet.
 */
async function chains(
	db: Kysely<Database>,
	selection: Selection,
	ensure?: { drillId: string } | { incidentReviewId: string }
): Promise<TraceSource[]> {
	const findingIds = selection.findingIds.slice(0, MAX_FINDINGS);
	const findings = findingIds.length
		? await db
				.selectFrom('findings as f')
				.leftJoin('drills as d', 'd.id', 'f.drill_id')
				.leftJoin('incident_reviews as i', 'i.id', 'f.incident_review_id')
				.select([
					'f.id',
					'f.number',
					'f.kind',
					'f.title',
					'f.objective_id',
					'f.capability',
					'f.reference_plan_id',
					'f.reference_section_key',
					'f.reference_text',
					...sourceColumns
				])
				.where('f.id', 'in', findingIds)
				.orderBy('f.number')
				.execute()
		: [];
	let actionQuery = db
		.selectFrom('corrective_actions as a')
		.leftJoin('users as owner', 'owner.id', 'a.owner_id')
		.leftJoin('users as verifier', 'verifier.id', 'a.verified_by')
		.leftJoin('drills as vd', 'vd.id', 'a.verified_drill_id')
		.leftJoin('plan_versions as vv', 'vv.id', 'a.verified_plan_version_id')
		.leftJoin('plans as vp', 'vp.id', 'vv.plan_id')
		.leftJoin('plan_versions as rv', 'rv.id', 'a.resolved_by_version_id')
		.select([
			'a.id',
			'a.number',
			'a.finding_id',
			'a.action',
			'a.status',
			'a.element',
			'a.capability',
			'a.due_date',
			'a.completed_date',
			'a.verified_by_kind',
			'a.verified_at',
			'a.verification_note',
			'a.verification_reference',
			'owner.display_name as owner_name',
			'verifier.display_name as verifier_name',
			'vd.id as vd_id',
			'vd.title as vd_title',
			'vd.started_at as vd_started_at',
			'vd.ended_at as vd_ended_at',
			'vv.id as vv_id',
			'vv.plan_id as vv_plan_id',
			'vv.major as vv_major',
			'vv.minor as vv_minor',
			'vp.title as vp_title',
			'rv.id as rv_id',
			'rv.plan_id as rv_plan_id',
			'rv.major as rv_major',
			'rv.minor as rv_minor'
		])
		.orderBy('a.number');
	if (selection.actionIds) {
		const ids = [...selection.actionIds];
		actionQuery = ids.length
			? actionQuery.where('a.id', 'in', ids)
			: actionQuery.where(sql<boolean>`false`);
	} else if (findingIds.length) actionQuery = actionQuery.where('a.finding_id', 'in', findingIds);
	else actionQuery = actionQuery.where(sql<boolean>`false`);
	const actions = await actionQuery.execute();

	const linkRows = actions.length
		? await actionLinks(db)
				.where(
					'pva.action_id',
					'in',
					actions.map((a) => a.id)
				)
				.orderBy(sql`v.major is null`)
				.orderBy('v.major')
				.orderBy('v.minor')
				.execute()
		: [];
	// Each linked version's sections, read once, to name the keys by number and title.
	const versionIds = [...new Set(linkRows.map((l) => l.version_id))];
	const contents = versionIds.length
		? await db
				.selectFrom('plan_versions')
				.select(['id', 'content'])
				.where('id', 'in', versionIds)
				.execute()
		: [];
	const sectionsByVersion = new Map(contents.map((c) => [c.id, sectionsOf(contentOf(c))]));

	// The drill or incident review the trace started from, and what each source ran against.
	const drillIds = new Set(findings.flatMap((f) => (f.drill_id ? [f.drill_id] : [])));
	const incidentIds = new Set(findings.flatMap((f) => (f.incident_id ? [f.incident_id] : [])));
	if (ensure && 'drillId' in ensure) drillIds.add(ensure.drillId);
	if (ensure && 'incidentReviewId' in ensure) incidentIds.add(ensure.incidentReviewId);
	const drills = drillIds.size
		? await db
				.selectFrom('drills as d')
				.innerJoin('plan_versions as v', 'v.id', 'd.plan_version_id')
				.innerJoin('plans as p', 'p.id', 'd.plan_id')
				.select([
					'p.title as plan_title',
					'd.id',
					'd.title',
					'd.started_at',
					'd.ended_at',
					'd.created_at',
					'd.plan_id',
					'v.id as version_id',
					'v.major',
					'v.minor',
					'v.content'
				])
				.where('d.id', 'in', [...drillIds])
				.execute()
		: [];
	const incidents = incidentIds.size
		? await db
				.selectFrom('incident_reviews as i')
				.innerJoin('plan_versions as v', 'v.id', 'i.plan_version_id')
				.innerJoin('plans as p', 'p.id', 'i.plan_id')
				.select([
					'p.title as plan_title',
					'i.id',
					'i.reference',
					'i.title',
					'i.aware_at',
					'i.plan_id',
					'v.id as version_id',
					'v.major',
					'v.minor',
					'v.content'
				])
				.where('i.id', 'in', [...incidentIds])
				.execute()
		: [];

	const sources = new Map<string, TraceSource>();
	// The sections of the version each source ran against, to name a finding's reference.
	const sourceSections = new Map(
		[...drills, ...incidents].map((x) => [x.id, sectionsOf(contentOf(x))])
	);
	const addSource = (
		ref: SourceRef,
		x: {
			id: string;
			plan_id: string;
			plan_title: string;
			version_id: string;
			major: number | null;
			minor: number | null;
		}
	) =>
		sources.set(x.id, {
			...ref,
			plan: {
				id: x.plan_id,
				title: x.plan_title,
				versionId: x.version_id,
				number: formatVersionNumber(x)
			},
			focus: x.id === selection.focus,
			findings: []
		});
	for (const d of drills) {
		const ref = sourceRef({
			drill_id: d.id,
			drill_title: d.title,
			drill_started_at: d.started_at,
			drill_ended_at: d.ended_at,
			drill_created_at: d.created_at,
			incident_id: null,
			incident_reference: null,
			incident_title: null,
			incident_aware_at: null
		})!;
		addSource(ref, d);
	}
	for (const i of incidents) {
		const ref = sourceRef({
			drill_id: null,
			drill_title: null,
			drill_started_at: null,
			drill_ended_at: null,
			drill_created_at: null,
			incident_id: i.id,
			incident_reference: i.reference,
			incident_title: i.title,
			incident_aware_at: i.aware_at
		})!;
		addSource(ref, i);
	}

	const actionsByFinding = new Map<string, TraceAction[]>();
	for (const a of actions) {
		const links = linkRows
			.filter((l) => l.action_id === a.id)
			.map((l): TraceLink => ({
				planId: l.plan_id,
				planTitle: l.plan_title,
				versionId: l.version_id,
				number: formatVersionNumber(l),
				status: l.status,
				sections: namedSections(keysOf(l.section_keys), sectionsByVersion.get(l.version_id) ?? []),
				resolvedHere: a.rv_id === l.version_id
			}));
		const item: TraceAction = {
			id: a.id,
			number: a.number,
			label: actionLabel(a.number),
			text: a.action,
			status: a.status,
			element: a.element,
			capability: a.capability,
			ownerName: a.owner_name ?? 'former user',
			dueDate: a.due_date,
			completedDate: a.completed_date,
			focus: a.id === selection.focus,
			links,
			resolvedBy:
				a.rv_id && a.rv_plan_id
					? {
							versionId: a.rv_id,
							planId: a.rv_plan_id,
							number: formatVersionNumber({ major: a.rv_major, minor: a.rv_minor })
						}
					: null,
			verification: a.verified_by_kind
				? {
						kind: a.verified_by_kind,
						at: a.verified_at,
						by: a.verifier_name,
						drill: a.vd_id
							? {
									id: a.vd_id,
									title: a.vd_title ?? '',
									date: dayOf(a.vd_started_at ?? a.vd_ended_at)
								}
							: null,
						version:
							a.vv_id && a.vv_plan_id
								? {
										id: a.vv_id,
										planId: a.vv_plan_id,
										planTitle: a.vp_title ?? '',
										number: formatVersionNumber({ major: a.vv_major, minor: a.vv_minor })
									}
								: null,
						note: a.verification_note,
						reference: a.verification_reference
					}
				: null
		};
		actionsByFinding.set(a.finding_id, [...(actionsByFinding.get(a.finding_id) ?? []), item]);
	}

	for (const f of findings) {
		const source = sources.get(f.drill_id ?? f.incident_id ?? '');
		if (!source) continue;
		source.findings.push({
			id: f.id,
			number: f.number,
			label: findingLabel(f.number),
			kind: f.kind,
			title: f.title,
			objectiveId: f.objective_id,
			capability: f.capability,
			reference: {
				planId: f.reference_plan_id,
				sectionKey: f.reference_section_key,
				section: f.reference_section_key
					? namedSections(
							[f.reference_section_key],
							sourceSections.get(f.drill_id ?? f.incident_id ?? '') ?? []
						)[0]
					: null,
				text: f.reference_text
			},
			focus: f.id === selection.focus,
			actions: actionsByFinding.get(f.id) ?? []
		});
	}
	return [...sources.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const dayOf = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : '');

/** What the trace page offers to start from: ended live drills, incident reviews, plans and,
 * for a chosen plan, every section any of its versions has (newest title first). */
export async function traceChoices(db: Kysely<Database>, planId: string | null) {
	const [drills, incidents, plans] = await Promise.all([
		db
			.selectFrom('drills')
			.select(['id', 'title', 'started_at', 'ended_at'])
			.where('mode', '!=', 'solo')
			.where('status', '=', 'ended')
			.orderBy('ended_at', 'desc')
			.limit(100)
			.execute(),
		db
			.selectFrom('incident_reviews')
			.select(['id', 'reference', 'title', 'aware_at'])
			.orderBy('aware_at', 'desc')
			.limit(100)
			.execute(),
		db.selectFrom('plans').select(['id', 'title']).orderBy('title').execute()
	]);
	const plan = planId ? plans.find((p) => p.id === planId) : undefined;
	let sections: { key: string; number: string; title: string; level: 1 | 2 }[] = [];
	if (plan) {
		const versions = await versionsInForceFirst(db, plan.id);
		const seen = new Set<string>();
		for (const v of versions)
			for (const s of sectionsOf(contentOf(v)))
				if (!seen.has(s.key)) {
					seen.add(s.key);
					sections.push(s);
				}
		// In the order of the version in force, then the sections only other versions have.
		sections = sections.slice(0, 1000);
	}
	return {
		drills: drills.map((d) => ({
			id: d.id,
			title: d.title,
			date: dayOf(d.started_at ?? d.ended_at)
		})),
		incidents: incidents.map((i) => ({
			id: i.id,
			label: `${i.reference} ${i.title}`,
			date: dayOf(i.aware_at)
		})),
		plans,
		planId: plan?.id ?? null,
		sections
	};
}
