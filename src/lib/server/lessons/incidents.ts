import { sql, type Kysely, type Transaction } from 'kysely';
import { formatDateTime } from '../../format';
import type { PlanContent } from '../../plans/content';
import * as audit from '../audit/log';
import type { Database, IncidentReviewRow } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { contentOf } from '../plans/versions';
import { formatVersionNumber } from '../plans/version-number';
import { isUuid } from '../users/users';
import type { LessonActor } from './actor';
import { boundedText, fieldChecks } from './checks';
import { notificationTimeliness, type RecordedNotification } from './incident-timeliness';

// Post-incident reviews of real incidents: what happened and when, the severity declared,
// the plan version in force, the key decisions and the notifications made, so that the
// matrix's deadlines can be checked and findings drawn the same way as from a drill.

export const MAX_TIMELINE_ROWS = 100;
export const MAX_NOTIFICATION_ROWS = 100;
export const MAX_STAGES = 5;
const LIMITS = {
	reference: 40,
	title: 200,
	summary: 20_000,
	decision: 2000,
	by: 120,
	note: 500
};

/** As a form or the API sends it: text everywhere, checked here. */
export type IncidentInput = {
	reference: unknown;
	title: unknown;
	severity: unknown;
	planId?: unknown;
	/** Empty: the version of the plan in force when the organisation became aware. */
	planVersionId?: unknown;
	/** UTC: `YYYY-MM-DDTHH:MM` (a datetime-local input), or ISO 8601 with a zone. */
	awareAt: unknown;
	declaredAt?: unknown;
	classifiedAt?: unknown;
	determinedAt?: unknown;
	resolvedAt?: unknown;
	summary?: unknown;
	timeline?: { at?: unknown; decision?: unknown; by?: unknown }[];
	notifications?: { rowKey?: unknown; stage?: unknown; notifiedAt?: unknown; note?: unknown }[];
};

export type TimelineEntry = { at: Date; decision: string; by: string };
export type StoredNotification = RecordedNotification & { note: string };

/** A review's values, checked. */
type Checked = {
	reference: string;
	title: string;
	severity: string;
	planId: string;
	planVersionId: string;
	awareAt: Date;
	declaredAt: Date | null;
	classifiedAt: Date | null;
	determinedAt: Date | null;
	resolvedAt: Date | null;
	summary: string;
	timeline: TimelineEntry[];
	notifications: StoredNotification[];
};

/** Short text: times, keys, a severity id (each checked further where it is used). */
const asText = (value: unknown, field: string): string => boundedText(value, field, 200);

const bounded = (value: unknown, field: keyof typeof LIMITS, name = field as string) =>
	boundedText(value, name, LIMITS[field]);

/**
 * A moment in UTC from `YYYY-MM-DDTHH:MM[:SS]` (what a datetime-local input sends, read as
 * UTC) or a full ISO 8601 time with `Z` or an offset. Empty: null.
 */
export function parseUtcTime(value: unknown, field: string): Date | null {
	const text = asText(value, field);
	if (!text) return null;
	const m =
		/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
			text
		);
	if (!m) throw new InvalidInputError('Give a date and time, e.g. 2026-03-10 14:05.', field);
	const [, y, mo, d, h, mi, s, zone] = m;
	const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +(s ?? 0));
	const check = new Date(utc);
	if (
		check.getUTCFullYear() !== +y ||
		check.getUTCMonth() !== +mo - 1 ||
		check.getUTCDate() !== +d ||
		+h > 23 ||
		+mi > 59 ||
		+(s ?? 0) > 59 ||
		+y < 1990
	)
		throw new InvalidInputError('This date and time does not exist.', field);
	let offset = 0;
	if (zone && zone !== 'Z') {
		const sign = zone[0] === '-' ? -1 : 1;
		offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
	}
	return new Date(utc - offset * 60_000);
}

/** A review is written after the fact: nothing in it lies ahead (a few minutes' clock skew aside). */
function notInFuture(at: Date | null, field: string, now: Date) {
	if (at && at.getTime() > now.getTime() + 5 * 60_000)
		throw new InvalidInputError('This lies in the future.', field);
}

/** Reference as teams write it, upper-cased so INC-7 and inc-7 are one incident. */
function checkReference(value: unknown): string {
	const ref = bounded(value, 'reference').toUpperCase();
	if (!ref)
		throw new InvalidInputError('Give the incident reference, e.g. INC-2026-014.', 'reference');
	if (!/^[A-Z0-9][A-Z0-9._/-]*$/.test(ref))
		throw new InvalidInputError(
			'Use letters, digits and . _ / - only, e.g. INC-2026-014.',
			'reference'
		);
	return ref;
}

