import { redirect } from '@sveltejs/kit';
import { may } from '$lib/server/access/gate';
import { z } from 'zod';
import { drillAccess, seesEverything } from '$lib/server/drills/membership';
import * as grading from '$lib/server/drills/grading';
import { visibleResults } from '$lib/server/drills/visible-results';
import { formFields } from '$lib/server/http/form';
import { action, page, type ActionEvent } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import { changeDrill, drillActor } from '$lib/server/http/drill-change';
import { resultCharts } from '$lib/server/drills/result-charts';
import { resultsView } from './view.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('drills.read', async (event, user) => {
	const access = await drillAccess(db(), user, event.params.drillId);
	const { drill, as } = access;
	const full = seesEverything(as);
	// Scores and correct answers reach participants only once the drill is over.
	if (!full && drill.status !== 'ended')
		return {
			pending: true as const,
			drill: { id: drill.id, title: drill.title, status: drill.status }
		};
	const results = await visibleResults(db(), access);
	return {
		pending: false as const,
		full,
		canJudge: as === 'facilitator' && drill.mode !== 'solo' && drill.status !== 'cancelled',
		// The AAR/IP of an ended drill, for whoever sees its results (trainees: as a member).
		canReport: drill.status === 'ended' && may(user, 'reports.aar'),
		...resultsView(results, full),
		charts: resultCharts(results)
	};
});

type Event = ActionEvent & { params: { drillId: string } };
const ratingSchema = z.object({
	objectiveId: z.string().max(200),
	rating: z.enum(['P', 'S', 'M', 'U', ''], 'choose P, S, M or U'),
	reason: z.string().max(2000).default('')
});
const scoreSchema = z.object({
	promptId: z.string().max(200),
	points: z.string().trim().max(20),
	reason: z.string().max(2000).default('')
});

export const actions: Actions = {
	rate: action(
		'drills.facilitate',
		async (event: Event, { form, actor, user }) => {
			const input = formFields(form, ratingSchema);
			const { drillId } = event.params;
			await changeDrill(db(), drillId, (trx, now) =>
				grading.overrideRating(
					trx,
					drillActor(actor, user),
					drillId,
					{ ...input, rating: input.rating || null },
					now
				)
			);
			redirect(303, `/drills/${drillId}/results#objective-${input.objectiveId}`);
		},
		{ echo: ['objectiveId', 'reason'] }
	),
	overrideScore: action(
		'drills.facilitate',
		async (event: Event, { form, actor, user }) => {
			const input = formFields(form, scoreSchema);
			const { drillId } = event.params;
			const points = input.points === '' ? null : Number(input.points.replace(',', '.'));
			await changeDrill(db(), drillId, (trx, now) =>
				grading.overrideScore(
					trx,
					drillActor(actor, user),
					drillId,
					{ promptId: input.promptId, points, reason: input.reason },
					now
				)
			);
			redirect(303, `/drills/${drillId}/results#prompt-${input.promptId}`);
		},
		{ echo: ['promptId', 'points', 'reason'] }
	)
};
