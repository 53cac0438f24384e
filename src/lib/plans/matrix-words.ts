import {
	clockAnchors,
	type ClockAnchor,
	type Deadline,
	type NotificationRule,
	type NotificationStage
} from './content';
import { formatDuration, parseDuration } from './durations';
import {
	factLabel,
	incidentFacts,
	isIncidentFact,
	offeredCountryFacts,
	type IncidentFact
} from './incident-facts';

// The matrix in words, the same everywhere a person reads it (the plan page, the editor's
// list, the diff, the markdown export): "Early warning within 24h of awareness". The
// markdown import reads the same words back, so an exported plan imports unchanged.

/** `within 24h of awareness` */
export function deadlineInWords(d: Deadline): string {
	return `within ${formatDuration(d.within)} of ${d.anchor}`;
}

/** `Initial notification within 4h of classification and within 24h of awareness` */
export function stageInWords(stage: NotificationStage): string {
	return `${stage.name} ${stage.deadlines.map(deadlineInWords).join(' and ')}`;
}

/** Every stage of a rule, or "not notified". */
export function ruleInWords(rule: NotificationRule | undefined): string {
	if (!rule?.notify) return 'not notified';
	return rule.stages.map(stageInWords).join('; ');
}

export const EVERY_INCIDENT = 'every incident';

/** The facts that make a row required (any one of them), by their labels, or "every incident". */
export function appliesWhenInWords(facts: readonly IncidentFact[]): string {
	if (facts.length === 0) return EVERY_INCIDENT;
	return facts.map(factLabel).join('; ');
}

/** The facts that must all hold as well, by their labels; '' when there are none. */
export function onlyWhenInWords(facts: readonly IncidentFact[] | undefined): string {
	return (facts ?? []).map(factLabel).join('; ');
}

/** A fact from its id (`personal-data`, `country-ie`) or its label ("Affects Ireland"). */
function factFromWords(text: string): IncidentFact | null {
	const words = text.trim().toLowerCase();
	if (isIncidentFact(words)) return words;
	const known = [...incidentFacts, ...offeredCountryFacts].find(
		(f) => factLabel(f).toLowerCase() === words
	);
	if (known) return known;
	const country = /^affects ([a-z]{2})$/.exec(words);
	return country ? (`country-${country[1]}` as IncidentFact) : null;
}

/** Reads facts back from their words, separated by `;` ("every incident" or nothing: none). */
export function parseFactWords(
	text: string
): { ok: true; facts: IncidentFact[] } | { ok: false; unknown: string } {
	const source = text.trim();
	if (!source || source.toLowerCase() === EVERY_INCIDENT) return { ok: true, facts: [] };
	const facts: IncidentFact[] = [];
	for (const part of source.split(';').map((p) => p.trim())) {
		if (!part) continue;
		const fact = factFromWords(part);
		if (!fact) return { ok: false, unknown: part };
		if (!facts.includes(fact)) facts.push(fact);
	}
	return { ok: true, facts };
}

const anchorPattern = clockAnchors.join('|');
const deadlinePattern = new RegExp(`^within (.+?) of (${anchorPattern})$`, 'i');

function parseDeadline(text: string): Deadline | null {
	const m = deadlinePattern.exec(text.trim());
	if (!m) return null;
	const within = parseDuration(m[1]);
	if (!within.ok) return null;
	return { within: within.duration, anchor: m[2].toLowerCase() as ClockAnchor };
}

/**
 * Reads a stage back from its words. A stage's name may itself contain "within", so every
 * place the deadlines could start is tried, leftmost first; null when none reads whole.
 */
export function parseStageWords(text: string): NotificationStage | null {
	const source = text.trim();
	for (let at = source.indexOf(' within '); at > 0; at = source.indexOf(' within ', at + 1)) {
		const name = source.slice(0, at).trim();
		const parts = source.slice(at + 1).split(/ and (?=within )/i);
		const deadlines = parts.map(parseDeadline);
		if (name && deadlines.every((d): d is Deadline => d !== null)) return { name, deadlines };
	}
	return null;
}
