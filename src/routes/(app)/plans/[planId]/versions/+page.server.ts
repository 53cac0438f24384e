import { requirePermission } from '$lib/server/access/gate';
import { loadPlan } from '$lib/server/plans/access';
import { listVersions } from '$lib/server/plans/plans';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'plans.read_all');
	const plan = await loadPlan(db(), event.params.planId);
	const rows = await listVersions(db(), plan.id);
	return {
		plan: { id: plan.id, title: plan.title },
		versions: rows.map((v) => ({ ...v, number: formatVersionNumber(v) }))
	};
};
