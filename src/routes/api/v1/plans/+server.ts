import { can } from '$lib/permissions';
import { apiRoute } from '$lib/server/api/respond';
import { listPlans } from '$lib/server/plans/plans';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_current', async (_event, user) => {
	const plans = await listPlans(db());
	if (can(user.role, 'plans.read_all')) return { plans };
	return { plans: plans.filter((p) => p.approved).map((p) => ({ ...p, draft: null })) };
});
