import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { htmlOnce } from '$lib/page-html';
import { may } from '$lib/server/access/gate';
import { planView } from '$lib/server/access/visibility';
import { verifyPasswordReentry } from '$lib/server/auth/reentry';
import type { SessionUser } from '$lib/server/auth/session';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { actionsOfVersion } from '$lib/server/lessons/plan-links';
import { lessonsOnVersionPage } from '$lib/server/lessons/section-history';
import { findVisibleVersion } from '$lib/server/plans/access';
import { notifyAnswer, notifyQuestionOf } from '$lib/plans/notify-answer';
import { findVersionForDisplay } from '$lib/server/plans/display';
import { matrixGridHtml } from '$lib/server/plans/matrix-grid';
import { formatVersionNumber, suggestNextNumber } from '$lib/server/plans/version-number';
import * as versions from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('plans.read_current', async (event, user) => {
	const { params } = event;
	const { plan, version, display } = await findVersionForDisplay(
		db(),
		planView(user),
		params.planId,
		params.versionId
	);
	const open = versions.OPEN_STATUSES.includes(version.status);
	const inReview = version.status === 'in_review';
	const previousNumber =
		version.major !== null && version.minor !== null ? formatVersionNumber(version) : null;
	const once = (html: string) => htmlOnce(html, event.isDataRequest);
	const readsLessons = may(user, 'plans.read_all') && may(user, 'lessons.read');
	const lessons = readsLessons ? await lessonsOnVersionPage(db(), plan.id, version.id) : null;
	const actions = lessons?.hasActions ? await actionsOfVersion(db(), version.id) : [];
	// "Who do we notify?" as asked in the address; the browser asks the `notify` endpoint after
	// a change, so the page carries the answer, not the matrix.
	const question = notifyQuestionOf(event.url.searchParams);
	const { matrix, ...shown } = display;
	return {
		plan,
		notify: notifyAnswer(matrix, display.severityScale, question.severity, question.facts),
		matrixHtml: once(matrixGridHtml(version, display)),
		version: {
			...shown,
			sections: display.sections.map((s) => ({ ...s, html: once(s.html) })),
			severityScale: display.severityScale.map((l) => ({
				id: l.id,
				name: l.name,
				criteriaHtml: once(l.criteriaHtml)
			}))
		},
		readAll: may(user, 'plans.read_all'),
		// Approved versions (and those they replaced) have a report; drafts do not.
		canReport:
			may(user, 'reports.generate') &&
			(version.status === 'approved' || version.status === 'superseded'),
		canEdit: may(user, 'plans.edit') && open && !inReview,
		canReview: may(user, 'plans.review') && inReview,
		approvalRefusal: inReview ? versions.approvalRefusal(user, version) : null,
		// A draft sent back keeps its number; a new one gets the next.
		suggestedNumber: open
			? (previousNumber ?? suggestNextNumber(await versions.highestNumber(db(), plan.id)))
			: null,
		comparedWith: version.based_on_id,
		// The corrective actions this version resolves: lessons are not for trainees, who see
		// only the version in force. Sections an approved version changed for a lesson link to
		// their history.
		lessons: lessons
			? {
					actions,
					changedSections: lessons.changedSections,
					canUnlink:
						may(user, 'lessons.edit') &&
						(version.status === 'draft' || version.status === 'changes_requested')
				}
			: null
	};
});

const submitSchema = z.object({
	revision: z.coerce.number().int().min(0).max(2_000_000_000),
	number: z.string().trim().max(20),
	changeSummary: z.string().max(4000)
});
const approveSchema = z.object({
	password: z.string().max(1024),
	comment: z.string().max(4000).default(''),
	effectiveDate: z.string().max(20)
});
const sendBackSchema = z.object({ reviewComment: z.string().max(4000) });

/** The version the form is about, as the user may see it. */
async function versionOf(
	event: { params: { planId: string; versionId: string } },
	user: SessionUser
) {
	const { version } = await findVisibleVersion(
		db(),
		planView(user),
		event.params.planId,
		event.params.versionId
	);
	return version;
}

const back = (params: { planId: string; versionId: string }) =>
	redirect(303, `/plans/${params.planId}/versions/${params.versionId}`);

export const actions: Actions = {
	submit: action(
		'plans.edit',
		async (event, { user, actor, form }) => {
			const { revision, number, changeSummary } = formFields(form, submitSchema);
			const version = await versionOf(event, user);
			await db()
				.transaction()
				.execute((trx) =>
					versions.submitForReview(trx, actor, version.id, revision, { number, changeSummary })
				);
			back(event.params);
		},
		{ echo: ['number', 'changeSummary'] }
	),
	approve: action(
		'plans.review',
		async (event, { user, actor, form }) => {
			const { password, ...input } = formFields(form, approveSchema);
			const version = await versionOf(event, user);
			versions.assertApprovable(user, version, input.effectiveDate);
			// Outside the approval's transaction, so a wrong password stays counted.
			const reentry = await verifyPasswordReentry(db(), user, password, actor.ip, {
				purpose: 'plan approval'
			});
			await db()
				.transaction()
				.execute((trx) => versions.approve(trx, actor, user, version.id, { ...input, reentry }));
			back(event.params);
		},
		{ echo: ['comment', 'effectiveDate'] }
	),
	requestChanges: action(
		'plans.review',
		async (event, { user, actor, form }) => {
			const { reviewComment } = formFields(form, sendBackSchema);
			const version = await versionOf(event, user);
			await db()
				.transaction()
				.execute((trx) => versions.requestChanges(trx, actor, user, version.id, reviewComment));
			back(event.params);
		},
		{ echo: ['reviewComment'] }
	)
};
