import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/access/gate';
import { loadPlan } from '$lib/server/plans/access';
import { diffPlanContent } from '$lib/server/plans/diff';
import { listVersions } from '$lib/server/plans/plans';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { contentOf, getVersion } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'plans.read_all');
	const plan = await loadPlan(db(), event.params.planId);
	const all = (await listVersions(db(), plan.id)).map((v) => ({
		id: v.id,
		label: `${formatVersionNumber(v)} (${v.status.replace('_', ' ')})`
	}));
	// Default: the version in force against its predecessor, or the two newest.
	const to = event.url.searchParams.get('to') ?? all[0]?.id;
	const from = event.url.searchParams.get('from') ?? all[1]?.id;
	if (!from || !to)
		return {
			plan: { id: plan.id, title: plan.title },
			versions: all,
			from: null,
			to: null,
			diff: null
		};
	const [a, b] = await Promise.all([getVersion(db(), from), getVersion(db(), to)]);
	if (!a || !b || a.plan_id !== plan.id || b.plan_id !== plan.id)
		error(404, 'No such version of this plan.');
	return {
		plan: { id: plan.id, title: plan.title },
		versions: all,
		from: { id: a.id, number: formatVersionNumber(a) },
		to: { id: b.id, number: formatVersionNumber(b) },
		diff: diffPlanContent(contentOf(a), contentOf(b))
	};
};
