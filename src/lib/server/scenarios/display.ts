import { factLabel } from '../../plans/incident-facts';
import type { Prompt, Scenario, When } from '../../scenarios/schema';
import { durationMinutes } from '../../scenarios/schema';
import { techniqueInfo, techniqueUrl } from '../../scenarios/attack';
import { renderMarkdown } from '../markdown/render';
import { approximateBytes, BoundedCache } from '$lib/server/cache/bounded-cache';

export type View = 'facilitator' | 'participant';

function describeWhen(when: When, s: Scenario): string {
	const prompts = new Map(s.injects.flatMap((i) => i.prompts).map((p) => [p.id, p]));
	const parts = ('all' in when ? when.all : when.any).map((c) => {
		const p = prompts.get(c.prompt);
		if ('option' in c) {
			const option = p && 'options' in p ? p.options.find((o) => o.id === c.option) : undefined;
			return `“${p?.question ?? c.prompt}” answered “${option?.text ?? c.option}”`;
		}
		return `score on “${p?.question ?? c.prompt}” at least ${c.scoreAtLeast}`;
	});
	return parts.join('all' in when ? ' and ' : ' or ');
}

/** An ATT&CK id as the scenario page shows it: its own name and, when ATT&CK knows it, its page. */
export function attackTechnique(id: string) {
	const info = techniqueInfo(id);
	const known = info.status !== 'unknown';
	return {
		id,
		name: known ? info.name : null,
		parentName: info.parentName,
		href: known ? techniqueUrl(id) : null
	};
}

function promptForView(p: Prompt, view: View) {
	const base = {
		id: p.id,
		type: p.type,
		question: p.question,
		points: p.points,
		timeLimitMinutes: p.timeLimit ? durationMinutes(p.timeLimit) : null
	};
	if (view === 'participant') {
		// What a player sees: the question and the choices, never the answers.
		return {
			...base,
			options:
				'options' in p
					? p.options.map((o) => ({ id: o.id, text: o.text }))
					: 'items' in p
						? p.items.map((o) => ({ id: o.id, text: o.text }))
						: [],
			facilitator: null
		};
	}
	return {
		...base,
		options:
			'options' in p
				? p.options.map((o) => ({
						id: o.id,
						text: o.text,
						correct: o.correct,
						points: o.points ?? (o.correct ? p.points : 0),
						feedback: o.feedback ?? ''
					}))
				: 'items' in p
					? p.items.map((o) => ({
							id: o.id,
							text: o.text,
							correct: o.expected,
							points: o.points ?? null,
							feedback: o.feedback ?? ''
						}))
					: [],
		facilitator: {
			objective: p.objective,
			feedback: p.feedback ?? '',
			rubric: p.type === 'free-text' ? p.rubric : [],
			notification:
				p.type === 'notification'
					? {
							expectedSeverity: p.expectedSeverity,
							mustNotify: p.mustNotify,
							facts: p.facts.map(factLabel),
							// "awareness -PT13H40M, classification PT1H": what the deadlines count from.
							clock: Object.entries(p.clock ?? {})
								.map(([anchor, at]) => `${anchor} ${at}`)
								.join(', ')
						}
					: null
		}
	};
}

/** A scenario as one audience sees it; the participant view carries no facilitator material. */
export function scenarioForDisplay(s: Scenario, view: View) {
	// Keyed by the parsed scenario itself: a version is parsed once (see custom.ts) and never
	// changes, so its rendering stays right; a new version is a new object and a new key.
	return rendered[view].getOrSet(s, () => renderForDisplay(s, view));
}

function renderForDisplay(s: Scenario, view: View) {
	const facilitator = view === 'facilitator';
	return {
		id: s.id,
		version: s.version,
		title: s.title,
		summary: s.summary,
		category: s.category,
		difficulty: s.difficulty,
		durationMinutes: durationMinutes(s.duration),
		tags: s.tags,
		solo: s.solo,
		roles: s.roles,
		objectives: facilitator ? s.objectives : [],
		attack: facilitator ? s.attack.map(attackTechnique) : [],
		planSections: facilitator ? s.planSections : [],
		injects: s.injects
			// Participants preview the main line; branches are facilitator knowledge.
			.filter((i) => facilitator || !i.when)
			.map((i) => ({
				id: i.id,
				atMinutes: durationMinutes(i.at),
				title: i.title,
				channel: i.channel,
				from: i.from,
				to: i.to,
				html: renderMarkdown(i.body),
				artefacts: i.artefacts,
				questions: i.questions,
				condition: facilitator && i.when ? describeWhen(i.when, s) : null,
				variants: facilitator
					? i.variants.map((v) => ({
							id: v.id,
							condition: describeWhen(v.when, s),
							title: v.title ?? null,
							html: renderMarkdown(v.body)
						}))
					: [],
				notesHtml: facilitator && i.facilitatorNotes ? renderMarkdown(i.facilitatorNotes) : null,
				prompts: i.prompts.map((p) => promptForView(p, view))
			}))
	};
}
export type ScenarioDisplay = ReturnType<typeof renderForDisplay>;

const limits = { maxEntries: 100, maxBytes: 16_000_000 };
const rendered = {
	facilitator: new BoundedCache<Scenario, ScenarioDisplay>(limits, approximateBytes),
	participant: new BoundedCache<Scenario, ScenarioDisplay>(limits, approximateBytes)
};
