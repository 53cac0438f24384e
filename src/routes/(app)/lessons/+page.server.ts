import { may } from '$lib/server/access/gate';
import { page } from '$lib/server/http/route';
import { actionFilterFrom, listActions, ownerChoices } from '$lib/server/lessons/list';
import { todayUtc } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// The improvement plan: HSEEP's matrix of corrective actions from drills and real incidents,
// filtered by status, owner, capability, overdue and source.
export const load: PageServerLoad = page('lessons.read', async (event) => {
	const filter = actionFilterFrom(event.url.searchParams, false);
	const today = todayUtc();
	const [actions, owners] = await Promise.all([
		listActions(db(), filter, today),
		ownerChoices(db())
	]);
	return {
		actions,
		owners,
		today,
		filter: {
			status: filter.status?.join(',') ?? '',
			owner: filter.ownerId ?? '',
			capability: filter.capability ?? '',
			source: filter.source ?? '',
			overdue: !!filter.overdue
		},
		query: event.url.search,
		canEdit: may(event.locals.user, 'lessons.edit')
	};
});
