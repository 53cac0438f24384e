import { fail, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/access/gate';
import { actorOf } from '$lib/server/http/actor';
import { fieldError } from '$lib/server/http/form';
import { loadPlan } from '$lib/server/plans/access';
import { PlanRuleError } from '$lib/server/plans/errors';
import { sectionsFromMarkdown } from '$lib/server/plans/markdown-io';
import { contentOf, currentApproved, openDraft } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'plans.edit');
	const plan = await loadPlan(db(), event.params.planId);
	return { plan: { id: plan.id, title: plan.title } };
};

export const actions: Actions = {
	// Step 1 uploads the file and shows the sections found; step 2 (confirm) creates the draft.
	default: async (event) => {
		const user = requirePermission(event, 'plans.edit');
		const plan = await loadPlan(db(), event.params.planId);
		const form = await event.request.formData();
		const file = form.get('file');
		const hasFile = file instanceof File && file.size > 0;
		const bytes = hasFile
			? new Uint8Array(await file.arrayBuffer())
			: new TextEncoder().encode(String(form.get('markdown') ?? ''));
		const name = hasFile ? file.name : 'The file';
		try {
			const sections = sectionsFromMarkdown({ name, bytes });
			if (!form.get('confirm'))
				return {
					preview: {
						sections: sections.map((s) => ({
							title: s.title,
							level: s.level,
							words: s.body.split(/\s+/).filter(Boolean).length
						})),
						markdown: new TextDecoder().decode(bytes)
					}
				};
			// Sections come from the file; the severity scale and matrix stay as approved.
			const approved = await currentApproved(db(), plan.id);
			if (!approved)
				return fail(409, {
					errors: fieldError(
						'file',
						'This plan has no approved version to take the severity scale and matrix from.'
					)
				});
			const draft = await db()
				.transaction()
				.execute((trx) =>
					openDraft(trx, { ...actorOf(event), id: user.id }, plan.id, {
						...contentOf(approved),
						sections
					})
				);
			redirect(303, `/plans/${plan.id}/versions/${draft.id}`);
		} catch (e) {
			if (e instanceof PlanRuleError)
				return fail(e.status, { errors: fieldError(e.field ?? 'file', e.message) });
			throw e;
		}
	}
};
