import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { gradeFreeText } from '$lib/server/drills/grading';
import { gradingQueue } from '$lib/server/drills/grading-queue';
import { changeDrill, drillActor } from '$lib/server/http/drill-change';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// The lead's grading queue: free-text answers of ended team drills they facilitate, graded
// here with the rubric (the same grading as the console's, so the same checks and audit).

export const load: PageServerLoad = page('drills.facilitate', async (_event, user) => ({
	drills: await gradingQueue(db(), user.id)
}));

const gradeSchema = z.object({
	drillId: z.string().max(100),
	promptId: z.string().max(200),
	level: z.string('choose a rubric level').max(200),
	comment: z.string().max(4000).default('')
});

export const actions: Actions = {
	grade: action(
		'drills.facilitate',
		async (_event, { form, actor, user }) => {
			const { drillId, ...input } = formFields(form, gradeSchema);
			const who = drillActor(actor, user);
			await changeDrill(db(), drillId, (trx, now) => gradeFreeText(trx, who, drillId, input, now));
			redirect(303, '/drills/grading');
		},
		{ echo: ['drillId', 'promptId'] }
	)
};
