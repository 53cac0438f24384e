import type { PracticeAttempt } from '$lib/server/drills/list';
import type { ScenarioSummary } from '$lib/server/scenarios/catalogue';

// My practice in numbers: attempts per scenario (how many, best, latest), the finished ones
// in order for the chart, and the share of points per capability over all finished attempts.

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function practiceSummary(attempts: PracticeAttempt[], solo: ScenarioSummary[]) {
	const titleOf = (id: string) => solo.find((s) => s.id === id)?.title ?? id;
	const finished = attempts
		.filter((a) => a.status === 'ended' && a.share !== null && a.endedAt)
		.map((a) => ({
			drillId: a.drillId,
			title: titleOf(a.scenarioId),
			endedAt: a.endedAt!.toISOString(),
			share: a.share!,
			points: a.points,
			max: a.max
		}));
	const byScenario = [...new Set(attempts.map((a) => a.scenarioId))].map((id) => {
		const mine = finished.filter(
			(f) => attempts.find((a) => a.drillId === f.drillId)?.scenarioId === id
		);
		return {
			scenarioId: id,
			title: titleOf(id),
			attempts: attempts.filter((a) => a.scenarioId === id).length,
			finished: mine.length,
			best: mine.length ? Math.max(...mine.map((m) => m.share)) : null,
			latest: mine.at(-1) ?? null
		};
	});
	const capabilities = [
		...new Set(attempts.flatMap((a) => a.capabilities.map((c) => c.capability)))
	].map((capability) => {
		const shares = attempts
			.filter((a) => a.status === 'ended')
			.flatMap((a) => a.capabilities.filter((c) => c.capability === capability && c.share !== null))
			.map((c) => c.share!);
		return {
			capability,
			attempts: shares.length,
			mean: mean(shares),
			latest: shares.at(-1) ?? null
		};
	});
	return {
		inProgress: attempts
			.filter((a) => a.status === 'running' || a.status === 'paused')
			.map((a) => ({
				drillId: a.drillId,
				title: titleOf(a.scenarioId),
				startedAt: a.startedAt?.toISOString() ?? null
			})),
		finished,
		byScenario,
		capabilities,
		solo: solo.map((s) => ({
			id: s.id,
			title: s.title,
			summary: s.summary,
			difficulty: s.difficulty,
			durationMinutes: s.durationMinutes,
			capabilities: s.capabilities,
			tried: attempts.some((a) => a.scenarioId === s.id)
		}))
	};
}
