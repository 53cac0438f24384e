import { apiRoute } from '$lib/server/api/respond';
import { InvalidInputError } from '$lib/server/errors';
import { traceFrom, traceStartFrom } from '$lib/server/lessons/trace';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** The plan change trace through one drill, incident review, finding, action or plan section. */
export const GET: RequestHandler = apiRoute('lessons.read', async (event) => {
	const start = traceStartFrom(event.url.searchParams);
	if (!start)
		throw new InvalidInputError(
			'Say where the trace starts: ?drill=, ?incident=, ?finding=, ?action= (an id, or A-12 / F-4) or ?section=planId:sectionKey.'
		);
	return traceFrom(db(), start);
});
