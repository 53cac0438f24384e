import { page } from '$lib/server/http/route';
import { traceChoices, traceFrom, traceStartFrom } from '$lib/server/lessons/trace';
import { todayUtc } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// The plan change trace: any chain, both ways (?drill= | incident= | finding= | action= |
// plan=&section=). Without a start, the choices to start from.

export const load: PageServerLoad = page('lessons.read', async (event) => {
	const start = traceStartFrom(event.url.searchParams);
	const trace = start ? await traceFrom(db(), start) : null;
	const planId =
		trace?.section?.planId ?? event.url.searchParams.get('plan')?.slice(0, 100) ?? null;
	return { trace, choices: await traceChoices(db(), planId), today: todayUtc() };
});
