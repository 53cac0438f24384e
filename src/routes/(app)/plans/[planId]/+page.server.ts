import { fail, redirect } from '@sveltejs/kit';
import { can } from '$lib/permissions';
import { requirePermission } from '$lib/server/access/gate';
import { actorOf } from '$lib/server/http/actor';
import { loadPlan } from '$lib/server/plans/access';
import { PlanRuleError } from '$lib/server/plans/errors';
import { planHeader, reviewState, setReviewInterval } from '$lib/server/plans/plans';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { currentApproved, openDraft, openDraftOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'plans.read_current');
	const plan = await loadPlan(db(), event.params.planId);
	const [approved, draft] = await Promise.all([
		currentApproved(db(), plan.id),
		openDraftOf(db(), plan.id)
	]);
	const readAll = can(user.role, 'plans.read_all');
	// A trainee goes straight to the plan in force; there is nothing else for them here.
	if (!readAll) {
		if (!approved) redirect(303, '/plans');
		redirect(303, `/plans/${plan.id}/versions/${approved.id}`);
	}
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
		canEdit: can(user.role, 'plans.edit')
	};
};

export const actions: Actions = {
	reviewInterval: async (event) => {
		const user = requirePermission(event, 'plans.edit');
		const plan = await loadPlan(db(), event.params.planId);
		const form = await event.request.formData();
		const months = Number(form.get('months'));
		try {
			await db()
				.transaction()
				.execute((trx) =>
					setReviewInterval(trx, { ...actorOf(event), id: user.id }, plan.id, months)
				);
		} catch (e) {
			if (e instanceof PlanRuleError) return fail(e.status, { intervalError: e.message });
			throw e;
		}
		return { intervalSaved: true };
	},
	openDraft: async (event) => {
		const user = requirePermission(event, 'plans.edit');
		const plan = await loadPlan(db(), event.params.planId);
		try {
			const draft = await db()
				.transaction()
				.execute((trx) => openDraft(trx, { ...actorOf(event), id: user.id }, plan.id));
			redirect(303, `/plans/${plan.id}/versions/${draft.id}`);
		} catch (e) {
			if (e instanceof PlanRuleError) return fail(e.status, { message: e.message });
			throw e;
		}
	}
};
