import type { Kysely } from 'kysely';
import { actionLabel, findingLabel, isOverdue, type ActionStatus } from '../../../lessons/words';
import {
	describeSatisfier,
	frameworkById,
	type Framework,
	type Requirement
} from '../../../programme/catalogue';
import {
	requirementStatus,
	type RequirementState,
	type RequirementStatus
} from '../../../programme/requirement-status';
import type { ChainReport } from '../../audit/verify';
import { verifyChain } from '../../audit/verify';
import type { Database, DrillMode, HseepRating, PlanKind } from '../../db/schema';
import { drillResults } from '../../drills/results';
import { formatVersionNumber } from '../../plans/version-number';
import { drillSatisfies, endedDrills, loadEvidence, subjectsOf } from '../../programme/evidence';
import { enabledFrameworks } from '../../programme/requirements';
import type { EvidencePackParams } from './params';

// The evidence pack's content for a period and frameworks, read as the database stood at the
// period's end (or now, when the period ends today): each requirement's status computed
// exactly as the programme page computes it (loadEvidence, subjectsOf, requirementStatus, at
// the same moment), the evidence of the period behind it, the gaps in words, the period's
// register and the audit chain's verification. Plain data; render.ts draws it.

/** Requirements for which real-incident reviews and all corrective actions are evidence. */
const LEARNING_REQUIREMENTS = new Set(['iso-a.5.27']);
/** Names listed in a gap before "and N more". */
const MAX_NAMES_IN_GAP = 20;
/** Team drills whose ratings are computed (each reads its whole results). */
export const MAX_RATED_DRILLS = 200;

export type PlanApprovalEvidence = {
	versionId: string;
	planId: string;
	planTitle: string;
	planKind: PlanKind;
	number: string;
	author: string;
	contributors: string[];
	submittedBy: string | null;
	submittedAt: string | null;
	/** The last review that sent the draft back (changes requested), if any. */
	reviewedBy: string | null;
	reviewedAt: string | null;
	reviewComment: string | null;
	approvedBy: string | null;
	approvedAt: string;
	approvalComment: string | null;
	effectiveDate: string | null;
	nextReviewDate: string | null;
	changeSummary: string | null;
};

export type ObjectiveRatingEvidence = {
	id: string;
	text: string;
	capability: string;
	rating: HseepRating | null;
};

export type DrillEvidence = {
	id: string;
	title: string;
	mode: DrillMode;
	startedAt: string | null;
	endedAt: string;
	planTitle: string;
	planVersion: string;
	facilitators: string[];
	participants: string[];
	/** Team drills only; practice is not rated here. */
	objectives: ObjectiveRatingEvidence[];
};

export type ActionEvidence = {
	id: string;
	label: string;
	action: string;
	finding: string;
	source: { kind: 'drill' | 'incident'; id: string; label: string };
	owner: string;
	startDate: string;
	dueDate: string;
	/** The status at the period's end (from the action's history). */
	status: ActionStatus;
	overdue: boolean;
	openedAt: string;
	/** When it was done or cancelled, if it was by the period's end. */
	closedAt: string | null;
};

export type IncidentEvidence = {
	id: string;
	reference: string;
	title: string;
	severity: string;
	awareAt: string;
	resolvedAt: string | null;
	planTitle: string;
	planVersion: string;
	reviewedBy: string;
	reviewedAt: string;
	findings: number;
	actions: number;
};

export type TrainingEvidence = {
	person: string;
	state: RequirementState;
	last: { label: string; at: string } | null;
};

export type RequirementEvidence = {
	id: string;
	clause: string;
	title: string;
	text: string;
	satisfiedBy: string;
	satisfierKind: Requirement['satisfiedBy']['kind'];
	frequency: string;
	state: RequirementState;
	lastMet: { label: string; at: string } | null;
	nextDue: string | null;
	approvals: PlanApprovalEvidence[];
	drills: DrillEvidence[];
	training: TrainingEvidence[];
	actions: ActionEvidence[];
	incidents: IncidentEvidence[];
	/** What is missing, in sentences; empty when nothing is. */
	gaps: string[];
};

