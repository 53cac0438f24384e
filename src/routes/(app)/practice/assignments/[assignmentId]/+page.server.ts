import { redirect } from '@sveltejs/kit';
import { may } from '$lib/server/access/gate';
import { action, page } from '$lib/server/http/route';
import { todayUtc } from '$lib/server/plans/versions';
import { cancelAssignment, getAssignment } from '$lib/server/programme/assignments';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// One assignment: its trainee sees it and starts the practice; leads and admins see any and
// cancel an open one. Another trainee's assignment does not exist for a trainee.

export const load: PageServerLoad = page('drills.practise', async (event, user) => {
	const assignment = await getAssignment(db(), user, event.params.assignmentId, todayUtc());
	return {
		assignment,
		assigned: event.url.searchParams.has('assigned'),
		mine: assignment.traineeId === user.id,
		canManage: may(user, 'practice.assign')
	};
});

export const actions: Actions = {
	cancel: action('practice.assign', async (event, { user, actor }) => {
		await db()
			.transaction()
			.execute((trx) =>
				cancelAssignment(trx, { ...actor, role: user.role }, event.params.assignmentId, new Date())
			);
		redirect(303, `/practice/assignments/${event.params.assignmentId}`);
	})
};
