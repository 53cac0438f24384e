import type { AnsweredPrompt, DrillResults } from '$lib/server/drills/results';

// The results as the page shows them. `full` (facilitators and readers) adds what only they
// may see: injects passed over with their branch conditions, and the observations.

function answerWords(p: AnsweredPrompt): string | null {
	if (!p.answer) return null;
	if ('text' in p.answer) return p.answer.text;
	if (p.notification) {
		const told = p.notification.lines.filter((l) => l.notified).map((l) => l.stakeholder);
		return `Declared ${p.notification.declared}; notified ${told.length ? told.join(', ') : 'nobody'}`;
	}
	const picked = (p.choices ?? []).filter((c) => c.picked).map((c) => c.text);
	return picked.length ? picked.join(' · ') : 'nothing chosen';
}

export function resultsView(r: DrillResults, full: boolean) {
	const titles = new Map(r.timeline.map((t) => [t.injectId, t.title]));
	const objectiveOf = new Map(r.scenario.objectives.map((o) => [o.id, o]));
	return {
		drill: r.drill,
		scenario: {
			id: r.scenario.id,
			version: r.scenario.version,
			origin: r.scenario.origin,
			title: r.scenario.title
		},
		plan: r.plan,
		people: r.people.map((p) => ({
			name: p.name,
			kind: p.kind,
			roles: p.roles.map((id) => r.scenario.roles.find((x) => x.id === id)?.name ?? id)
		})),
		totals: r.totals,
		objectives: r.objectives,
		capabilities: r.capabilities,
		ratingLabels: r.ratingLabels,
		timeline: full
			? r.timeline
			: r.timeline.filter((t) => t.state === 'released').map((t) => ({ ...t, reason: null })),
		prompts: r.prompts
			.filter((p) => p.asked)
			.map((p) => ({
				promptId: p.promptId,
				injectTitle: titles.get(p.injectId) ?? p.injectId,
				question: p.question,
				type: p.type,
				objective: objectiveOf.get(p.objective)?.text ?? p.objective,
				capability: objectiveOf.get(p.objective)?.capability ?? null,
				status: p.status,
				points: p.points,
				max: p.max,
				computed: p.computed,
				answer: answerWords(p),
				answeredBy: p.answeredBy,
				answeredMs: p.answeredMs,
				submissions: p.submissions.length,
				choices: p.choices,
				grade: p.grade,
				override: p.override,
				feedback: p.feedback,
				notification: p.notification
			})),
		clocks: {
			injects: r.responseClocks.injects.map((i) => ({
				...i,
				title: titles.get(i.injectId) ?? i.injectId,
				prompts: i.prompts.map((p) => ({
					...p,
					question: r.prompts.find((x) => x.promptId === p.promptId)?.question ?? p.promptId
				}))
			})),
			notifications: r.responseClocks.notifications
		},
		observations: full ? r.observations : []
	};
}
