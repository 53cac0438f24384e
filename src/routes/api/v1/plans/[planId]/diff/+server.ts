import { may } from '$lib/server/access/gate';
import { apiRoute } from '$lib/server/api/respond';
import { InvalidInputError } from '$lib/server/errors';
import { findPlan } from '$lib/server/plans/access';
import { diffVersions } from '$lib/server/plans/compare';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_all', async (event, user) => {
	const plan = await findPlan(db(), event.params.planId);
	const from = event.url.searchParams.get('from') ?? '';
	const to = event.url.searchParams.get('to') ?? '';
	if (!from || !to) throw new InvalidInputError('Give both ?from= and ?to= version ids.');
	// Each changed section lists the corrective actions it answers, for those who read lessons.
	return diffVersions(db(), plan.id, from, to, { answers: may(user, 'lessons.read') });
});
