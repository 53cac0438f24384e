import { may } from '$lib/server/access/gate';
import { page } from '$lib/server/http/route';
import { listIncidentReviews } from '$lib/server/lessons/incidents';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// Every post-incident review, the most recent incident first.

export const load: PageServerLoad = page('lessons.read', async (_event, user) => {
	const reviews = await listIncidentReviews(db(), { limit: 500 });
	return {
		canEdit: may(user, 'lessons.edit'),
		reviews: reviews.map((r) => ({
			...r,
			awareAt: r.awareAt.toISOString(),
			resolvedAt: r.resolvedAt?.toISOString() ?? null
		}))
	};
});
