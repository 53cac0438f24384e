import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	actionStatuses,
	findingKinds,
	openStatuses,
	type ActionStatus,
	type CapabilityElement,
	type FindingKind,
	type LessonSource,
	type VerificationKind
} from '../../lessons/words';
import { can, type Role } from '../../permissions';
import { capabilities } from '../../scenarios/schema';
import type { Database } from '../db/schema';
import { ForbiddenError } from '../errors';
import { todayUtc } from '../plans/versions';
import { activeUsersWho, isUuid } from '../users/users';

// The improvement plan as lists: corrective actions with their finding, source and owner,
// filtered as the plan page, the CSV export, "my actions", the dashboard and the API ask;
// and findings. Overdue: still open or in progress after its due date.

export type ActionSourceRef =
	| { kind: 'drill'; id: string; title: string }
	| { kind: 'incident'; id: string; reference: string; title: string };

export type ActionListItem = {
	id: string;
	number: number;
	findingId: string;
	findingNumber: number;
	findingTitle: string;
	capability: string | null;
	action: string;
	element: CapabilityElement;
	organisation: string;
	ownerId: string;
	ownerName: string;
	startDate: string;
	dueDate: string;
	completedDate: string | null;
	status: ActionStatus;
	overdue: boolean;
	verifiedByKind: VerificationKind | null;
	source: ActionSourceRef;
	updatedAt: Date;
};

export type ActionFilter = {
	status?: ActionStatus[];
	ownerId?: string;
	capability?: string;
	overdue?: boolean;
	source?: LessonSource;
	findingId?: string;
	drillId?: string;
	incidentReviewId?: string;
	/** One action (for its page). */
	actionId?: string;
	/** matrix: by capability, finding, number (the HSEEP table); due: soonest due first. */
	order?: 'matrix' | 'due';
	limit?: number;
};

const id = z.string().refine(isUuid, 'give an id');
const filterFields = {
	status: z
		.string()
		.transform((s) => s.split(',').filter(Boolean))
		.pipe(
			z.array(z.enum(actionStatuses, 'a status: open, in_progress, done, verified or cancelled'))
		)
		.optional(),
	owner: id.optional(),
	capability: z.enum(capabilities, 'one of the capabilities').optional(),
	overdue: z
		.enum(['1', 'true', '0', 'false', ''])
		.transform((v) => v === '1' || v === 'true')
		.optional(),
	source: z.enum(['drill', 'incident'], 'drill or incident').optional(),
	finding: id.optional(),
	drill: id.optional(),
	incident: id.optional(),
	limit: z.coerce.number().int().min(1).max(500).optional()
};

/**
 * A filter from query parameters (?status=open,in_progress&owner=…&capability=…&overdue=1
 * &source=drill|incident&finding=…&drill=…&incident=…&limit=…). Strict (the API): an unknown
 * or bad parameter is a ZodError; lenient (pages): bad values are dropped.
 */
export function actionFilterFrom(params: URLSearchParams, strict: boolean): ActionFilter {
	const raw = Object.fromEntries(params);
	let data: z.infer<z.ZodObject<typeof filterFields>>;
	if (strict) data = z.strictObject(filterFields).parse(raw);
	else {
		data = {};
		for (const [k, schema] of Object.entries(filterFields)) {
			const r = schema.safeParse(raw[k]);
			if (r.success && r.data !== undefined && r.data !== '')
				(data as Record<string, unknown>)[k] = r.data;
		}
	}
	return {
		status: data.status?.length ? data.status : undefined,
		ownerId: data.owner,
		capability: data.capability,
		overdue: data.overdue || undefined,
		source: data.source,
		findingId: data.finding,
		drillId: data.drill,
		incidentReviewId: data.incident,
		limit: data.limit
	};
}

/** Which actions a user may list: all (lessons.read), or their own (actions.own). */
export function actionScope(user: { id: string; role: Role }): { ownerId?: string } {
	if (can(user.role, 'lessons.read')) return {};
	if (can(user.role, 'actions.own')) return { ownerId: user.id };
	throw new ForbiddenError('Your role does not give you access to this.');
}

