import { requireUser } from '$lib/server/access/gate';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	return { user };
};