export type FrameworkEvidence = {
	id: string;
	name: string;
	edition: string;
	enabledAt: string | null;
	requirements: RequirementEvidence[];
};

export type EvidencePackData = {
	period: { from: string; to: string };
	/** The moment statuses are computed for: the end of the period, or the load time if earlier. */
	asOf: string;
	frameworks: FrameworkEvidence[];
	overview: {
		planVersionsApproved: number;
		drillsHeld: number;
		teamDrills: number;
		practiceSessions: number;
		actionsOpened: number;
		actionsClosed: number;
		actionsOverdue: number;
		incidentsReviewed: number;
	};
	register: {
		drills: DrillEvidence[];
		approvals: PlanApprovalEvidence[];
		actions: ActionEvidence[];
		incidents: IncidentEvidence[];
	};
	chain: ChainReport;
};

const DAY_MS = 86_400_000;
const iso = (d: Date) => d.toISOString();
const dayOf = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString()).slice(0, 10);

/** The period as moments: from the first day's start to the last day's end (or now). */
export function periodMoments(params: Pick<EvidencePackParams, 'from' | 'to'>, now: Date) {
	const start = new Date(`${params.from}T00:00:00Z`);
	const end = new Date(new Date(`${params.to}T00:00:00Z`).getTime() + DAY_MS - 1);
	return { start, asOf: end < now ? end : now };
}

async function userNames(db: Kysely<Database>, ids: Iterable<string | null>) {
	const wanted = [...new Set([...ids].filter((x): x is string => !!x))];
	const names = new Map<string, string>();
	for (let i = 0; i < wanted.length; i += 500) {
		const rows = await db
			.selectFrom('users')
			.select(['id', 'display_name'])
			.where('id', 'in', wanted.slice(i, i + 500))
			.execute();
		for (const r of rows) names.set(r.id, r.display_name);
	}
	return (id: string | null) => (id ? (names.get(id) ?? 'a deleted user') : null);
}

async function loadApprovals(
	db: Kysely<Database>,
	start: Date,
	asOf: Date
): Promise<PlanApprovalEvidence[]> {
	const rows = await db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select([
			'v.id',
			'v.plan_id',
			'p.title',
			'p.kind',
			'v.major',
			'v.minor',
			'v.author_id',
			'v.contributor_ids',
			'v.submitted_by',
			'v.submitted_at',
			'v.reviewed_by',
			'v.reviewed_at',
			'v.review_comment',
			'v.approved_by',
			'v.approved_at',
			'v.approval_comment',
			'v.effective_date',
			'v.next_review_date',
			'v.change_summary'
		])
		.where('v.approved_at', 'is not', null)
		.where('v.approved_at', '>=', start)
		.where('v.approved_at', '<=', asOf)
		.orderBy('v.approved_at')
		.orderBy('v.id')
		.execute();
	const name = await userNames(
		db,
		rows.flatMap((r) => [
			r.author_id,
			r.submitted_by,
			r.reviewed_by,
			r.approved_by,
			...r.contributor_ids
		])
	);
	return rows.map((r) => ({
		versionId: r.id,
		planId: r.plan_id,
		planTitle: r.title,
		planKind: r.kind,
		number: formatVersionNumber(r),
		author: name(r.author_id)!,
		contributors: r.contributor_ids.filter((c) => c !== r.author_id).map((c) => name(c)!),
		submittedBy: name(r.submitted_by),
		submittedAt: r.submitted_at && iso(r.submitted_at),
		// A review after the approval cannot be of this version's draft; the columns are the
		// last "changes requested" before it was resubmitted.
		reviewedBy: r.reviewed_at && r.reviewed_at <= asOf ? name(r.reviewed_by) : null,
		reviewedAt: r.reviewed_at && r.reviewed_at <= asOf ? iso(r.reviewed_at) : null,
		reviewComment: r.reviewed_at && r.reviewed_at <= asOf ? r.review_comment : null,
		approvedBy: name(r.approved_by),
		approvedAt: iso(r.approved_at!),
		approvalComment: r.approval_comment,
		effectiveDate: r.effective_date,
		nextReviewDate: r.next_review_date,
		changeSummary: r.change_summary
	}));
}