/** The approved version of the plan in force at `at`, or undefined. */
export async function versionInForceAt(db: Kysely<Database>, planId: string, at: Date) {
	if (!isUuid(planId)) return undefined;
	return db
		.selectFrom('plan_versions')
		.select(['id', 'major', 'minor'])
		.where('plan_id', '=', planId)
		.where('status', 'in', ['approved', 'superseded'])
		.where('approved_at', '<=', at)
		.where((eb) => eb.or([eb('superseded_at', 'is', null), eb('superseded_at', '>', at)]))
		.orderBy('approved_at', 'desc')
		.limit(1)
		.executeTakeFirst();
}

async function choosePlanVersion(
	db: Kysely<Database>,
	planIdValue: unknown,
	versionValue: unknown,
	awareAt: Date
): Promise<{ planId: string; versionId: string; content: PlanContent }> {
	const planId = asText(planIdValue, 'planId');
	const versionId = asText(versionValue, 'planVersionId');
	if (versionId) {
		const v = isUuid(versionId)
			? await db
					.selectFrom('plan_versions')
					.select(['id', 'plan_id', 'status', 'content'])
					.where('id', '=', versionId)
					.executeTakeFirst()
			: undefined;
		// A version names its plan: the plan field only counts with "the version in force".
		if (!v) throw new InvalidInputError('No such plan version.', 'planVersionId');
		if (v.status !== 'approved' && v.status !== 'superseded')
			throw new InvalidInputError(
				'Choose an approved version: a draft was never in force.',
				'planVersionId'
			);
		return { planId: v.plan_id, versionId: v.id, content: contentOf(v) };
	}
	if (!planId) throw new InvalidInputError('Choose the plan that was in force.', 'planId');
	const plan = isUuid(planId)
		? await db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst()
		: undefined;
	if (!plan) throw new InvalidInputError('No such plan.', 'planId');
	const inForce = await versionInForceAt(db, planId, awareAt);
	if (!inForce)
		throw new InvalidInputError(
			`No version of this plan was in force at ${formatDateTime(awareAt)}: choose the version followed.`,
			'planVersionId'
		);
	const row = await db
		.selectFrom('plan_versions')
		.select('content')
		.where('id', '=', inForce.id)
		.executeTakeFirstOrThrow();
	return { planId, versionId: inForce.id, content: contentOf(row) };
}

