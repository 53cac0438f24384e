import { may } from '$lib/server/access/gate';
import { planView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { listPlans } from '$lib/server/plans/plans';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.read_current', async (_event, user) => ({
	plans: await listPlans(db(), planView(user)),
	canEdit: may(user, 'plans.edit')
}));
