import { apiRoute } from '$lib/server/api/respond';
import { findingListObject } from '$lib/server/lessons/api-objects';
import { findingFilterFrom, listFindings } from '$lib/server/lessons/list';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** Findings, newest first: ?kind=strength|area_for_improvement, ?source=drill|incident, ?drill=, ?incident=, ?capability=, ?limit=. */
export const GET: RequestHandler = apiRoute('lessons.read', async (event) => {
	const filter = findingFilterFrom(event.url.searchParams, true);
	return { findings: (await listFindings(db(), filter)).map(findingListObject) };
});
