import { requirePermission } from '$lib/server/access/gate';
import { db } from '$lib/server/runtime';
import * as users from '$lib/server/users/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'users.read');
	return { users: await users.list(db()) };
};
