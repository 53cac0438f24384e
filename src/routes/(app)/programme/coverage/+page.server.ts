import { page } from '$lib/server/http/route';
import { programmeCoverage } from '$lib/server/programme/coverage';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// Which plan sections and matrix rows the last 12 months of drills exercised (read-only).
export const load: PageServerLoad = page('programme.read', async () => ({
	coverage: await programmeCoverage(db(), new Date())
}));
