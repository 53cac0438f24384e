import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { updateSection } from '$lib/plans/draft-edits';
import { planView } from '$lib/server/access/visibility';
import { NotFoundError } from '$lib/server/errors';
import { formFields, formRevision } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { renderMarkdown } from '$lib/server/markdown/render';
import { findEditableDraft } from '$lib/server/plans/editable';
import { contentOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import { editDraftFromForm } from '../../draft-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.edit', async (event, user) => {
	const { plan, version } = await findEditableDraft(db(), planView(user), event.params);
	const section = contentOf(version).sections.find((s) => s.key === event.params.sectionKey);
	if (!section) throw new NotFoundError('This draft has no such section.');
	return {
		plan: { id: plan.id, title: plan.title },
		version: { id: version.id, revision: version.revision },
		section
	};
});

const sectionSchema = z.object({
	title: z.string().max(200, 'A title holds at most 200 characters.'),
	level: z.enum(['1', '2']).default('1'),
	body: z.string().max(200_000, 'A section holds at most 200,000 characters.')
});

/** The section as the editor sent it, line endings as stored. */
function readSection(form: FormData) {
	const { title, level, body } = formFields(form, sectionSchema);
	return { title, level: (level === '2' ? 2 : 1) as 1 | 2, body: body.replace(/\r\n?/g, '\n') };
}

/** What the user typed comes back with any error, never more than the limits allow. */
function echoSection(form: FormData) {
	const text = (name: string, max: number) => String(form.get(name) ?? '').slice(0, max);
	return {
		title: text('title', 200),
		level: form.get('level') === '2' ? 2 : 1,
		body: text('body', 200_000)
	};
}

export const actions: Actions = {
	// Shows the text exactly as readers will see it, without saving.
	preview: action(
		'plans.edit',
		async (_event, { form }) => {
			const input = readSection(form);
			return { ...input, revision: formRevision(form), preview: renderMarkdown(input.body) };
		},
		{ echoWith: echoSection }
	),
	save: action(
		'plans.edit',
		async (event, context) => {
			const { form } = context;
			const input = readSection(form);
			await editDraftFromForm(
				event.params,
				context,
				(c) => updateSection(c, event.params.sectionKey, input),
				`edited section ${event.params.sectionKey}`
			);
			redirect(303, `/plans/${event.params.planId}/versions/${event.params.versionId}/edit`);
		},
		{ echoWith: echoSection }
	)
};