async function loadDrills(
	db: Kysely<Database>,
	start: Date,
	asOf: Date
): Promise<{ drills: DrillEvidence[]; ended: Awaited<ReturnType<typeof endedDrills>> }> {
	const ended = await endedDrills(db, asOf, new Date(start.getTime() - 1));
	if (ended.length === 0) return { drills: [], ended };
	const ids = ended.map((d) => d.id);
	const rows: {
		id: string;
		started_at: Date | null;
		plan_title: string;
		major: number | null;
		minor: number | null;
	}[] = [];
	const members: { drill_id: string; kind: string; display_name: string }[] = [];
	for (let i = 0; i < ids.length; i += 200) {
		const chunk = ids.slice(i, i + 200);
		rows.push(
			...(await db
				.selectFrom('drills as d')
				.innerJoin('plan_versions as v', 'v.id', 'd.plan_version_id')
				.innerJoin('plans as p', 'p.id', 'd.plan_id')
				.select(['d.id', 'd.started_at', 'p.title as plan_title', 'v.major', 'v.minor'])
				.where('d.id', 'in', chunk)
				.execute())
		);
		members.push(
			...(await db
				.selectFrom('drill_members as m')
				.innerJoin('users as u', 'u.id', 'm.user_id')
				.select(['m.drill_id', 'm.kind', 'u.display_name'])
				.where('m.drill_id', 'in', chunk)
				.where('m.kind', 'in', ['facilitator', 'participant'])
				.execute())
		);
	}
	const byId = new Map(rows.map((r) => [r.id, r]));
	const people = (drillId: string, kind: 'facilitator' | 'participant') =>
		members
			.filter((m) => m.drill_id === drillId && m.kind === kind)
			.map((m) => m.display_name)
			.sort((a, b) => a.localeCompare(b));
	// Oldest first, as a register reads.
	const chronological = [...ended].reverse();
	const drills: DrillEvidence[] = [];
	let rated = 0;
	for (const d of chronological) {
		const row = byId.get(d.id)!;
		let objectives: ObjectiveRatingEvidence[] = [];
		if (d.mode !== 'solo' && rated < MAX_RATED_DRILLS) {
			// The results page's own ratings (scores and a facilitator's overrides).
			const results = await drillResults(db, d.id, asOf);
			objectives = results.objectives.map((o) => ({
				id: o.objectiveId,
				text: o.text,
				capability: o.capability,
				rating: o.rating
			}));
			rated++;
		}
		drills.push({
			id: d.id,
			title: d.title,
			mode: d.mode,
			startedAt: row.started_at && iso(row.started_at),
			endedAt: iso(d.endedAt),
			planTitle: row.plan_title,
			planVersion: formatVersionNumber(row),
			facilitators: people(d.id, 'facilitator'),
			participants: people(d.id, 'participant'),
			objectives
		});
	}
	return { drills, ended };
}

const closedStatuses: readonly ActionStatus[] = ['done', 'verified', 'cancelled'];

type ActionRow = {
	id: string;
	status: ActionStatus;
	created_at: Date;
	events: { at: Date; from: ActionStatus | null; to: ActionStatus }[];
};

/** The status an action had at `at`, replayed from its history. */
function statusAt(a: ActionRow, at: Date): ActionStatus | null {
	if (a.created_at > at) return null;
	let status: ActionStatus = 'open';
	for (const e of a.events) if (e.at <= at) status = e.to;
	return status;
}

/** When it was last closed (done or cancelled) up to `at`, if it is closed then. */
function closedAt(a: ActionRow, at: Date): Date | null {
	const s = statusAt(a, at);
	if (!s || !closedStatuses.includes(s)) return null;
	const closing = a.events.filter(
		(e) => e.at <= at && closedStatuses.includes(e.to) && !closedStatuses.includes(e.from ?? 'open')
	);
	return closing.at(-1)?.at ?? a.created_at;
}

