import { can } from '$lib/permissions';
import { requirePermission } from '$lib/server/access/gate';
import { catalogueFilterSchema, filterCatalogue, summarise } from '$lib/server/scenarios/catalogue';
import { fullLibrary } from '$lib/server/scenarios/custom';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'scenarios.read');
	const readAll = can(user.role, 'scenarios.read_all');
	let all = (await fullLibrary(db())).map(summarise);
	// Trainees practise alone: they see solo-ready scenarios and nothing else.
	if (!readAll) all = all.filter((s) => s.valid && s.solo);
	const parsed = catalogueFilterSchema.safeParse(Object.fromEntries(event.url.searchParams));
	const filter = parsed.success ? parsed.data : {};
	return {
		filter,
		scenarios: filterCatalogue(all, filter),
		total: all.length,
		readAll,
		canEdit: can(user.role, 'scenarios.edit')
	};
};
