import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { PlanContent } from '$lib/plans/content';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import {
	blankPlanContent,
	importPreview,
	sectionsOfUpload
} from '$lib/server/plans/markdown-upload';
import { planFromMarkdown } from '$lib/server/plans/markdown-io';
import { createPlan } from '$lib/server/plans/plans';
import { irPlanTemplate } from '$lib/server/plans/template/ir-plan-template';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.edit', () => ({}));

const schema = z.object({
	title: z.string().trim().min(1, 'Give the plan a title.').max(200, 'Use at most 200 characters.'),
	kind: z.enum(['ir-plan', 'playbook'], { message: 'Choose the kind of plan.' }),
	start: z.enum(['template', 'blank', 'markdown'], { message: 'Choose how to start.' }),
	markdown: z.string().max(1_100_000).optional(),
	confirm: z.string().max(10).optional()
});

export const actions: Actions = {
	default: action(
		'plans.edit',
		async (_event, { actor, form }) => {
			const { title, kind, start, markdown, confirm } = formFields(form, schema);
			let content: PlanContent;
			if (start === 'template') content = structuredClone(irPlanTemplate);
			else if (start === 'blank') content = blankPlanContent();
			else {
				const upload = { file: form.get('file'), text: markdown, name: 'The pasted text' };
				const { sections, bytes } = await sectionsOfUpload(upload);
				if (!confirm) return { title, kind, start, preview: importPreview(sections, bytes) };
				// An exported plan carries its severity scale and matrix; a plain document does not.
				content = planFromMarkdown({ name: upload.name, bytes }, blankPlanContent(sections));
			}
			const { plan } = await db()
				.transaction()
				.execute((trx) => createPlan(trx, actor, { title, kind, content }));
			redirect(303, `/plans/${plan.id}`);
		},
		{ echo: ['title', 'kind', 'start'] }
	)
};
