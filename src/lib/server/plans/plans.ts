import type { Kysely, Transaction } from 'kysely';
import type { PlanContent } from '../../plans/content';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { PlanView } from '../access/visibility';
import type { Database, Plan, PlanKind } from '../db/schema';
import { isUuid } from '../users/users';
import { PlanRuleError } from './errors';
import { formatVersionNumber } from './version-number';
import { OPEN_STATUSES, openDraft, todayUtc } from './versions';

export const REVIEW_DUE_SOON_DAYS = 30;

export async function createPlan(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	input: { title: string; kind: PlanKind; reviewIntervalMonths?: number; content: PlanContent }
) {
	const title = input.title.trim();
	if (!title) throw new PlanRuleError('Give the plan a title.', 400, 'title');
	const plan = await trx
		.insertInto('plans')
		.values({
			title,
			kind: input.kind,
			review_interval_months: input.reviewIntervalMonths ?? 12,
			created_by: actor.id
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	await audit.append(
		trx,
		actor,
		'plan.created',
		{ type: 'plan', id: plan.id },
		{ title, kind: input.kind }
	);
	const draft = await openDraft(trx, actor, plan.id, input.content);
	return { plan, draft };
}

/** What pages and exports say about a plan itself. */
export function planHeader(plan: Plan) {
	return {
		id: plan.id,
		title: plan.title,
		kind: plan.kind,
		reviewIntervalMonths: plan.review_interval_months
	};
}

export function getPlan(db: Kysely<Database>, planId: string) {
	if (!isUuid(planId)) return Promise.resolve(undefined);
	return db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

export type ReviewState = 'overdue' | 'due-soon' | 'ok' | 'never-approved';

export function reviewState(nextReviewDate: string | null, today = todayUtc()): ReviewState {
	if (!nextReviewDate) return 'never-approved';
	if (nextReviewDate < today) return 'overdue';
	const soon = new Date(`${today}T00:00:00Z`);
	soon.setUTCDate(soon.getUTCDate() + REVIEW_DUE_SOON_DAYS);
	return nextReviewDate <= soon.toISOString().slice(0, 10) ? 'due-soon' : 'ok';
}

/**
 * Every plan the viewer may see, with its version in force and its open draft, for the plan
 * list, the dashboard and the API. A trainee's view holds only plans in force, no drafts.
 */
export async function listPlans(db: Kysely<Database>, view: PlanView, today = todayUtc()) {
	const [plans, versions] = await Promise.all([
		db.selectFrom('plans').selectAll().orderBy('kind').orderBy('title').execute(),
		db
			.selectFrom('plan_versions')
			.select([
				'id',
				'plan_id',
				'status',
				'major',
				'minor',
				'next_review_date',
				'effective_date',
				'approved_at'
			])
			.where('status', 'in', view.inForceOnly ? ['approved'] : ['approved', ...OPEN_STATUSES])
			.execute()
	]);
	const listed = view.inForceOnly
		? plans.filter((p) => versions.some((v) => v.plan_id === p.id))
		: plans;
	return listed.map((p) => {
		const approved = versions.find((v) => v.plan_id === p.id && v.status === 'approved');
		const draft = versions.find((v) => v.plan_id === p.id && v.status !== 'approved');
		return {
			id: p.id,
			title: p.title,
			kind: p.kind,
			reviewIntervalMonths: p.review_interval_months,
			approved: approved
				? {
						id: approved.id,
						number: formatVersionNumber(approved),
						effectiveDate: approved.effective_date,
						nextReviewDate: approved.next_review_date
					}
				: null,
			draft: draft
				? { id: draft.id, status: draft.status, number: formatVersionNumber(draft) }
				: null,
			review: reviewState(approved?.next_review_date ?? null, today)
		};
	});
}

/** All versions of a plan, newest first, with the people's names. */
export async function listVersions(db: Kysely<Database>, planId: string) {
	return db
		.selectFrom('plan_versions as v')
		.leftJoin('users as author', 'author.id', 'v.author_id')
		.leftJoin('users as approver', 'approver.id', 'v.approved_by')
		.select([
			'v.id',
			'v.status',
			'v.major',
			'v.minor',
			'v.change_summary',
			'v.created_at',
			'v.submitted_at',
			'v.approved_at',
			'v.effective_date',
			'v.next_review_date',
			'v.superseded_at',
			'v.based_on_id',
			'author.display_name as author_name',
			'approver.display_name as approver_name'
		])
		.where('v.plan_id', '=', planId)
		.orderBy('v.created_at', 'desc')
		.execute();
}

/** Months between approval and the next review, for versions approved from now on. */
export async function setReviewInterval(
	trx: Transaction<Database>,
	actor: AuditActor,
	planId: string,
	months: number
): Promise<void> {
	if (!Number.isInteger(months) || months < 1 || months > 36)
		throw new PlanRuleError('Use a whole number of months from 1 to 36.', 400, 'months');
	const before = await trx
		.selectFrom('plans')
		.select('review_interval_months')
		.where('id', '=', planId)
		.forUpdate()
		.executeTakeFirstOrThrow();
	if (before.review_interval_months === months) return;
	await trx
		.updateTable('plans')
		.set({ review_interval_months: months })
		.where('id', '=', planId)
		.execute();
	await audit.append(
		trx,
		actor,
		'plan.review_interval_changed',
		{ type: 'plan', id: planId },
		{
			from: before.review_interval_months,
			to: months
		}
	);
}