async function loadActions(
	db: Kysely<Database>,
	start: Date,
	asOf: Date
): Promise<ActionEvidence[]> {
	const rows = await db
		.selectFrom('corrective_actions as a')
		.innerJoin('findings as f', 'f.id', 'a.finding_id')
		.leftJoin('drills as d', 'd.id', 'f.drill_id')
		.leftJoin('incident_reviews as i', 'i.id', 'f.incident_review_id')
		.select([
			'a.id',
			'a.number',
			'a.action',
			'a.owner_id',
			'a.start_date',
			'a.due_date',
			'a.status',
			'a.created_at',
			'f.number as finding_number',
			'f.title as finding_title',
			'f.drill_id',
			'f.incident_review_id',
			'd.title as drill_title',
			'i.reference as incident_reference',
			'i.title as incident_title'
		])
		.where('a.created_at', '<=', asOf)
		.orderBy('a.number')
		.execute();
	if (rows.length === 0) return [];
	const events = new Map<string, ActionRow['events']>();
	const ids = rows.map((r) => r.id);
	for (let i = 0; i < ids.length; i += 500) {
		const evs = await db
			.selectFrom('corrective_action_events')
			.select(['action_id', 'at', 'from_status', 'to_status'])
			.where('action_id', 'in', ids.slice(i, i + 500))
			.where('to_status', 'is not', null)
			.where('at', '<=', asOf)
			.orderBy('at')
			.orderBy('id')
			.execute();
		for (const e of evs)
			events.set(e.action_id, [
				...(events.get(e.action_id) ?? []),
				{ at: e.at, from: e.from_status, to: e.to_status! }
			]);
	}
	const name = await userNames(
		db,
		rows.map((r) => r.owner_id)
	);
	const today = dayOf(asOf);
	return rows.flatMap((r) => {
		const a: ActionRow = { ...r, events: events.get(r.id) ?? [] };
		const status = statusAt(a, asOf)!;
		const closed = closedAt(a, asOf);
		// In the period: opened in it, or still to be closed when it began.
		if (closed && closed < start) return [];
		const source =
			r.drill_id !== null
				? { kind: 'drill' as const, id: r.drill_id, label: r.drill_title ?? 'Drill' }
				: {
						kind: 'incident' as const,
						id: r.incident_review_id!,
						label: `${r.incident_reference ?? ''} ${r.incident_title ?? ''}`.trim()
					};
		return [
			{
				id: r.id,
				label: actionLabel(r.number),
				action: r.action,
				finding: `${findingLabel(r.finding_number)} ${r.finding_title}`,
				source,
				owner: name(r.owner_id)!,
				startDate: r.start_date,
				dueDate: r.due_date,
				status,
				overdue: isOverdue({ status, dueDate: r.due_date }, today),
				openedAt: iso(r.created_at),
				closedAt: closed && iso(closed)
			}
		];
	});
}

