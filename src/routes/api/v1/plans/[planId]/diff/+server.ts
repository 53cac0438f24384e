import { ApiError, apiRoute } from '$lib/server/api/respond';
import { loadPlan } from '$lib/server/plans/access';
import { diffPlanContent } from '$lib/server/plans/diff';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { contentOf, getVersion } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_all', async (event) => {
	const plan = await loadPlan(db(), event.params.planId);
	const from = event.url.searchParams.get('from') ?? '';
	const to = event.url.searchParams.get('to') ?? '';
	if (!from || !to)
		throw new ApiError(400, 'bad_request', 'Give both ?from= and ?to= version ids.');
	const [a, b] = await Promise.all([getVersion(db(), from), getVersion(db(), to)]);
	if (!a || !b || a.plan_id !== plan.id || b.plan_id !== plan.id)
		throw new ApiError(404, 'not_found', 'No such version of this plan.');
	return {
		from: { id: a.id, number: formatVersionNumber(a) },
		to: { id: b.id, number: formatVersionNumber(b) },
		diff: diffPlanContent(contentOf(a), contentOf(b))
	};
});
