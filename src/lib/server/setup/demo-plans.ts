import type { Transaction } from 'kysely';
import * as audit from '../audit/log';
import { systemActor } from '../audit/log';
import type { Database } from '../db/schema';
import { demoPlanHistory } from '../plans/template/demo-history';
import { parseVersionNumber } from '../plans/version-number';

const DAY = 86_400_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The demo IR plan with its history: approved versions in the past (written as they would
 * have been, back-dated) and an open draft, so history and diffs show on first start.
 */
export async function seedDemoPlan(
	trx: Transaction<Database>,
	people: { authorId: string; approverId: string }
): Promise<{ planId: string }> {
	const actor = systemActor('demo data');
	const plan = await trx
		.insertInto('plans')
		.values({ title: 'Incident Response Plan', kind: 'ir-plan', created_by: people.authorId })
		.returning('id')
		.executeTakeFirstOrThrow();
	await audit.append(
		trx,
		actor,
		'plan.created',
		{ type: 'plan', id: plan.id },
		{ title: 'Incident Response Plan', demo: true }
	);

	const approvedOnes = demoPlanHistory.filter((h) => h.daysAgoApproved !== null);
	let previousId: string | null = null;
	for (const entry of demoPlanHistory) {
		const number = parseVersionNumber(entry.number);
		if (!number) throw new Error(`Demo plan number ${entry.number} is not major.minor`);
		const isDraft = entry.daysAgoApproved === null;
		const approvedAt = isDraft ? null : new Date(Date.now() - entry.daysAgoApproved! * DAY);
		const created = new Date((approvedAt?.getTime() ?? Date.now()) - 3 * DAY);
		const isLatestApproved = entry === approvedOnes[approvedOnes.length - 1];
		const nextApproved = isDraft ? undefined : approvedOnes[approvedOnes.indexOf(entry) + 1];
		const row: { id: string } = await trx
			.insertInto('plan_versions')
			.values({
				plan_id: plan.id,
				status: isDraft ? 'draft' : isLatestApproved ? 'approved' : 'superseded',
				major: isDraft ? null : number.major,
				minor: isDraft ? null : number.minor,
				content: JSON.stringify(entry.content),
				based_on_id: previousId,
				change_summary: isDraft ? null : entry.changeSummary,
				author_id: people.authorId,
				contributor_ids: JSON.stringify([people.authorId]),
				created_at: created,
				updated_at: created,
				updated_by: people.authorId,
				submitted_at: isDraft ? null : new Date(created.getTime() + DAY),
				submitted_by: isDraft ? null : people.authorId,
				approved_by: isDraft ? null : people.approverId,
				approved_at: approvedAt,
				approval_comment: isDraft ? null : 'Reviewed with the CISO and General Counsel.',
				effective_date: approvedAt ? isoDate(approvedAt) : null,
				next_review_date: approvedAt ? isoDate(new Date(approvedAt.getTime() + 365 * DAY)) : null,
				superseded_at: nextApproved
					? new Date(Date.now() - nextApproved.daysAgoApproved! * DAY)
					: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit.append(
			trx,
			actor,
			isDraft ? 'plan.draft_opened' : 'plan.approved',
			{ type: 'plan_version', id: row.id },
			{
				planId: plan.id,
				number: isDraft ? null : entry.number,
				demo: true
			}
		);
		previousId = row.id;
	}
	return { planId: plan.id };
}