async function loadIncidents(
	db: Kysely<Database>,
	start: Date,
	asOf: Date
): Promise<IncidentEvidence[]> {
	const rows = await db
		.selectFrom('incident_reviews as i')
		.innerJoin('plans as p', 'p.id', 'i.plan_id')
		.innerJoin('plan_versions as v', 'v.id', 'i.plan_version_id')
		.innerJoin('users as u', 'u.id', 'i.created_by')
		.select([
			'i.id',
			'i.reference',
			'i.title',
			'i.severity',
			'i.aware_at',
			'i.resolved_at',
			'i.created_at',
			'p.title as plan_title',
			'v.major',
			'v.minor',
			'u.display_name'
		])
		.where('i.created_at', '<=', asOf)
		.where('i.aware_at', '<=', asOf)
		.where((eb) => eb.or([eb('i.aware_at', '>=', start), eb('i.created_at', '>=', start)]))
		.orderBy('i.aware_at')
		.orderBy('i.id')
		.execute();
	if (rows.length === 0) return [];
	const counts = await db
		.selectFrom('findings as f')
		.leftJoin('corrective_actions as a', (j) =>
			j.onRef('a.finding_id', '=', 'f.id').on('a.created_at', '<=', asOf)
		)
		.select((eb) => [
			'f.incident_review_id',
			eb.fn.count<number>('f.id').distinct().as('findings'),
			eb.fn.count<number>('a.id').as('actions')
		])
		.where(
			'f.incident_review_id',
			'in',
			rows.map((r) => r.id)
		)
		.where('f.created_at', '<=', asOf)
		.groupBy('f.incident_review_id')
		.execute();
	const countOf = new Map(counts.map((c) => [c.incident_review_id, c]));
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		title: r.title,
		severity: r.severity,
		awareAt: iso(r.aware_at),
		resolvedAt: r.resolved_at && iso(r.resolved_at),
		planTitle: r.plan_title,
		planVersion: formatVersionNumber(r),
		reviewedBy: r.display_name,
		reviewedAt: iso(r.created_at),
		findings: Number(countOf.get(r.id)?.findings ?? 0),
		actions: Number(countOf.get(r.id)?.actions ?? 0)
	}));
}

const names = (list: string[]) =>
	list.length <= MAX_NAMES_IN_GAP
		? list.join(', ')
		: `${list.slice(0, MAX_NAMES_IN_GAP).join(', ')} and ${list.length - MAX_NAMES_IN_GAP} more`;

/** What is missing for a requirement, in sentences an auditor reads. */
function gapsOf(
	r: Requirement,
	s: RequirementStatus,
	evidence: { inPeriod: number; actions: ActionEvidence[] },
	periodStart: Date
): string[] {
	const gaps: string[] = [];
	const kind = r.satisfiedBy.kind;
	const byState = (state: RequirementState) =>
		s.behind.filter((b) => b.state === state).map((b) => b.label);
	if (s.subjects === 0)
		gaps.push(
			kind === 'plan-approval'
				? 'There is no incident-response plan in Hotwash.'
				: 'Nobody holds a role this requirement applies to.'
		);
	if (kind === 'drill') {
		if (s.state === 'never')
			gaps.push(
				`No qualifying exercise by the end of the period. Needed: ${describeSatisfier(r.satisfiedBy)}`
			);
		else if (s.state === 'overdue')
			gaps.push(
				`The last qualifying exercise ended on ${dayOf(s.lastMet!.at)}; the next was due by ${dayOf(s.nextDue!)}.`
			);
	} else {
		const never = byState('never');
		const overdue = byState('overdue');
		const what = kind === 'plan-approval' ? 'plan' : 'person';
		if (never.length)
			gaps.push(
				kind === 'plan-approval'
					? `No approved version of: ${names(never)}.`
					: `${never.length} ${never.length === 1 ? what : 'people'} never took part in a drill or practice: ${names(never)}.`
			);
		if (overdue.length)
			gaps.push(
				kind === 'plan-approval'
					? `Review overdue (last approval more than ${r.months} months before the period end): ${names(overdue)}.`
					: `${overdue.length} ${overdue.length === 1 ? what : 'people'} last trained more than ${r.months} months before the period end: ${names(overdue)}.`
			);
	}
	if (s.state === 'due')
		gaps.push(`Due again by ${dayOf(s.nextDue!)}, within 30 days of the period end.`);
	if (s.lastMet && evidence.inPeriod === 0 && s.lastMet.at < periodStart && s.state !== 'never')
		gaps.push(
			`No evidence within the period itself: last met on ${dayOf(s.lastMet.at)} (${s.lastMet.label}), before it began.`
		);
	for (const a of evidence.actions.filter((x) => x.overdue))
		gaps.push(
			`Corrective action ${a.label} (owner ${a.owner}) was overdue at the period end: due ${a.dueDate}, ${a.status === 'open' ? 'not started' : 'in progress'}.`
		);
	return gaps;
}

