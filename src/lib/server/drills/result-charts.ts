import { objectiveScoresChart } from '../charts/objective-scores';
import { responseTimesChart, type ResponseMeasure } from '../charts/response-times';
import type { DrillResults } from './results';

// The results page's charts, drawn on the server from the results' numbers (the same calls
// a PDF report makes): scores per objective against the rating thresholds, the team's
// response times against the prompts' time limits, and each notification against the
// matrix deadline of its first stage.

const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);
const short = (text: string, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export function resultCharts(r: DrillResults) {
	const objectives = objectiveScoresChart({
		title: `Share of points per objective: ${r.drill.title}`,
		thresholds: r.drill.thresholds,
		objectives: r.objectives.map((o) => ({
			label: o.share === null ? `${o.text} (not assessed)` : o.text,
			earned: o.points,
			max: o.share === null ? 0 : o.max,
			rating: o.rating ?? 'U',
			overridden: !!o.override
		}))
	});

	const responses = responseMeasures(r);
	const notifications = notificationMeasures(r);
	return {
		objectives,
		responses: responses.length
			? responseTimesChart({ title: 'Time to acknowledge and to answer', measures: responses })
			: null,
		notifications: notifications.length
			? responseTimesChart({
					title: 'Notifications against the matrix deadlines',
					measures: notifications
				})
			: null
	};
}

/** Each acknowledgement and answer against its time limit (one bar each). */
export function responseMeasures(r: DrillResults): ResponseMeasure[] {
	const titles = new Map(r.timeline.map((t) => [t.injectId, t.title]));
	const questions = new Map(r.prompts.map((p) => [p.promptId, p.question]));
	return r.responseClocks.injects.flatMap((i) => [
		{
			label: `Acknowledge: ${short(titles.get(i.injectId) ?? i.injectId)}`,
			minutes: minutes(i.firstAck?.afterMs ?? null)
		},
		...i.prompts.map((p) => ({
			label: `Answer: ${short(questions.get(p.promptId) ?? p.promptId)}`,
			minutes: minutes(p.finalAnswerMs),
			deadlineMinutes: minutes(p.timeLimitMs)
		}))
	]);
}

/** Each stakeholder notified (or not) against the matrix deadline of its first stage. */
export function notificationMeasures(r: DrillResults): ResponseMeasure[] {
	return r.responseClocks.notifications.map((n) => ({
		label: `${n.stakeholder} (${n.stage})`,
		minutes: n.notified ? minutes(n.answeredMs) : null,
		deadlineMinutes: Math.max(0, n.dueMs / 60_000)
	}));
}
