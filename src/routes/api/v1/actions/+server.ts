import { apiRoute } from '$lib/server/api/respond';
import { actionListObject } from '$lib/server/lessons/api-objects';
import { actionFilterFrom, actionScope, listActions } from '$lib/server/lessons/list';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * The improvement plan's actions (leads, admins, auditors: all; trainees: their own), with
 * ?status=open,in_progress, ?owner=, ?capability=, ?overdue=1, ?source=drill|incident,
 * ?finding=, ?drill=, ?incident=, ?limit=.
 */
export const GET: RequestHandler = apiRoute('dashboard.view', async (event, user) => {
	const scope = actionScope(user);
	const filter = actionFilterFrom(event.url.searchParams, true);
	if (scope.ownerId && filter.ownerId && filter.ownerId !== scope.ownerId) return { actions: [] };
	const actions = await listActions(db(), { ...filter, ...scope });
	return { actions: actions.map(actionListObject) };
});
