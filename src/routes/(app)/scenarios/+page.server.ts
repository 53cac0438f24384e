import { may } from '$lib/server/access/gate';
import { scenarioView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { listVisibleScenarios } from '$lib/server/scenarios/access';
import { catalogueFilterSchema, filterCatalogue } from '$lib/server/scenarios/catalogue';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('scenarios.read', async (event, user) => {
	const all = await listVisibleScenarios(db(), scenarioView(user));
	const parsed = catalogueFilterSchema.safeParse(Object.fromEntries(event.url.searchParams));
	const filter = parsed.success ? parsed.data : {};
	return {
		filter,
		scenarios: filterCatalogue(all, filter),
		total: all.length,
		readAll: may(user, 'scenarios.read_all'),
		canEdit: may(user, 'scenarios.edit')
	};
});
