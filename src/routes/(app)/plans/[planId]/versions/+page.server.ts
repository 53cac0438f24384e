import { page } from '$lib/server/http/route';
import { findPlan } from '$lib/server/plans/access';
import { versionListObject } from '$lib/server/plans/api-objects';
import { listVersions } from '$lib/server/plans/plans';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.read_all', async (event) => {
	const plan = await findPlan(db(), event.params.planId);
	return {
		plan: { id: plan.id, title: plan.title },
		versions: (await listVersions(db(), plan.id)).map(versionListObject)
	};
});