/** The source of a row that selects the finding's drill and incident review as the lists do. */
const sourceOfRow = (r: {
	drill_id: string | null;
	drill_title: string | null;
	incident_review_id: string | null;
	incident_reference: string | null;
	incident_title: string | null;
}): ActionSourceRef =>
	r.drill_id
		? { kind: 'drill', id: r.drill_id, title: r.drill_title ?? '' }
		: {
				kind: 'incident',
				id: r.incident_review_id!,
				reference: r.incident_reference ?? '',
				title: r.incident_title ?? ''
			};

export async function listActions(
	db: Kysely<Database>,
	filter: ActionFilter = {},
	today: string = todayUtc()
): Promise<ActionListItem[]> {
	let q = db
		.selectFrom('corrective_actions as a')
		.innerJoin('findings as f', 'f.id', 'a.finding_id')
		.innerJoin('users as u', 'u.id', 'a.owner_id')
		.leftJoin('drills as d', 'd.id', 'f.drill_id')
		.leftJoin('incident_reviews as r', 'r.id', 'f.incident_review_id')
		.select([
			'a.id',
			'a.number',
			'a.finding_id',
			'f.number as finding_number',
			'f.title as finding_title',
			'a.capability',
			'a.action',
			'a.element',
			'a.organisation',
			'a.owner_id',
			'u.display_name as owner_name',
			'a.start_date',
			'a.due_date',
			'a.completed_date',
			'a.status',
			'a.verified_by_kind',
			'a.updated_at',
			'f.drill_id',
			'd.title as drill_title',
			'f.incident_review_id',
			'r.reference as incident_reference',
			'r.title as incident_title'
		]);
	if (filter.status?.length) q = q.where('a.status', 'in', filter.status);
	if (filter.ownerId) q = q.where('a.owner_id', '=', filter.ownerId);
	if (filter.capability) q = q.where('a.capability', '=', filter.capability);
	if (filter.overdue)
		q = q.where('a.status', 'in', [...openStatuses]).where('a.due_date', '<', today);
	if (filter.source === 'drill') q = q.where('f.drill_id', 'is not', null);
	if (filter.source === 'incident') q = q.where('f.incident_review_id', 'is not', null);
	if (filter.actionId) q = q.where('a.id', '=', filter.actionId);
	if (filter.findingId) q = q.where('a.finding_id', '=', filter.findingId);
	if (filter.drillId) q = q.where('f.drill_id', '=', filter.drillId);
	if (filter.incidentReviewId) q = q.where('f.incident_review_id', '=', filter.incidentReviewId);
	q =
		filter.order === 'due'
			? q.orderBy('a.due_date').orderBy('a.number')
			: q
					.orderBy('a.capability', (o) => o.asc().nullsLast())
					.orderBy('f.number')
					.orderBy('a.number');
	const rows = await q.limit(Math.min(filter.limit ?? 500, 500)).execute();
	return rows.map((r) => ({
		id: r.id,
		number: r.number,
		findingId: r.finding_id,
		findingNumber: r.finding_number,
		findingTitle: r.finding_title,
		capability: r.capability,
		action: r.action,
		element: r.element,
		organisation: r.organisation,
		ownerId: r.owner_id,
		ownerName: r.owner_name,
		startDate: r.start_date,
		dueDate: r.due_date,
		completedDate: r.completed_date,
		status: r.status,
		overdue: openStatuses.includes(r.status) && r.due_date < today,
		verifiedByKind: r.verified_by_kind,
		source: sourceOfRow(r),
		updatedAt: r.updated_at
	}));
}

/** Open or in-progress actions past their due date, soonest due first; one owner's if given. */
export function overdueActions(db: Kysely<Database>, today: string, ownerId?: string) {
	return listActions(db, { overdue: true, ownerId, order: 'due', limit: 200 }, today);
}

