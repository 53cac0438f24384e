import { apiRoute } from '$lib/server/api/respond';
import { drillAccess } from '$lib/server/drills/membership';
import { visibleResults } from '$lib/server/drills/visible-results';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Scores, ratings, timeline and response clocks; for participants once the drill has ended. */
export const GET: RequestHandler = apiRoute('drills.read', async (event, user) =>
	visibleResults(db(), await drillAccess(db(), user, event.params.drillId))
);
