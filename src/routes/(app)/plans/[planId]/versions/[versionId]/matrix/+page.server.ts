import { fail, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/access/gate';
import { editDraft } from '$lib/server/plans/draft-action';
import { loadEditableDraft } from '$lib/server/plans/editable';
import { matrixFromForm } from '$lib/server/plans/matrix-form';
import { contentOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'plans.edit');
	const { plan, version } = await loadEditableDraft(db(), user, event.params);
	const content = contentOf(version);
	return {
		plan: { id: plan.id, title: plan.title },
		version: { id: version.id, revision: version.revision },
		severityScale: content.severityScale,
		matrix: content.matrix
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requirePermission(event, 'plans.edit');
		// The table is read against this plan's own draft (404 or 409 for anything else).
		const { version } = await loadEditableDraft(db(), user, event.params);
		const form = await event.request.formData();
		const parsed = matrixFromForm(form, contentOf(version));
		if (!parsed.ok)
			return fail(400, {
				message: 'Some rows need attention; see the marked fields.',
				errors: parsed.errors,
				values: parsed.values
			});
		const values = Object.fromEntries(
			[...form.entries()].filter(([, v]) => typeof v === 'string')
		) as Record<string, string>;
		const r = await editDraft(
			event,
			form,
			(c) => ({ ...c, matrix: parsed.content.matrix }),
			'edited the communication matrix',
			{ values }
		);
		if ('revision' in r)
			redirect(
				303,
				`/plans/${event.params.planId}/versions/${event.params.versionId}/matrix?saved=1`
			);
		return r;
	}
};
