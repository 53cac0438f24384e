import { error, fail, redirect } from '@sveltejs/kit';
import { updateSection } from '$lib/plans/draft-edits';
import { requirePermission } from '$lib/server/access/gate';
import { renderMarkdown } from '$lib/server/markdown/render';
import { editDraft } from '$lib/server/plans/draft-action';
import { loadEditableDraft } from '$lib/server/plans/editable';
import { contentOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'plans.edit');
	const { plan, version } = await loadEditableDraft(db(), user, event.params);
	const section = contentOf(version).sections.find((s) => s.key === event.params.sectionKey);
	if (!section) error(404, 'This draft has no such section.');
	return {
		plan: { id: plan.id, title: plan.title },
		version: { id: version.id, revision: version.revision },
		section
	};
};

function readSection(form: FormData) {
	return {
		title: String(form.get('title') ?? ''),
		level: (form.get('level') === '2' ? 2 : 1) as 1 | 2,
		body: String(form.get('body') ?? '').replace(/\r\n/g, '\n')
	};
}

export const actions: Actions = {
	// Shows the text exactly as readers will see it, without saving.
	preview: async (event) => {
		requirePermission(event, 'plans.edit');
		const form = await event.request.formData();
		const input = readSection(form);
		return {
			...input,
			revision: Number(form.get('revision')),
			preview: renderMarkdown(input.body)
		};
	},
	save: async (event) => {
		const form = await event.request.formData();
		const input = readSection(form);
		if (input.body.length > 200_000)
			return fail(400, { ...input, message: 'A section holds at most 200,000 characters.' });
		const r = await editDraft(
			event,
			form,
			(c) => updateSection(c, event.params.sectionKey, input),
			`edited section ${event.params.sectionKey}`,
			input
		);
		if ('revision' in r)
			redirect(303, `/plans/${event.params.planId}/versions/${event.params.versionId}/edit`);
		return r;
	}
};
