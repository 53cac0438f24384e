import { redirect } from '@sveltejs/kit';
import { action, page } from '$lib/server/http/route';
import { lessonActor } from '$lib/server/lessons/actor';
import { createIncidentReview } from '$lib/server/lessons/incidents';
import { db } from '$lib/server/runtime';
import {
	blankValues,
	formValues,
	inputOf,
	versionChoices,
	withMoreRows
} from '../incident-form.server';
import type { Actions, PageServerLoad } from './$types';

// A new post-incident review.

export const load: PageServerLoad = page('lessons.edit', async () => {
	const choices = await versionChoices(db());
	return { choices, values: blankValues(choices) };
});

export const actions: Actions = {
	save: action(
		'lessons.edit',
		async (_event, { form, actor, user }) => {
			const input = inputOf(formValues(form));
			const { id } = await db()
				.transaction()
				.execute((trx) => createIncidentReview(trx, lessonActor(actor, user), input, new Date()));
			redirect(303, `/lessons/incidents/${id}`);
		},
		{ echoWith: (form) => ({ values: formValues(form) }) }
	),
	/** More blank rows, or the lists for another plan version: the form again, nothing saved. */
	more: action('lessons.edit', async (_event, { form }) => ({
		values: withMoreRows(formValues(form), form)
	}))
};
