import { may } from '$lib/server/access/gate';
import { planView, scenarioView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { listActions, overdueActions, type ActionListItem } from '$lib/server/lessons/list';
import { listPlans } from '$lib/server/plans/plans';
import { dashboardAlerts } from '$lib/server/programme/dashboard-alerts';
import { assignmentsFor } from '$lib/server/programme/assignments';
import { upcomingDrillsFor } from '$lib/server/programme/upcoming';
import { todayUtc } from '$lib/server/plans/versions';
import { listVisibleScenarios } from '$lib/server/scenarios/access';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

/** An action as the dashboard lists it. */
const actionItem = (a: ActionListItem) => ({
	id: a.id,
	number: a.number,
	action: a.action,
	ownerName: a.ownerName,
	dueDate: a.dueDate,
	status: a.status,
	overdue: a.overdue
});

export const load: PageServerLoad = page('dashboard.view', async (_event, user) => {
	const today = todayUtc();
	const now = new Date();
	const [plans, library, overdue, mine, myAssignments, programme, upcoming] = await Promise.all([
		listPlans(db(), planView(user)),
		listVisibleScenarios(db(), scenarioView(user)),
		// Overdue corrective actions for whoever reads the improvement plan…
		may(user, 'lessons.read') ? overdueActions(db(), today) : [],
		// …and the open ones each owner has to do.
		may(user, 'actions.own')
			? listActions(
					db(),
					{ ownerId: user.id, status: ['open', 'in_progress'], order: 'due', limit: 20 },
					today
				)
			: [],
		// Practice a lead assigned to this user, still to do.
		may(user, 'drills.practise') ? assignmentsFor(db(), user.id, today) : [],
		// Framework requirements due within 30 days, overdue or never met.
		may(user, 'programme.read') ? dashboardAlerts(db(), now) : [],
		// Planned drills this user is in over the next two weeks (reminders for the next day),
		// and team drills over a window open now.
		may(user, 'drills.read') ? upcomingDrillsFor(db(), user, now) : []
	]);
	const upcomingDrills = upcoming.map((d) => ({
		id: d.id,
		title: d.title,
		mode: d.mode,
		kind: d.kind,
		when: d.when,
		reminder: d.reminder,
		soon: d.soon,
		openUntil: d.openUntil
	}));
	const valid = library.filter((s) => s.valid);
	const owner = may(user, 'plans.read_all');
	return {
		// Drafts waiting for a reviewer, and drafts still being written.
		drafts: plans.flatMap((p) =>
			p.draft
				? [
						{
							planId: p.id,
							title: p.title,
							versionId: p.draft.id,
							status: p.draft.status,
							number: p.draft.number
						}
					]
				: []
		),
		canReview: may(user, 'plans.review'),
		overdueActions: { count: overdue.length, items: overdue.slice(0, 10).map(actionItem) },
		myActions: mine.map(actionItem),
		programmeAlerts: programme,
		myAssignments,
		upcomingDrills,
		scenarios: { total: valid.length, solo: valid.filter((s) => s.solo).length },
		// What needs attention: reviews overdue or due within 30 days, plans never approved.
		reviewsDue: owner
			? plans
					.filter((p) => p.review !== 'ok')
					.map((p) => ({
						id: p.id,
						title: p.title,
						review: p.review,
						nextReviewDate: p.approved?.nextReviewDate ?? null
					}))
			: [],
		plansInForce: plans.flatMap((p) =>
			p.approved
				? [
						{
							id: p.id,
							title: p.title,
							versionId: p.approved.id,
							number: p.approved.number,
							effectiveDate: p.approved.effectiveDate,
							nextReviewDate: p.approved.nextReviewDate
						}
					]
				: []
		)
	};
});
