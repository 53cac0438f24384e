import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { keyPattern } from '$lib/plans/content';
import { planView } from '$lib/server/access/visibility';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { findEditableDraft } from '$lib/server/plans/editable';
import { moveRow } from '$lib/server/plans/matrix-form';
import { contentOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import { editDraftFromForm } from '../draft-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.edit', async (event, user) => {
	const { plan, version } = await findEditableDraft(db(), planView(user), event.params);
	const content = contentOf(version);
	return {
		plan: { id: plan.id, title: plan.title },
		version: { id: version.id, revision: version.revision },
		severityScale: content.severityScale,
		matrix: content.matrix.map(({ messageTemplate: _, contacts: __, ...row }) => row),
		saved: event.url.searchParams.get('saved')?.slice(0, 64) ?? null,
		removed: event.url.searchParams.get('removed')?.slice(0, 64) ?? null
	};
});

const moveSchema = z.object({
	key: z.string().max(64).regex(keyPattern, 'No such stakeholder.'),
	direction: z.enum(['up', 'down'], { message: 'Move a row up or down.' })
});

export const actions: Actions = {
	move: action('plans.edit', async (event, context) => {
		const { form } = context;
		const { key, direction } = formFields(form, moveSchema);
		await editDraftFromForm(
			event.params,
			context,
			(content) => moveRow(content, key, direction),
			`moved the communication matrix row ${key} ${direction}`
		);
		redirect(
			303,
			`/plans/${event.params.planId}/versions/${event.params.versionId}/matrix#row-${key}`
		);
	})
};
