import { redirect } from '@sveltejs/kit';
import { scenarioView } from '$lib/server/access/visibility';
import { action, page } from '$lib/server/http/route';
import { todayUtc } from '$lib/server/plans/versions';
import {
	assignPractice,
	cancelAssignment,
	listAssignments,
	traineeChoices,
	type AssignmentStatus
} from '$lib/server/programme/assignments';
import { db } from '$lib/server/runtime';
import { listVisibleScenarios } from '$lib/server/scenarios/access';
import type { Actions, PageServerLoad } from './$types';

// Assigned practice for leads: give a solo-ready scenario to trainees with a due date, and
// follow each assignment to its completion and score.

const statuses: readonly AssignmentStatus[] = ['open', 'overdue', 'completed', 'cancelled'];
const statusOf = (value: string | null) =>
	statuses.find((s) => s === value) ?? (value === 'all' ? ('all' as const) : null);

export const load: PageServerLoad = page('practice.assign', async (event, user) => {
	const status = statusOf(event.url.searchParams.get('status'));
	const today = todayUtc();
	const [assignments, library, trainees] = await Promise.all([
		listAssignments(db(), status === 'all' ? {} : status ? { status } : { current: true }, today),
		listVisibleScenarios(db(), scenarioView(user)),
		traineeChoices(db())
	]);
	return {
		status,
		today,
		assigned: Number(event.url.searchParams.get('assigned')) || 0,
		assignments,
		scenarios: library.filter((s) => s.valid && s.solo).map((s) => ({ id: s.id, title: s.title })),
		trainees
	};
});

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
	assign: action(
		'practice.assign',
		async (_event, { user, actor, form }) => {
			const { ids } = await db()
				.transaction()
				.execute((trx) =>
					assignPractice(
						trx,
						{ ...actor, role: user.role },
						{
							scenarioId: text(form, 'scenarioId'),
							traineeIds: form.getAll('traineeIds'),
							dueDate: text(form, 'dueDate'),
							note: text(form, 'note')
						},
						new Date()
					)
				);
			// One assignment: its page; several: the list, saying how many.
			redirect(
				303,
				ids.length === 1
					? `/practice/assignments/${ids[0]}?assigned=1`
					: `/practice/assignments?assigned=${ids.length}`
			);
		},
		{
			echoWith: (form) => ({
				which: 'assign',
				values: {
					scenarioId: text(form, 'scenarioId').slice(0, 100),
					dueDate: text(form, 'dueDate').slice(0, 20),
					note: text(form, 'note').slice(0, 4000)
				},
				traineeIds: form
					.getAll('traineeIds')
					.filter((v): v is string => typeof v === 'string')
					.slice(0, 100)
			})
		}
	),
	cancel: action('practice.assign', async (_event, { user, actor, form }) => {
		await db()
			.transaction()
			.execute((trx) =>
				cancelAssignment(trx, { ...actor, role: user.role }, text(form, 'assignmentId'), new Date())
			);
		redirect(303, '/practice/assignments');
	})
};
