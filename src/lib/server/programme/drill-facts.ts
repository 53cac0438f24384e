import type { Scenario } from '../../scenarios/schema';
import { parseStoredScenario } from '../drills/scenario-of-drill';

// What the programme reads from an ended drill's scenario: its category, the capabilities
// its objectives cover, the plan sections it names and its notification prompts. A drill's
// scenario text never changes, so each drill is parsed once and the small summary kept
// (bounded; the oldest entry goes first).

export type NotificationFacts = {
	injectId: string;
	promptId: string;
	expectedSeverity: string;
	facts: string[];
	mustNotify: string[];
};

export type DrillFacts = {
	category: Scenario['category'];
	capabilities: Set<string>;
	planSections: string[];
	notifications: NotificationFacts[];
};

const MAX_CACHED = 2_000;
const cache = new Map<string, DrillFacts>();

export function summarise(scenario: Scenario): DrillFacts {
	return {
		category: scenario.category,
		capabilities: new Set(scenario.objectives.map((o) => o.capability)),
		planSections: scenario.planSections,
		notifications: scenario.injects.flatMap((inject) =>
			inject.prompts.flatMap((p) =>
				p.type === 'notification'
					? [
							{
								injectId: inject.id,
								promptId: p.id,
								expectedSeverity: p.expectedSeverity,
								facts: [...p.facts],
								mustNotify: [...p.mustNotify]
							}
						]
					: []
			)
		)
	};
}

/** The summary of a drill already summarised, without reading its text again. */
export function cachedFacts(drillId: string): DrillFacts | undefined {
	return cache.get(drillId);
}

/** The summary of a drill's stored scenario text, parsed at most once per drill. */
export function drillFacts(drillId: string, scenarioYaml: string): DrillFacts {
	const hit = cache.get(drillId);
	if (hit) return hit;
	const facts = summarise(parseStoredScenario(scenarioYaml));
	cache.set(drillId, facts);
	if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
	return facts;
}