/** The review as stored, every bad field reported at once (as far as they can be judged). */
async function check(db: Kysely<Database>, input: IncidentInput, now: Date): Promise<Checked> {
	const c = fieldChecks();
	const reference = c.field(() => checkReference(input.reference), '');
	const title = c.field(() => bounded(input.title, 'title'), '');
	if (!title && !('title' in c.errors)) c.problem('title', 'Give the incident a title.');
	const awareAt = c.field(() => {
		const at = parseUtcTime(input.awareAt, 'awareAt');
		if (!at)
			throw new InvalidInputError('Say when the organisation became aware of it.', 'awareAt');
		notInFuture(at, 'awareAt', now);
		return at;
	}, null);
	const words = {
		declaredAt: 'The declaration',
		classifiedAt: 'The classification',
		determinedAt: 'The determination',
		resolvedAt: 'The resolution'
	} as const;
	const moment = (field: keyof typeof words) =>
		c.field(() => {
			const at = parseUtcTime(input[field], field);
			notInFuture(at, field, now);
			if (at && awareAt && at < awareAt)
				throw new InvalidInputError(`${words[field]} cannot come before awareness.`, field);
			return at;
		}, null);
	const moments = {
		declaredAt: moment('declaredAt'),
		classifiedAt: moment('classifiedAt'),
		determinedAt: moment('determinedAt'),
		resolvedAt: moment('resolvedAt')
	};
	const summary = c.field(() => bounded(input.summary, 'summary'), '');
	// The plan version in force is found from the moment of awareness: without it, stop here.
	if (!awareAt) c.done();

	const { planId, versionId, content } = await choosePlanVersion(
		db,
		input.planId,
		input.planVersionId,
		awareAt!
	);
	const severity = c.field(() => {
		const level = asText(input.severity, 'severity');
		if (!level) throw new InvalidInputError('Choose the severity declared.', 'severity');
		if (!content.severityScale.some((l) => l.id === level))
			throw new InvalidInputError(
				`The plan version has no severity ${level.slice(0, 20)}: choose one of ${content.severityScale.map((l) => l.id).join(', ')}.`,
				'severity'
			);
		return level;
	}, '');

	const timeline: TimelineEntry[] = [];
	const timelineRows = input.timeline ?? [];
	if (!Array.isArray(timelineRows) || timelineRows.length > MAX_TIMELINE_ROWS)
		throw new InvalidInputError(
			`A timeline holds at most ${MAX_TIMELINE_ROWS} decisions.`,
			'timeline'
		);
	timelineRows.forEach((row, i) =>
		c.field(() => {
			const f = (name: string) => `timeline-${i}-${name}`;
			const decision = bounded(row?.decision, 'decision', f('decision'));
			const by = bounded(row?.by, 'by', f('by'));
			const atText = asText(row?.at, f('at'));
			if (!decision && !by && !atText) return; // a blank row of the form
			const at = parseUtcTime(atText, f('at'));
			if (!at) throw new InvalidInputError('Say when the decision was taken.', f('at'));
			if (!decision) throw new InvalidInputError('Say what was decided.', f('decision'));
			notInFuture(at, f('at'), now);
			timeline.push({ at, decision, by });
		}, undefined)
	);
	timeline.sort((a, b) => a.at.getTime() - b.at.getTime());

	const notifications: StoredNotification[] = [];
	const notificationRows = input.notifications ?? [];
	if (!Array.isArray(notificationRows) || notificationRows.length > MAX_NOTIFICATION_ROWS)
		throw new InvalidInputError(
			`A review records at most ${MAX_NOTIFICATION_ROWS} notifications.`,
			'notifications'
		);
	const rowKeys = new Set(content.matrix.map((r) => r.key));
	const seen = new Set<string>();
	notificationRows.forEach((row, i) =>
		c.field(() => {
			const f = (name: string) => `notifications-${i}-${name}`;
			const rowKey = asText(row?.rowKey, f('rowKey'));
			const stageText = asText(
				typeof row?.stage === 'number' ? String(row.stage) : row?.stage,
				f('stage')
			);
			const atText = asText(row?.notifiedAt, f('notifiedAt'));
			const note = bounded(row?.note, 'note', f('note'));
			if (!rowKey && !atText && !note) return; // a blank row of the form
			if (!rowKey) throw new InvalidInputError('Choose who was notified.', f('rowKey'));
			if (!rowKeys.has(rowKey))
				throw new InvalidInputError(
					`The communication matrix of this plan version has no row ${rowKey.slice(0, 60)}.`,
					f('rowKey')
				);
			const stage = /^\d{1,2}$/.test(stageText || '0') ? Number(stageText || '0') : NaN;
			if (!(stage >= 0 && stage < MAX_STAGES))
				throw new InvalidInputError(`Choose a stage from 1 to ${MAX_STAGES}.`, f('stage'));
			const notifiedAt = parseUtcTime(atText, f('notifiedAt'));
			if (!notifiedAt) throw new InvalidInputError('Say when they were notified.', f('notifiedAt'));
			notInFuture(notifiedAt, f('notifiedAt'), now);
			if (notifiedAt < awareAt!)
				throw new InvalidInputError(
					'A notification cannot come before awareness.',
					f('notifiedAt')
				);
			const once = `${rowKey}#${stage}`;
			if (seen.has(once))
				throw new InvalidInputError(
					'This stage of this stakeholder is recorded twice: keep the first message.',
					f('rowKey')
				);
			seen.add(once);
			notifications.push({ rowKey, stage, notifiedAt, note });
		}, undefined)
	);
	notifications.sort((a, b) => a.notifiedAt.getTime() - b.notifiedAt.getTime());
	c.done();

	return {
		reference,
		title,
		severity,
		planId,
		planVersionId: versionId,
		awareAt: awareAt!,
		...moments,
		summary,
		timeline,
		notifications
	};
}

const timelineJson = (t: TimelineEntry[]) =>
	JSON.stringify(t.map((e) => ({ at: e.at.toISOString(), decision: e.decision, by: e.by })));
const notificationsJson = (n: StoredNotification[]) =>
	JSON.stringify(
		n.map((e) => ({
			rowKey: e.rowKey,
			stage: e.stage,
			notifiedAt: e.notifiedAt.toISOString(),
			note: e.note
		}))
	);

