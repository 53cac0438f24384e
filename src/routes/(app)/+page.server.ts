import { may } from '$lib/server/access/gate';
import { planView, scenarioView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { listPlans } from '$lib/server/plans/plans';
import { listVisibleScenarios } from '$lib/server/scenarios/access';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('dashboard.view', async (_event, user) => {
	const [plans, library] = await Promise.all([
		listPlans(db(), planView(user)),
		listVisibleScenarios(db(), scenarioView(user))
	]);
	const valid = library.filter((s) => s.valid);
	const owner = may(user, 'plans.read_all');
	return {
		// Drafts waiting for a reviewer, and drafts still being written.
		drafts: plans.flatMap((p) =>
			p.draft
				? [
						{
							planId: p.id,
							title: p.title,
							versionId: p.draft.id,
							status: p.draft.status,
							number: p.draft.number
						}
					]
				: []
		),
		canReview: may(user, 'plans.review'),
		scenarios: { total: valid.length, solo: valid.filter((s) => s.solo).length },
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
		plansInForce: plans.flatMap((p) =>
			p.approved
				? [
						{
							id: p.id,
							title: p.title,
							versionId: p.approved.id,
							number: p.approved.number,
							effectiveDate: p.approved.effectiveDate,
							nextReviewDate: p.approved.nextReviewDate
						}
					]
				: []
		)
	};
});
