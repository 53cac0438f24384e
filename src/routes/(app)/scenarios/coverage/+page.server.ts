import { scenarioView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { listVisibleScenarios } from '$lib/server/scenarios/access';
import { coverage } from '$lib/server/scenarios/catalogue';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('scenarios.read_all', async (_event, user) =>
	coverage(await listVisibleScenarios(db(), scenarioView(user)))
);
