import { requirePermission } from '$lib/server/access/gate';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'dashboard.view');
	return {};
};
