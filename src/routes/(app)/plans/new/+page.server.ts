import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { PlanContent } from '$lib/plans/content';
import { requirePermission } from '$lib/server/access/gate';
import { actorOf } from '$lib/server/http/actor';
import { fieldError } from '$lib/server/http/form';
import { PlanRuleError } from '$lib/server/plans/errors';
import { sectionsFromMarkdown } from '$lib/server/plans/markdown-io';
import { createPlan } from '$lib/server/plans/plans';
import { irPlanTemplate } from '$lib/server/plans/template/ir-plan-template';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'plans.edit');
	return {};
};

const schema = z.object({
	title: z.string().trim().min(1, 'Give the plan a title.').max(200, 'Use at most 200 characters.'),
	kind: z.enum(['ir-plan', 'playbook'], { message: 'Choose the kind of plan.' }),
	start: z.enum(['template', 'blank', 'markdown'], { message: 'Choose how to start.' }),
	markdown: z.string().max(1_100_000).optional()
});

const blank = (): PlanContent => ({
	sections: [{ key: 'scope', title: 'Goals and scope', level: 1, body: '' }],
	severityScale: structuredClone(irPlanTemplate.severityScale),
	matrix: []
});

export const actions: Actions = {
	default: async (event) => {
		const user = requirePermission(event, 'plans.edit');
		const form = await event.request.formData();
		const echo = {
			title: String(form.get('title') ?? ''),
			kind: String(form.get('kind') ?? ''),
			start: String(form.get('start') ?? '')
		};
		const parsed = schema.safeParse(
			Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'))
		);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, { ...echo, errors: fieldError(String(issue.path[0]), issue.message) });
		}
		const { title, kind, start } = parsed.data;
		let content: PlanContent;
		try {
			if (start === 'template') content = structuredClone(irPlanTemplate);
			else if (start === 'blank') content = blank();
			else {
				// Either the uploaded file (first step) or the previewed text (confirm step).
				const file = form.get('file');
				const text = parsed.data.markdown;
				const bytes =
					file instanceof File && file.size > 0
						? new Uint8Array(await file.arrayBuffer())
						: new TextEncoder().encode(text ?? '');
				const name = file instanceof File && file.size > 0 ? file.name : 'The pasted text';
				const sections = sectionsFromMarkdown({ name, bytes });
				if (!form.get('confirm')) {
					return {
						...echo,
						preview: {
							sections: sections.map((s) => ({
								title: s.title,
								level: s.level,
								words: s.body.split(/\s+/).filter(Boolean).length
							})),
							markdown: new TextDecoder().decode(bytes)
						}
					};
				}
				content = { ...blank(), sections };
			}
			const { plan } = await db()
				.transaction()
				.execute((trx) =>
					createPlan(trx, { ...actorOf(event), id: user.id }, { title, kind, content })
				);
			redirect(303, `/plans/${plan.id}`);
		} catch (e) {
			if (e instanceof PlanRuleError)
				return fail(e.status, { ...echo, errors: fieldError(e.field ?? 'file', e.message) });
			throw e;
		}
	}
};