function columns(c: Checked) {
	return {
		reference: c.reference,
		title: c.title,
		severity: c.severity,
		plan_id: c.planId,
		plan_version_id: c.planVersionId,
		aware_at: c.awareAt,
		declared_at: c.declaredAt,
		classified_at: c.classifiedAt,
		determined_at: c.determinedAt,
		resolved_at: c.resolvedAt,
		summary: c.summary,
		timeline: timelineJson(c.timeline),
		notifications: notificationsJson(c.notifications)
	};
}

const REFERENCE_CONSTRAINT = 'incident_reviews_reference_key';
const duplicateReference = (reference: string) =>
	new ConflictError(`Another review already has the reference ${reference}.`, 'reference');

async function assertReferenceFree(db: Kysely<Database>, reference: string, exceptId?: string) {
	let q = db.selectFrom('incident_reviews').select('id').where('reference', '=', reference);
	if (exceptId) q = q.where('id', '<>', exceptId);
	if (await q.executeTakeFirst()) throw duplicateReference(reference);
}

/**
 * Runs a write that may trip the unique reference under a concurrent insert: in a savepoint,
 * so the refusal is a clear error on the field and the transaction stays usable.
 */
async function guardReference<T>(
	trx: Transaction<Database>,
	reference: string,
	write: () => Promise<T>
): Promise<T> {
	await sql`savepoint incident_reference`.execute(trx);
	try {
		const out = await write();
		await sql`release savepoint incident_reference`.execute(trx);
		return out;
	} catch (e) {
		if (!isUniqueViolation(e, REFERENCE_CONSTRAINT)) throw e;
		await sql`rollback to savepoint incident_reference`.execute(trx);
		throw duplicateReference(reference);
	}
}

const target = (id: string) => ({ type: 'incident_review', id });

export async function createIncidentReview(
	trx: Transaction<Database>,
	actor: LessonActor,
	input: IncidentInput,
	now: Date
): Promise<{ id: string }> {
	const c = await check(trx, input, now);
	await assertReferenceFree(trx, c.reference);
	const row = await guardReference(trx, c.reference, () =>
		trx
			.insertInto('incident_reviews')
			.values({ ...columns(c), created_by: actor.id, created_at: now, updated_at: now })
			.returning('id')
			.executeTakeFirstOrThrow()
	);
	await audit.append(trx, actor, 'incident_review.created', target(row.id), {
		reference: c.reference,
		title: c.title,
		severity: c.severity,
		planVersionId: c.planVersionId,
		decisions: c.timeline.length,
		notifications: c.notifications.length
	});
	return { id: row.id };
}

export async function updateIncidentReview(
	trx: Transaction<Database>,
	actor: LessonActor,
	reviewId: string,
	revision: number,
	input: IncidentInput,
	now: Date
): Promise<{ revision: number }> {
	const current = isUuid(reviewId)
		? await trx
				.selectFrom('incident_reviews')
				.selectAll()
				.where('id', '=', reviewId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!current) throw new NotFoundError('No such incident review.');
	if (current.revision !== revision)
		throw new ConflictError(
			'Someone else changed this review since you opened it: reload it to see their changes, then edit again.',
			'revision'
		);
	const c = await check(trx, input, now);
	if (c.planId !== current.plan_id) {
		const pinned = await trx
			.selectFrom('findings')
			.select('number')
			.where('incident_review_id', '=', current.id)
			.where('reference_section_key', 'is not', null)
			.orderBy('number')
			.execute();
		if (pinned.length)
			throw new InvalidInputError(
				`Findings ${pinned.map((f) => `F-${f.number}`).join(', ')} refer to sections of this plan: keep the plan.`,
				'planId'
			);
	}
	await assertReferenceFree(trx, c.reference, current.id);
	const values = columns(c);
	const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
		(k) => stored(current[k]) !== stored(values[k])
	);
	await guardReference(trx, c.reference, () =>
		trx
			.updateTable('incident_reviews')
			.set({ ...values, revision: revision + 1, updated_at: now })
			.where('id', '=', current.id)
			.execute()
	);
	await audit.append(trx, actor, 'incident_review.updated', target(current.id), {
		reference: c.reference,
		changed,
		revision: revision + 1
	});
	return { revision: revision + 1 };
}

