import { requirePermission } from '$lib/server/access/gate';
import { coverage, summarise } from '$lib/server/scenarios/catalogue';
import { fullLibrary } from '$lib/server/scenarios/custom';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'scenarios.read_all');
	return coverage((await fullLibrary(db())).map(summarise));
};
