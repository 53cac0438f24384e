import { can } from '$lib/permissions';
import { requirePermission } from '$lib/server/access/gate';
import { listPlans } from '$lib/server/plans/plans';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'dashboard.view');
	const plans = await listPlans(db());
	const owner = can(user.role, 'plans.read_all');
	return {
		// What needs attention: reviews overdue or due within 30 days, plans never approved.
		reviewsDue: owner
			? plans
					.filter((p) => p.review !== 'ok')
					.map((p) => ({
						id: p.id,
						title: p.title,
						review: p.review,
						nextReviewDate: p.approved?.nextReviewDate ?? null
					}))
			: [],
		plansInForce: plans
			.filter((p) => p.approved)
			.map((p) => ({
				id: p.id,
				title: p.title,
				versionId: p.approved!.id,
				number: p.approved!.number,
				effectiveDate: p.approved!.effectiveDate
			}))
	};
};
