import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { ConflictError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { findPlan } from '$lib/server/plans/access';
import { planFromMarkdown } from '$lib/server/plans/markdown-io';
import { importPreview, sectionsOfUpload } from '$lib/server/plans/markdown-upload';
import { contentOf, currentApproved, openDraft } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.edit', async (event) => {
	const plan = await findPlan(db(), event.params.planId);
	return { plan: { id: plan.id, title: plan.title } };
});

const schema = z.object({
	markdown: z.string().max(1_100_000).optional(),
	confirm: z.string().max(10).optional()
});

export const actions: Actions = {
	// Step 1 uploads the file and shows the sections found; step 2 (confirm) creates the draft.
	default: action('plans.edit', async (event, { actor, form }) => {
		const plan = await findPlan(db(), event.params.planId);
		const { markdown, confirm } = formFields(form, schema);
		const upload = { file: form.get('file'), text: markdown, name: 'The file' };
		const { sections, bytes } = await sectionsOfUpload(upload);
		if (!confirm) return { preview: importPreview(sections, bytes) };
		// Sections come from the file; the severity scale and matrix too when the file carries
		// them (an export does), else they stay as approved.
		const approved = await currentApproved(db(), plan.id);
		if (!approved)
			throw new ConflictError(
				'This plan has no approved version to take the severity scale and matrix from.',
				'file'
			);
		const draft = await db()
			.transaction()
			.execute((trx) =>
				openDraft(
					trx,
					actor,
					plan.id,
					planFromMarkdown({ name: upload.name, bytes }, contentOf(approved))
				)
			);
		redirect(303, `/plans/${plan.id}/versions/${draft.id}`);
	})
};
