import { actionStatusLabels, actionStatuses } from '../../../lessons/words';
import type { HseepRating } from '../../db/schema';
import type { AarData } from './load';
import { count, listInWords, percent, points } from './words';

// The executive summary, written from the numbers: every sentence states something the
// data holds (points, ratings, findings, notifications, corrective actions), nothing more.

const RATING_ORDER: HseepRating[] = ['P', 'S', 'M', 'U'];

export type ExecutiveSummary = {
	result: string[];
	strengths: string[];
	strengthsNote: string;
	improvements: string[];
	improvementsNote: string;
	followUp: string[];
};

/** At most `max` items, the rest as "and 3 more". */
function firstOf(items: string[], max = 5): string[] {
	return items.length > max ? [...items.slice(0, max), `and ${items.length - max} more`] : items;
}

export function executiveSummary(data: AarData): ExecutiveSummary {
	const r = data.results;
	const asked = r.prompts.filter((p) => p.asked);
	const result: string[] = [];
	result.push(
		r.totals.share === null
			? `No scored prompt was answered, so the exercise has no overall score.`
			: `The team earned ${percent(r.totals.share)} of the points available (${points(r.totals.points)} of ${points(r.totals.max)}) over ${count(asked.length, 'prompt')} asked.`
	);
	const byRating = new Map<HseepRating, number>();
	for (const o of r.objectives)
		if (o.rating) byRating.set(o.rating, (byRating.get(o.rating) ?? 0) + 1);
	const parts = RATING_ORDER.map(
		(k) => `${byRating.get(k) ?? 0} ${k} (${r.ratingLabels[k].toLowerCase()})`
	);
	const notAssessed = r.objectives.filter((o) => !o.rating).length;
	result.push(
		`Of the ${count(r.objectives.length, 'objective')}, ratings were ${listInWords(parts)}` +
			(notAssessed ? `; ${notAssessed} could not be assessed.` : '.')
	);
	const overridden = r.objectives.filter((o) => o.override).length;
	if (overridden)
		result.push(
			`The facilitator set the rating of ${count(overridden, 'objective')} by hand; the reasons are given in section 3.`
		);
	if (r.totals.awaitingGrade)
		result.push(
			`${count(r.totals.awaitingGrade, 'answer')} still ${r.totals.awaitingGrade === 1 ? 'awaits' : 'await'} a facilitator's grade and ${r.totals.awaitingGrade === 1 ? 'is' : 'are'} not counted.`
		);

	const required = r.prompts
		.filter((p) => p.asked && p.notification)
		.flatMap((p) => p.notification!.lines.filter((l) => l.required));
	if (required.length) {
		const made = required.filter((l) => l.notified);
		const onTime = made.filter((l) => l.onTime === true);
		result.push(
			`${made.length} of ${count(required.length, 'required notification')} under the communication matrix ${made.length === 1 ? 'was' : 'were'} made, ${onTime.length} of them within the deadline.`
		);
	}

	const strengthFindings = data.findings.filter((f) => f.kind === 'strength');
	const improvementFindings = data.findings.filter((f) => f.kind === 'area_for_improvement');
	const objectiveText = (ratings: HseepRating[]) =>
		r.objectives.filter((o) => o.rating && ratings.includes(o.rating)).map((o) => o.text);

	let strengths = strengthFindings.map((f) => f.title);
	let strengthsNote = `Strengths recorded as findings:`;
	if (!strengths.length) {
		strengths = objectiveText(['P']);
		strengthsNote = strengths.length
			? 'No strengths were recorded as findings. Objectives performed without challenges:'
			: 'No strengths were recorded, and no objective was performed without challenges.';
	}
	let improvements = improvementFindings.map((f) => f.title);
	let improvementsNote = 'Areas for improvement recorded as findings:';
	if (!improvements.length) {
		improvements = objectiveText(['M', 'U']);
		improvementsNote = improvements.length
			? 'No areas for improvement were recorded as findings. Objectives performed with major challenges or not performed:'
			: 'No areas for improvement were recorded.';
	}

	const followUp: string[] = [];
	const actions = data.actions;
	if (actions.length) {
		const byStatus = actionStatuses
			.map((s) => [s, actions.filter((a) => a.status === s).length] as const)
			.filter(([, n]) => n > 0)
			.map(([s, n]) => `${n} ${actionStatusLabels[s].toLowerCase()}`);
		const overdue = actions.filter((a) => a.overdue).length;
		followUp.push(
			`${count(actions.length, 'corrective action')} ${actions.length === 1 ? 'was' : 'were'} assigned (${listInWords(byStatus)})` +
				(overdue
					? `; ${overdue} ${overdue === 1 ? 'is' : 'are'} past ${overdue === 1 ? 'its' : 'their'} due date.`
					: '.') +
				' Appendix A lists each with its owner and dates.'
		);
	} else followUp.push('No corrective actions were assigned.');
	return {
		result,
		strengths: firstOf(strengths),
		strengthsNote,
		improvements: firstOf(improvements),
		improvementsNote,
		followUp
	};
}
