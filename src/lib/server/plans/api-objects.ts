import { formatVersionNumber } from './version-number';
import type { listPlans, listVersions } from './plans';

// Plan rows as the API answers them: camelCase, one place per record kind.

export type PlanListItem = Awaited<ReturnType<typeof listPlans>>[number];
type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

export function planObject(p: PlanListItem) {
	return p;
}

export function versionListObject(v: VersionRow) {
	return {
		id: v.id,
		number: formatVersionNumber(v),
		status: v.status,
		changeSummary: v.change_summary,
		author: v.author_name,
		approver: v.approver_name,
		createdAt: v.created_at,
		submittedAt: v.submitted_at,
		approvedAt: v.approved_at,
		effectiveDate: v.effective_date,
		nextReviewDate: v.next_review_date,
		supersededAt: v.superseded_at,
		basedOnId: v.based_on_id
	};
}
