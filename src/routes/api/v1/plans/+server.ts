import { planView } from '$lib/server/access/visibility';
import { apiRoute } from '$lib/server/api/respond';
import { planObject } from '$lib/server/plans/api-objects';
import { listPlans } from '$lib/server/plans/plans';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_current', async (_event, user) => ({
	plans: (await listPlans(db(), planView(user))).map(planObject)
}));
