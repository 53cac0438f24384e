import { redirect } from '@sveltejs/kit';
import { NotFoundError } from '$lib/server/errors';
import { formRevision } from '$lib/server/http/form';
import { action, page, type ActionEvent } from '$lib/server/http/route';
import { lessonActor } from '$lib/server/lessons/actor';
import { getIncidentReview, updateIncidentReview } from '$lib/server/lessons/incidents';
import { db } from '$lib/server/runtime';
import {
	formValues,
	inputOf,
	valuesOfReview,
	versionChoices,
	withMoreRows
} from '../../incident-form.server';
import type { Actions, PageServerLoad } from './$types';

// Editing a post-incident review: the form filled in, saved against the revision it showed.

export const load: PageServerLoad = page('lessons.edit', async (event) => {
	const review = await getIncidentReview(db(), event.params.reviewId);
	if (!review) throw new NotFoundError('No such incident review.');
	return {
		review: { id: review.id, reference: review.reference, revision: review.revision },
		choices: await versionChoices(db()),
		values: valuesOfReview(review)
	};
});

type Event = ActionEvent & { params: { reviewId: string } };

const echo = (form: FormData) => ({ values: formValues(form), revision: form.get('revision') });

export const actions: Actions = {
	save: action(
		'lessons.edit',
		async (event: Event, { form, actor, user }) => {
			const revision = formRevision(form);
			const input = inputOf(formValues(form));
			const { reviewId } = event.params;
			await db()
				.transaction()
				.execute((trx) =>
					updateIncidentReview(trx, lessonActor(actor, user), reviewId, revision, input, new Date())
				);
			redirect(303, `/lessons/incidents/${reviewId}`);
		},
		{ echoWith: echo }
	),
	more: action('lessons.edit', async (_event, { form }) => ({
		values: withMoreRows(formValues(form), form),
		revision: form.get('revision')
	}))
};