/** A column's value for comparing what an edit changed. */
function stored(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (value === null || value === undefined) return '';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function readTimeline(value: unknown): TimelineEntry[] {
	const rows = (typeof value === 'string' ? JSON.parse(value) : value) as
		{ at: string; decision: string; by?: string }[] | null;
	return (rows ?? []).map((r) => ({ at: new Date(r.at), decision: r.decision, by: r.by ?? '' }));
}

function readNotifications(value: unknown): StoredNotification[] {
	const rows = (typeof value === 'string' ? JSON.parse(value) : value) as
		{ rowKey: string; stage: number; notifiedAt: string; note?: string }[] | null;
	return (rows ?? []).map((r) => ({
		rowKey: r.rowKey,
		stage: Number(r.stage) || 0,
		notifiedAt: new Date(r.notifiedAt),
		note: r.note ?? ''
	}));
}

export type IncidentReview = Omit<IncidentReviewRow, 'timeline' | 'notifications'> & {
	timeline: TimelineEntry[];
	notifications: StoredNotification[];
	planTitle: string;
	versionNumber: string;
	versionStatus: string;
	createdByName: string;
};

export async function getIncidentReview(
	db: Kysely<Database>,
	reviewId: string
): Promise<IncidentReview | undefined> {
	if (!isUuid(reviewId)) return undefined;
	const row = await db
		.selectFrom('incident_reviews as r')
		.innerJoin('plans as p', 'p.id', 'r.plan_id')
		.innerJoin('plan_versions as v', 'v.id', 'r.plan_version_id')
		.leftJoin('users as u', 'u.id', 'r.created_by')
		.selectAll('r')
		.select([
			'p.title as plan_title',
			'v.major',
			'v.minor',
			'v.status as version_status',
			'u.display_name as created_by_name'
		])
		.where('r.id', '=', reviewId)
		.executeTakeFirst();
	if (!row) return undefined;
	const { plan_title, major, minor, version_status, created_by_name, ...review } = row;
	return {
		...review,
		timeline: readTimeline(row.timeline),
		notifications: readNotifications(row.notifications),
		planTitle: plan_title,
		versionNumber: formatVersionNumber({ major, minor }),
		versionStatus: version_status,
		createdByName: created_by_name ?? ''
	};
}

/** The review with its plan version's content and the timeliness of its notifications. */
export async function incidentReviewDetail(db: Kysely<Database>, reviewId: string) {
	const review = await getIncidentReview(db, reviewId);
	if (!review) throw new NotFoundError('No such incident review.');
	const version = await db
		.selectFrom('plan_versions')
		.select('content')
		.where('id', '=', review.plan_version_id)
		.executeTakeFirstOrThrow();
	const content = contentOf(version);
	const timeliness = notificationTimeliness(
		{
			severity: review.severity,
			awareAt: review.aware_at,
			declaredAt: review.declared_at,
			classifiedAt: review.classified_at,
			determinedAt: review.determined_at,
			notifications: review.notifications
		},
		content
	);
	const findings = await db
		.selectFrom('findings')
		.select(['id', 'number', 'kind', 'title'])
		.where('incident_review_id', '=', review.id)
		.orderBy('number')
		.execute();
	return { review, content, timeliness, findings };
}

export type IncidentListItem = {
	id: string;
	reference: string;
	title: string;
	severity: string;
	awareAt: Date;
	resolvedAt: Date | null;
	planTitle: string;
	versionNumber: string;
	findings: number;
};

/** Every review, most recent incident first. */
export async function listIncidentReviews(
	db: Kysely<Database>,
	options: { limit?: number } = {}
): Promise<IncidentListItem[]> {
	const limit = Math.min(Math.max(options.limit ?? 200, 1), 500);
	const rows = await db
		.selectFrom('incident_reviews as r')
		.innerJoin('plans as p', 'p.id', 'r.plan_id')
		.innerJoin('plan_versions as v', 'v.id', 'r.plan_version_id')
		.select((eb) => [
			'r.id',
			'r.reference',
			'r.title',
			'r.severity',
			'r.aware_at',
			'r.resolved_at',
			'p.title as plan_title',
			'v.major',
			'v.minor',
			eb
				.selectFrom('findings as f')
				.select((f) => f.fn.countAll<number>().as('n'))
				.whereRef('f.incident_review_id', '=', 'r.id')
				.as('findings')
		])
		.orderBy('r.aware_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		title: r.title,
		severity: r.severity,
		awareAt: r.aware_at,
		resolvedAt: r.resolved_at,
		planTitle: r.plan_title,
		versionNumber: formatVersionNumber(r),
		findings: Number(r.findings ?? 0)
	}));
}
