import { requirePermission } from '$lib/server/access/gate';
import { can } from '$lib/permissions';
import { listPlans } from '$lib/server/plans/plans';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'plans.read_current');
	const plans = await listPlans(db());
	// Trainees know the plan in force, nothing about drafts.
	const readAll = can(user.role, 'plans.read_all');
	return {
		plans: readAll ? plans : plans.filter((p) => p.approved).map((p) => ({ ...p, draft: null })),
		canEdit: can(user.role, 'plans.edit')
	};
};
