import { page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import * as users from '$lib/server/users/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('users.read', async () => ({
	users: await users.list(db())
}));
