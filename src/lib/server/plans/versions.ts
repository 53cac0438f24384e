import type { Kysely, Transaction } from 'kysely';
import { can, type Role } from '../../permissions';
import { planContentSchema, type PlanContent } from '../../plans/content';
import { statusLabels } from '../../plans/status';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import { assertPasswordReentry, type PasswordReentry } from '../auth/reentry';
import type { Database, PlanVersion, PlanVersionStatus } from '../db/schema';
import { isCalendarDate } from '../../dates';
import { resolveActionsOnApproval } from '../lessons/plan-links';
import { isUuid } from '../users/users';
import { PlanRuleError, StaleRevisionError } from './errors';
import { readStoredContent } from './stored-content';
import {
	compareVersionNumbers,
	formatVersionNumber,
	parseVersionNumber,
	type VersionNumber
} from './version-number';

// The life cycle of a plan version:
//   draft -> in_review -> approved -> superseded
//   in_review -> changes_requested -> (edited) -> draft
// Approved and superseded versions never change (the database enforces it too).

export const OPEN_STATUSES: PlanVersionStatus[] = ['draft', 'in_review', 'changes_requested'];
const EDITABLE: PlanVersionStatus[] = ['draft', 'changes_requested'];

export type Approver = { id: string; email: string; role: Role };

const target = (v: { id: string }) => ({ type: 'plan_version', id: v.id });

export function contentOf(version: Pick<PlanVersion, 'content'>): PlanContent {
	return readStoredContent(version.content);
}

export async function getVersion(db: Kysely<Database>, versionId: string) {
	if (!isUuid(versionId)) return undefined;
	return db.selectFrom('plan_versions').selectAll().where('id', '=', versionId).executeTakeFirst();
}

async function lockVersion(trx: Transaction<Database>, versionId: string): Promise<PlanVersion> {
	const v = isUuid(versionId)
		? await trx
				.selectFrom('plan_versions')
				.selectAll()
				.where('id', '=', versionId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!v) throw new PlanRuleError('No such plan version.', 404);
	return v;
}

function validContent(content: unknown): PlanContent {
	const parsed = planContentSchema.safeParse(content);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new PlanRuleError(`${issue.path.join('.')}: ${issue.message}`, 400, issue.path.join('.'));
	}
	return parsed.data;
}

