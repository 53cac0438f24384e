import { can } from '$lib/permissions';
import { requirePermission } from '$lib/server/access/gate';
import { listPlans } from '$lib/server/plans/plans';
import { summarise } from '$lib/server/scenarios/catalogue';
import { fullLibrary } from '$lib/server/scenarios/custom';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'dashboard.view');
	const plans = await listPlans(db());
	const owner = can(user.role, 'plans.read_all');
	const library = (await fullLibrary(db())).map(summarise).filter((s) => s.valid);
	return {
		// Drafts waiting for a reviewer, and drafts still being written.
		drafts: owner
			? plans
					.filter((p) => p.draft)
					.map((p) => ({
						planId: p.id,
						title: p.title,
						versionId: p.draft!.id,
						status: p.draft!.status,
						number: p.draft!.number
					}))
			: [],
		canReview: can(user.role, 'plans.review'),
		scenarios: {
			total: can(user.role, 'scenarios.read_all')
				? library.length
				: library.filter((s) => s.solo).length,
			solo: library.filter((s) => s.solo).length
		},
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
				effectiveDate: p.approved!.effectiveDate,
				nextReviewDate: p.approved!.nextReviewDate
			}))
	};
};
