import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { may } from '$lib/server/access/gate';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { findPlan } from '$lib/server/plans/access';
import { planHeader, reviewState, setReviewInterval } from '$lib/server/plans/plans';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { currentApproved, openDraft, openDraftOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.read_current', async (event, user) => {
	const plan = await findPlan(db(), event.params.planId);
	const approved = await currentApproved(db(), plan.id);
	// A trainee goes straight to the plan in force; there is nothing else for them here.
	if (!may(user, 'plans.read_all')) {
		redirect(303, approved ? `/plans/${plan.id}/versions/${approved.id}` : '/plans');
	}
	const draft = await openDraftOf(db(), plan.id);
	return {
		plan: planHeader(plan),
		approved: approved
			? {
					id: approved.id,
					number: formatVersionNumber(approved),
					effectiveDate: approved.effective_date,
					nextReviewDate: approved.next_review_date
				}
			: null,
		draft: draft ? { id: draft.id, status: draft.status } : null,
		review: reviewState(approved?.next_review_date ?? null),
		canEdit: may(user, 'plans.edit')
	};
});

const intervalSchema = z.object({
	months: z.coerce
		.number({ message: 'Use a whole number of months from 1 to 36.' })
		.int('Use a whole number of months from 1 to 36.')
		.min(1, 'Use a whole number of months from 1 to 36.')
		.max(36, 'Use a whole number of months from 1 to 36.')
});

export const actions: Actions = {
	reviewInterval: action(
		'plans.edit',
		async (event, { actor, form }) => {
			const plan = await findPlan(db(), event.params.planId);
			const { months } = formFields(form, intervalSchema);
			await db()
				.transaction()
				.execute((trx) => setReviewInterval(trx, actor, plan.id, months));
			return { intervalSaved: true };
		},
		{ echo: ['months'] }
	),
	openDraft: action('plans.edit', async (event, { actor }) => {
		const plan = await findPlan(db(), event.params.planId);
		const draft = await db()
			.transaction()
			.execute((trx) => openDraft(trx, actor, plan.id));
		redirect(303, `/plans/${plan.id}/versions/${draft.id}`);
	})
};
