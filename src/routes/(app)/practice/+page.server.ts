import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { scenarioView } from '$lib/server/access/visibility';
import { practiceScoresChart } from '$lib/server/charts/practice-scores';
import { startPractice } from '$lib/server/drills/create';
import { practiceAttempts } from '$lib/server/drills/list';
import { DEFAULT_THRESHOLDS } from '$lib/server/drills/ratings';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { todayUtc } from '$lib/server/plans/versions';
import { assignmentsFor } from '$lib/server/programme/assignments';
import { announce } from '$lib/server/realtime/bus';
import { db } from '$lib/server/runtime';
import { listVisibleScenarios } from '$lib/server/scenarios/access';
import { practiceSummary } from './summary';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('drills.practise', async (_event, user) => {
	const [attempts, library, assigned] = await Promise.all([
		practiceAttempts(db(), user.id),
		listVisibleScenarios(db(), scenarioView(user)),
		assignmentsFor(db(), user.id, todayUtc())
	]);
	const solo = library.filter((s) => s.valid && s.solo);
	const summary = practiceSummary(attempts, solo);
	return {
		...summary,
		assigned,
		chart: practiceScoresChart({
			title: 'My practice scores, attempt by attempt',
			thresholds: DEFAULT_THRESHOLDS,
			attempts: summary.finished.map((a) => ({ at: a.endedAt, share: a.share, label: a.title }))
		})
	};
});

const startSchema = z.object({ scenarioId: z.string('choose a scenario').min(1).max(100) });

export const actions: Actions = {
	start: action('drills.practise', async (_event, { user, actor, form }) => {
		const { scenarioId } = formFields(form, startSchema);
		const { drillId, seq } = await db()
			.transaction()
			.execute((trx) =>
				startPractice(trx, { ...actor, role: user.role }, { scenarioId }, new Date())
			);
		announce(drillId, seq);
		redirect(303, `/drills/${drillId}`);
	})
};