/** Opens a new draft copied from the approved version (or the given content for a new plan). */
export async function openDraft(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	planId: string,
	content?: PlanContent
): Promise<PlanVersion> {
	await trx
		.selectFrom('plans')
		.select('id')
		.where('id', '=', planId)
		.forUpdate()
		.executeTakeFirst();
	const open = await trx
		.selectFrom('plan_versions')
		.select(['id', 'status'])
		.where('plan_id', '=', planId)
		.where('status', 'in', OPEN_STATUSES)
		.executeTakeFirst();
	if (open) throw new PlanRuleError('This plan already has an open draft; continue that one.', 409);
	const approved = await currentApproved(trx, planId);
	const base = content ?? (approved ? contentOf(approved) : null);
	if (!base) throw new PlanRuleError('There is nothing to start the draft from.', 400);
	const draft = await trx
		.insertInto('plan_versions')
		.values({
			plan_id: planId,
			status: 'draft',
			major: null,
			minor: null,
			content: JSON.stringify(validContent(base)),
			based_on_id: content ? null : (approved?.id ?? null),
			author_id: actor.id,
			contributor_ids: JSON.stringify([actor.id]),
			updated_by: actor.id
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	await audit.append(trx, actor, 'plan.draft_opened', target(draft), {
		planId,
		basedOn: approved ? formatVersionNumber(approved) : null
	});
	return draft;
}

/** Saves a draft if nobody saved it since `baseRevision`; returns the new revision. */
export async function saveDraft(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	versionId: string,
	baseRevision: number,
	content: PlanContent,
	what: string
): Promise<number> {
	const v = await lockVersion(trx, versionId);
	if (!EDITABLE.includes(v.status))
		throw new PlanRuleError(
			`This version is ${statusLabel(v.status)} and can no longer be edited.`,
			409
		);
	if (v.revision !== baseRevision) throw new StaleRevisionError(v.revision);
	const contributors = new Set(v.contributor_ids);
	contributors.add(actor.id);
	const revision = v.revision + 1;
	await trx
		.updateTable('plan_versions')
		.set({
			content: JSON.stringify(validContent(content)),
			revision,
			status: 'draft', // editing after "changes requested" returns it to draft
			contributor_ids: JSON.stringify([...contributors]),
			updated_at: new Date(),
			updated_by: actor.id
		})
		.where('id', '=', v.id)
		.execute();
	await audit.append(trx, actor, 'plan.draft_saved', target(v), {
		planId: v.plan_id,
		revision,
		change: what
	});
	return revision;
}

/** The highest number any version of the plan holds, leaving out `exceptVersionId`. */
export async function highestNumber(
	db: Kysely<Database>,
	planId: string,
	exceptVersionId?: string
): Promise<VersionNumber | null> {
	let query = db
		.selectFrom('plan_versions')
		.select(['major', 'minor'])
		.where('plan_id', '=', planId)
		.where('major', 'is not', null);
	if (exceptVersionId) query = query.where('id', '<>', exceptVersionId);
	const row = await query
		.orderBy('major', 'desc')
		.orderBy('minor', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row && row.major !== null && row.minor !== null
		? { major: row.major, minor: row.minor }
		: null;
}

export async function submitForReview(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	versionId: string,
	baseRevision: number,
	input: { number?: string; changeSummary: string }
): Promise<void> {
	const v = await lockVersion(trx, versionId);
	if (!EDITABLE.includes(v.status))
		throw new PlanRuleError(
			`This version is ${statusLabel(v.status)}; only a draft can be submitted.`,
			409
		);
	if (v.revision !== baseRevision) throw new StaleRevisionError(v.revision);
	const number = await numberForSubmission(trx, v, input.number);
	const summary = input.changeSummary.trim();
	if (summary.length < 5)
		throw new PlanRuleError('Say in a sentence what changed and why.', 400, 'changeSummary');
	if (summary.length > 2000)
		throw new PlanRuleError('Keep the summary under 2,000 characters.', 400, 'changeSummary');
	await trx
		.updateTable('plan_versions')
		.set({
			status: 'in_review',
			major: number.major,
			minor: number.minor,
			change_summary: summary,
			submitted_at: new Date(),
			submitted_by: actor.id,
			revision: v.revision + 1,
			updated_at: new Date(),
			updated_by: actor.id
		})
		.where('id', '=', v.id)
		.execute();
	await audit.append(trx, actor, 'plan.submitted', target(v), {
		planId: v.plan_id,
		number: formatVersionNumber(number),
		changeSummary: summary
	});
}

/**
 * The number a submission gets. A draft sent back with "changes requested" keeps the number
 * it was first submitted with, so history does not skip numbers; a new draft's number must
 * be higher than any other version's of the plan.
 */
async function numberForSubmission(
	trx: Transaction<Database>,
	v: PlanVersion,
	requested: string | undefined
): Promise<VersionNumber> {
	const previous = v.major !== null && v.minor !== null ? { major: v.major, minor: v.minor } : null;
	const text = requested?.trim() ?? '';
	if (previous && (!text || text === formatVersionNumber(previous))) return previous;
	const number = parseVersionNumber(text);
	if (!number)
		throw new PlanRuleError('Use a version number like 2.1 (major.minor).', 400, 'number');
	const highest = await highestNumber(trx, v.plan_id, v.id);
	if (highest && compareVersionNumbers(number, highest) <= 0)
		throw new PlanRuleError(
			`The number must be higher than ${formatVersionNumber(highest)}, the highest so far.`,
			400,
			'number'
		);
	return number;
}

/**
 * Why this person may not approve this version, or null when they may. Nobody approves a
 * version they wrote or edited, whatever their role: auditors look for exactly this.
 */
export function approvalRefusal(
	approver: Approver,
	version: Pick<PlanVersion, 'author_id' | 'contributor_ids'>
): string | null {
	if (!can(approver.role, 'plans.review')) return 'Your role may not approve plan versions.';
	if (version.author_id === approver.id || version.contributor_ids.includes(approver.id))
		return 'You wrote or edited this draft; someone else who may approve plans must approve it (segregation of duties).';
	return null;
}

export async function requestChanges(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	reviewer: Approver,
	versionId: string,
	comment: string
): Promise<void> {
	const v = await lockVersion(trx, versionId);
	if (v.status !== 'in_review')
		throw new PlanRuleError('Only a version in review can be sent back.', 409);
	if (!can(reviewer.role, 'plans.review'))
		throw new PlanRuleError('Your role may not review plan versions.', 403);
	const text = comment.trim();
	if (text.length < 3) throw new PlanRuleError('Say what needs to change.', 400, 'comment');
	await trx
		.updateTable('plan_versions')
		.set({
			status: 'changes_requested',
			review_comment: text.slice(0, 4000),
			reviewed_by: reviewer.id,
			reviewed_at: new Date(),
			revision: v.revision + 1,
			updated_at: new Date()
		})
		.where('id', '=', v.id)
		.execute();
	await audit.append(trx, actor, 'plan.changes_requested', target(v), {
		planId: v.plan_id,
		comment: text
	});
}

function addMonths(date: string, months: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, lastDay));
	return d.toISOString().slice(0, 10);
}

export function todayUtc(now = new Date()): string {
	return now.toISOString().slice(0, 10);
}

/**
 * Throws what stands in the way of this approver approving this version, password aside:
 * checked before the password is asked for (so a wrong password is never counted against a
 * version nobody may approve) and again under the row lock.
 */
export function assertApprovable(
	approver: Approver,
	version: Pick<PlanVersion, 'status' | 'author_id' | 'contributor_ids'>,
	effectiveDate: string
): void {
	if (version.status !== 'in_review')
		throw new PlanRuleError('Only a version in review can be approved.', 409);
	const refusal = approvalRefusal(approver, version);
	if (refusal) throw new PlanRuleError(refusal, 403);
	if (!isCalendarDate(effectiveDate))
		throw new PlanRuleError(
			'Give the effective date as a date, e.g. 2026-12-01.',
			400,
			'effectiveDate'
		);
}

/**
 * Approves a version in review. It needs the proof that the approver has just re-entered
 * their password (verifyPasswordReentry, throttled like a login, checked before this
 * transaction so that a wrong guess stays counted), so no code path can approve without
 * it; the previous approved version becomes superseded.
 */
export async function approve(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	approver: Approver,
	versionId: string,
	input: { reentry: PasswordReentry; comment: string; effectiveDate: string },
	now = new Date()
): Promise<void> {
	const v = await lockVersion(trx, versionId);
	assertApprovable(approver, v, input.effectiveDate);
	assertPasswordReentry(input.reentry, approver.id);
	// The corrective actions this version resolves: locked and recorded before anything is
	// written to the audit trail (whose lock every action change takes after the action's).
	await resolveActionsOnApproval(trx, actor, v, now);

	const plan = await trx
		.selectFrom('plans')
		.select(['review_interval_months'])
		.where('id', '=', v.plan_id)
		.executeTakeFirstOrThrow();
	const previous = await trx
		.selectFrom('plan_versions')
		.select(['id', 'major', 'minor'])
		.where('plan_id', '=', v.plan_id)
		.where('status', '=', 'approved')
		.forUpdate()
		.executeTakeFirst();
	if (previous) {
		await trx
			.updateTable('plan_versions')
			.set({ status: 'superseded', superseded_at: now })
			.where('id', '=', previous.id)
			.execute();
		await audit.append(trx, actor, 'plan.superseded', target(previous), {
			planId: v.plan_id,
			number: formatVersionNumber(previous),
			supersededBy: formatVersionNumber(v)
		});
	}
	const nextReview = addMonths(todayUtc(now), plan.review_interval_months);
	await trx
		.updateTable('plan_versions')
		.set({
			status: 'approved',
			approved_by: approver.id,
			approved_at: now,
			approval_comment: input.comment.trim().slice(0, 4000) || null,
			effective_date: input.effectiveDate,
			next_review_date: nextReview,
			revision: v.revision + 1,
			updated_at: now
		})
		.where('id', '=', v.id)
		.execute();
	await audit.append(trx, actor, 'plan.approved', target(v), {
		planId: v.plan_id,
		number: formatVersionNumber(v),
		effectiveDate: input.effectiveDate,
		nextReviewDate: nextReview,
		comment: input.comment.trim() || null
	});
}

export async function currentApproved(db: Kysely<Database>, planId: string) {
	return db
		.selectFrom('plan_versions')
		.selectAll()
		.where('plan_id', '=', planId)
		.where('status', '=', 'approved')
		.executeTakeFirst();
}

export async function openDraftOf(db: Kysely<Database>, planId: string) {
	return db
		.selectFrom('plan_versions')
		.selectAll()
		.where('plan_id', '=', planId)
		.where('status', 'in', OPEN_STATUSES)
		.executeTakeFirst();
}

export const statusLabel = (s: PlanVersionStatus) => statusLabels[s];
