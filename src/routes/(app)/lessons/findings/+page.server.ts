import { may } from '$lib/server/access/gate';
import { page } from '$lib/server/http/route';
import { findingFilterFrom, listFindings } from '$lib/server/lessons/list';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// Findings: strengths and areas for improvement from drills and real incidents.
export const load: PageServerLoad = page('lessons.read', async (event) => {
	const filter = findingFilterFrom(event.url.searchParams, false);
	return {
		findings: await listFindings(db(), filter),
		filter: { kind: filter.kind ?? '', source: filter.source ?? '' },
		canEdit: may(event.locals.user, 'lessons.edit')
	};
});
