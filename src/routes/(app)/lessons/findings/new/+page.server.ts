import { redirect } from '@sveltejs/kit';
import { InvalidInputError, NotFoundError } from '$lib/server/errors';
import { action, page } from '$lib/server/http/route';
import { lessonActor } from '$lib/server/lessons/actor';
import { createFinding } from '$lib/server/lessons/findings';
import { sourceContext, type SourceRef } from '$lib/server/lessons/sources';
import { db } from '$lib/server/runtime';
import { findingEcho, readFinding } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

// "New finding": drawn from a drill (?drill=) or a real-incident review (?incident=); without
// either, the page offers the ended drills and the incident reviews to choose from.

function refOf(params: URLSearchParams | FormData): SourceRef | null {
	const drillId = params.get('drill') ?? params.get('drillId');
	const incidentReviewId = params.get('incident') ?? params.get('incidentReviewId');
	if (typeof drillId === 'string' && drillId) return { drillId };
	if (typeof incidentReviewId === 'string' && incidentReviewId) return { incidentReviewId };
	return null;
}

export const load: PageServerLoad = page('lessons.edit', async (event) => {
	const ref = refOf(event.url.searchParams);
	if (!ref) {
		const [drills, incidents] = await Promise.all([
			db()
				.selectFrom('drills')
				.select(['id', 'title', 'ended_at'])
				.where('mode', '!=', 'solo')
				.where('status', '=', 'ended')
				.orderBy('ended_at', 'desc')
				.limit(50)
				.execute(),
			db()
				.selectFrom('incident_reviews')
				.select(['id', 'reference', 'title'])
				.orderBy('aware_at', 'desc')
				.limit(50)
				.execute()
		]);
		return { source: null, drills, incidents };
	}
	const source = await sourceContext(db(), ref).catch((e: unknown) => {
		if (e instanceof InvalidInputError && e.message.startsWith('No such'))
			throw new NotFoundError(e.message);
		throw e;
	});
	return { source, drills: [], incidents: [] };
});

export const actions: Actions = {
	default: action(
		'lessons.edit',
		async (_event, { form, actor, user }) => {
			const ref = refOf(form);
			const fields = readFinding(form);
			const { id } = await db()
				.transaction()
				.execute((trx) =>
					createFinding(trx, lessonActor(actor, user), { ...fields, source: ref ?? {} }, new Date())
				);
			redirect(303, `/lessons/findings/${id}`);
		},
		{ echo: findingEcho }
	)
};
