import { serverRenderOnly } from '$lib/page-html';
import { may } from '$lib/server/access/gate';
import { page } from '$lib/server/http/route';
import { findPlan } from '$lib/server/plans/access';
import { diffVersions } from '$lib/server/plans/compare';
import { listVersions } from '$lib/server/plans/plans';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// Read-only and works without JavaScript; not hydrating it spares every answer a second copy
// of the compared texts (the hydration data), and ServerRenderOnly spares the server from
// serialising them for nothing.
export const csr = false;

export const load: PageServerLoad = page('plans.read_all', async (event, user) => {
	const plan = await findPlan(db(), event.params.planId);
	const versions = (await listVersions(db(), plan.id)).map((v) => ({
		id: v.id,
		label: `${formatVersionNumber(v)} (${v.status.replace('_', ' ')})`
	}));
	// Default: the newest version against its predecessor.
	const to = event.url.searchParams.get('to') ?? versions[0]?.id;
	const from = event.url.searchParams.get('from') ?? versions[1]?.id;
	const header = { plan: { id: plan.id, title: plan.title }, versions };
	if (!from || !to) return { ...header, from: null, to: null, compared: null };
	// Each changed section with the corrective actions it answers, for those who read lessons.
	const { diff, rendered, answers, ...compared } = await diffVersions(db(), plan.id, from, to, {
		answers: may(user, 'lessons.read')
	});
	return {
		...header,
		...compared,
		compared: serverRenderOnly({ diff, rendered, answers: answers ?? {} }, event.isDataRequest)
	};
});