export type FindingListItem = {
	id: string;
	number: number;
	kind: FindingKind;
	title: string;
	objectiveId: string | null;
	capability: string | null;
	source: ActionSourceRef;
	actions: number;
	openActions: number;
	createdAt: Date;
};

export type FindingFilter = {
	kind?: FindingKind;
	source?: LessonSource;
	drillId?: string;
	incidentReviewId?: string;
	capability?: string;
	limit?: number;
};

const findingFilterFields = {
	kind: z.enum(findingKinds, 'strength or area_for_improvement').optional(),
	source: filterFields.source,
	drill: filterFields.drill,
	incident: filterFields.incident,
	capability: filterFields.capability,
	limit: filterFields.limit
};

/** A findings filter from query parameters (strict for the API, lenient for pages). */
export function findingFilterFrom(params: URLSearchParams, strict: boolean): FindingFilter {
	const raw = Object.fromEntries(params);
	let data: z.infer<z.ZodObject<typeof findingFilterFields>> = {};
	if (strict) data = z.strictObject(findingFilterFields).parse(raw);
	else
		for (const [k, s] of Object.entries(findingFilterFields)) {
			const r = s.safeParse(raw[k]);
			if (r.success && r.data !== undefined) (data as Record<string, unknown>)[k] = r.data;
		}
	return {
		kind: data.kind,
		source: data.source,
		drillId: data.drill,
		incidentReviewId: data.incident,
		capability: data.capability,
		limit: data.limit
	};
}

export async function listFindings(
	db: Kysely<Database>,
	filter: FindingFilter = {}
): Promise<FindingListItem[]> {
	let q = db
		.selectFrom('findings as f')
		.leftJoin('drills as d', 'd.id', 'f.drill_id')
		.leftJoin('incident_reviews as r', 'r.id', 'f.incident_review_id')
		.select((eb) => [
			'f.id',
			'f.number',
			'f.kind',
			'f.title',
			'f.objective_id',
			'f.capability',
			'f.created_at',
			'f.drill_id',
			'd.title as drill_title',
			'f.incident_review_id',
			'r.reference as incident_reference',
			'r.title as incident_title',
			eb
				.selectFrom('corrective_actions as a')
				.select((e) => e.fn.countAll<string>().as('n'))
				.whereRef('a.finding_id', '=', 'f.id')
				.as('actions'),
			eb
				.selectFrom('corrective_actions as a')
				.select((e) => e.fn.countAll<string>().as('n'))
				.whereRef('a.finding_id', '=', 'f.id')
				.where('a.status', 'in', [...openStatuses])
				.as('open_actions')
		]);
	if (filter.kind) q = q.where('f.kind', '=', filter.kind);
	if (filter.source === 'drill') q = q.where('f.drill_id', 'is not', null);
	if (filter.source === 'incident') q = q.where('f.incident_review_id', 'is not', null);
	if (filter.drillId) q = q.where('f.drill_id', '=', filter.drillId);
	if (filter.incidentReviewId) q = q.where('f.incident_review_id', '=', filter.incidentReviewId);
	if (filter.capability) q = q.where('f.capability', '=', filter.capability);
	const rows = await q
		.orderBy('f.number', 'desc')
		.limit(Math.min(filter.limit ?? 500, 500))
		.execute();
	return rows.map((r) => ({
		id: r.id,
		number: r.number,
		kind: r.kind,
		title: r.title,
		objectiveId: r.objective_id,
		capability: r.capability,
		source: sourceOfRow(r),
		actions: Number(r.actions ?? 0),
		openActions: Number(r.open_actions ?? 0),
		createdAt: r.created_at
	}));
}

/** Who may be an action's point of contact: active users whose role may own actions. */
export function ownerChoices(
	db: Kysely<Database>
): Promise<{ id: string; name: string; role: Role }[]> {
	return activeUsersWho(db, 'actions.own');
}
