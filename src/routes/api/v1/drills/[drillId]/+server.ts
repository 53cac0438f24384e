import { apiRoute } from '$lib/server/api/respond';
import { drillStateObject } from '$lib/server/drills/api-objects';
import { drillAccess, seesEverything } from '$lib/server/drills/membership';
import { facilitatorState, participantState } from '$lib/server/drills/state';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The drill now: state, clock and released injects, as the caller may see them. */
export const GET: RequestHandler = apiRoute('drills.read', async (event, user) => {
	const { drill, as } = await drillAccess(db(), user, event.params.drillId);
	const now = new Date();
	const state = seesEverything(as)
		? await facilitatorState(db(), drill.id, now)
		: await participantState(db(), drill.id, user.id, now);
	return drillStateObject(as, state);
});