/**
 * The evidence pack for a period and frameworks, at `now` (the generation time: a period
 * ending today is judged at this moment, as the programme page would judge it).
 */
export async function loadEvidencePack(
	db: Kysely<Database>,
	params: EvidencePackParams,
	now: Date
): Promise<EvidencePackData> {
	const { start, asOf } = periodMoments(params, now);
	const selected = params.frameworks
		.map((id) => frameworkById(id))
		.filter((f): f is Framework => !!f);
	const requirements = selected.flatMap((f) => f.requirements);
	const enabled = await enabledFrameworks(db);
	const ctx = await loadEvidence(db, requirements, asOf);
	const [approvals, { drills, ended }, actions, incidents] = [
		await loadApprovals(db, start, asOf),
		await loadDrills(db, start, asOf),
		await loadActions(db, start, asOf),
		await loadIncidents(db, start, asOf)
	];
	const drillById = new Map(drills.map((d) => [d.id, d]));
	const irApprovals = approvals.filter((a) => a.planKind === 'ir-plan');

	const requirementEvidence = (r: Requirement): RequirementEvidence => {
		const s = requirementStatus(r, subjectsOf(r, ctx), asOf);
		const sat = r.satisfiedBy;
		const qualifying =
			sat.kind === 'drill'
				? ended.filter((d) => drillSatisfies(sat, d)).map((d) => drillById.get(d.id)!)
				: [];
		qualifying.sort((a, b) => a.endedAt.localeCompare(b.endedAt));
		const learning = LEARNING_REQUIREMENTS.has(r.id);
		const drillIds = new Set(qualifying.map((d) => d.id));
		const ownActions = learning
			? actions
			: actions.filter((a) => a.source.kind === 'drill' && drillIds.has(a.source.id));
		const training: TrainingEvidence[] =
			sat.kind === 'training'
				? subjectsOf(r, ctx).map((p) => {
						const b = s.behind.find((x) => x.id === p.id);
						return {
							person: p.label,
							state: b?.state ?? 'met',
							last: p.last && { label: p.last.label, at: iso(p.last.at) }
						};
					})
				: [];
		const ownApprovals = sat.kind === 'plan-approval' ? irApprovals : [];
		const inPeriod =
			ownApprovals.length +
			qualifying.length +
			training.filter((t) => t.last && new Date(t.last.at) >= start).length;
		return {
			id: r.id,
			clause: r.clause,
			title: r.title,
			text: r.text,
			satisfiedBy: describeSatisfier(sat),
			satisfierKind: sat.kind,
			frequency: r.frequency,
			state: s.state,
			lastMet: s.lastMet && { label: s.lastMet.label, at: iso(s.lastMet.at) },
			nextDue: s.nextDue && iso(s.nextDue),
			approvals: ownApprovals,
			drills: qualifying,
			training,
			actions: ownActions,
			incidents: learning ? incidents : [],
			gaps: gapsOf(r, s, { inPeriod, actions: ownActions }, start)
		};
	};

	const opened = actions.filter((a) => new Date(a.openedAt) >= start);
	return {
		period: { from: params.from, to: params.to },
		asOf: iso(asOf),
		frameworks: selected.map((f) => ({
			id: f.id,
			name: f.name,
			edition: f.edition,
			enabledAt: enabled.get(f.id)?.toISOString() ?? null,
			requirements: f.requirements.map(requirementEvidence)
		})),
		overview: {
			planVersionsApproved: approvals.length,
			drillsHeld: drills.length,
			teamDrills: drills.filter((d) => d.mode !== 'solo').length,
			practiceSessions: drills.filter((d) => d.mode === 'solo').length,
			actionsOpened: opened.length,
			actionsClosed: actions.filter((a) => a.closedAt && new Date(a.closedAt) >= start).length,
			actionsOverdue: actions.filter((a) => a.overdue).length,
			incidentsReviewed: incidents.length
		},
		register: { drills, approvals, actions, incidents },
		chain: await verifyChain(db)
	};
}
