import { capabilityTrendChart } from '$lib/server/charts/capability-trend';
import { practiceScoresChart } from '$lib/server/charts/practice-scores';
import { DEFAULT_THRESHOLDS } from '$lib/server/drills/ratings';
import { page } from '$lib/server/http/route';
import { practiceProgress } from '$lib/server/programme/practice-progress';
import { db } from '$lib/server/runtime';
import { capabilityLabel } from '$lib/scenarios/labels';
import type { PageServerLoad } from './$types';

// The lead's view of practice: each trainee's assignments and scores, and the share of points
// per capability month by month, for the team or for one trainee (?trainee=).

export const load: PageServerLoad = page('practice.assign', async (event) => {
	const traineeId = event.url.searchParams.get('trainee') ?? undefined;
	const progress = await practiceProgress(db(), new Date(), { traineeId });
	const trendChart = (title: string, trends: typeof progress.teamTrends) =>
		capabilityTrendChart({
			title,
			periods: progress.months,
			rows: trends.map((t) => ({ label: capabilityLabel(t.capability), values: t.values }))
		});
	const t = progress.trainee;
	return {
		months: progress.months,
		trainees: progress.trainees,
		teamTrends: progress.teamTrends,
		teamChart: trendChart('Team practice scores per capability, by month', progress.teamTrends),
		trainee: t
			? {
					id: t.id,
					name: t.name,
					trends: t.trends,
					assignments: t.assignments,
					attempts: t.attempts.map((a) => ({
						drillId: a.drillId,
						title: a.title,
						endedAt: a.endedAt,
						share: a.share
					})),
					scoresChart: practiceScoresChart({
						title: `${t.name}: practice scores, attempt by attempt`,
						thresholds: DEFAULT_THRESHOLDS,
						attempts: t.attempts.map((a) => ({
							at: a.endedAt,
							share: a.share ?? 0,
							label: a.title
						}))
					}),
					trendChart: trendChart(`${t.name}: scores per capability, by month`, t.trends)
				}
			: null
	};
});
