import { page } from '$lib/server/http/route';
import { listActions } from '$lib/server/lessons/list';
import { todayUtc } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// My actions: the corrective actions the user is the point of contact for, soonest due first.
export const load: PageServerLoad = page('actions.own', async (_event, user) => {
	const today = todayUtc();
	const actions = await listActions(db(), { ownerId: user.id, order: 'due' }, today);
	return {
		today,
		open: actions.filter((a) => a.status === 'open' || a.status === 'in_progress'),
		closed: actions.filter((a) => a.status !== 'open' && a.status !== 'in_progress')
	};
});
