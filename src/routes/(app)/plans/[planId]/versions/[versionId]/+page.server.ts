import { fail, redirect } from '@sveltejs/kit';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { can } from '$lib/permissions';
import { requirePermission } from '$lib/server/access/gate';
import type { SessionUser } from '$lib/server/auth/session';
import type { Database, PlanVersion } from '$lib/server/db/schema';
import { actorOf } from '$lib/server/http/actor';
import { fieldError, parseForm } from '$lib/server/http/form';
import { loadVisibleVersion } from '$lib/server/plans/access';
import { versionForDisplay } from '$lib/server/plans/display';
import { PlanRuleError } from '$lib/server/plans/errors';
import { suggestNextNumber } from '$lib/server/plans/version-number';
import * as versions from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'plans.read_current');
	const { plan, version } = await loadVisibleVersion(
		db(),
		user,
		event.params.planId,
		event.params.versionId
	);
	const display = await versionForDisplay(db(), version);
	const open = versions.OPEN_STATUSES.includes(version.status);
	return {
		plan: { id: plan.id, title: plan.title },
		version: display,
		readAll: can(user.role, 'plans.read_all'),
		canEdit: can(user.role, 'plans.edit') && open && version.status !== 'in_review',
		canReview: can(user.role, 'plans.review') && version.status === 'in_review',
		approvalRefusal:
			version.status === 'in_review'
				? versions.approvalRefusal({ id: user.id, email: user.email, role: user.role }, version)
				: null,
		suggestedNumber: open ? suggestNextNumber(await versions.highestNumber(db(), plan.id)) : null,
		comparedWith: version.based_on_id,
		severity: event.url.searchParams.get('sev') ?? ''
	};
};

type Workflow = (trx: Transaction<Database>) => Promise<void>;

/** Runs one life-cycle step; a rule broken comes back as a message with the user's input. */
async function workflowStep(
	event: RequestEvent,
	step: (ctx: { user: SessionUser; version: PlanVersion }) => Workflow,
	echo: Record<string, unknown>
) {
	const user = requirePermission(event, 'plans.read_current');
	const { version } = await loadVisibleVersion(
		db(),
		user,
		event.params.planId,
		event.params.versionId
	);
	try {
		await db().transaction().execute(step({ user, version }));
	} catch (e) {
		if (e instanceof PlanRuleError)
			return fail(e.status, {
				...echo,
				message: e.message,
				errors: e.field ? fieldError(e.field, e.message) : {}
			});
		throw e;
	}
	redirect(303, `/plans/${event.params.planId}/versions/${event.params.versionId}`);
}

const submitSchema = z.object({
	revision: z.coerce.number().int(),
	number: z.string().trim().max(20),
	changeSummary: z.string().max(4000)
});
const approveSchema = z.object({
	password: z.string().max(1024),
	comment: z.string().max(4000).default(''),
	effectiveDate: z.string().max(20)
});
const sendBackSchema = z.object({ comment: z.string().max(4000) });

export const actions: Actions = {
	submit: async (event) => {
		requirePermission(event, 'plans.edit');
		const parsed = await parseForm(event.request, submitSchema);
		if (!parsed.ok) return fail(400, { message: 'Check the form.', errors: parsed.errors });
		const { revision, number, changeSummary } = parsed.data;
		return workflowStep(
			event,
			({ user, version }) =>
				(trx) =>
					versions.submitForReview(trx, { ...actorOf(event), id: user.id }, version.id, revision, {
						number,
						changeSummary
					}),
			{ number, changeSummary }
		);
	},
	approve: async (event) => {
		requirePermission(event, 'plans.review');
		const parsed = await parseForm(event.request, approveSchema);
		if (!parsed.ok) return fail(400, { message: 'Check the form.', errors: parsed.errors });
		const { password, comment, effectiveDate } = parsed.data;
		return workflowStep(
			event,
			({ user, version }) =>
				(trx) =>
					versions.approve(
						trx,
						{ ...actorOf(event), id: user.id },
						{ id: user.id, email: user.email, role: user.role },
						version.id,
						{ password, comment, effectiveDate }
					),
			{ comment, effectiveDate }
		);
	},
	requestChanges: async (event) => {
		requirePermission(event, 'plans.review');
		const parsed = await parseForm(event.request, sendBackSchema);
		if (!parsed.ok) return fail(400, { message: 'Check the form.', errors: parsed.errors });
		return workflowStep(
			event,
			({ user, version }) =>
				(trx) =>
					versions.requestChanges(
						trx,
						{ ...actorOf(event), id: user.id },
						{ id: user.id, email: user.email, role: user.role },
						version.id,
						parsed.data.comment
					),
			{ reviewComment: parsed.data.comment }
		);
	}
};
