import { z } from 'zod';
import { countryFactPattern, incidentFacts, type IncidentFact } from '../plans/incident-facts';

// The scenario format: one YAML file per scenario in scenarios/. This schema is the single
// description of it: the loader validates with it, scenarios/scenario.schema.json is
// generated from it (npm run scenarios:schema) and scenarios/README.md documents it.
// Every object is strict, so a misspelt field is an error, never silently ignored.

const id = z
	.string()
	.regex(
		/^[a-z][a-z0-9-]{1,62}$/,
		'use lower-case letters, digits and dashes, starting with a letter'
	);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** ISO 8601 duration with hours, minutes or seconds, e.g. PT15M, PT1H30M, P1DT2H. */
export const isoDurationPattern = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const duration = z
	.string()
	.regex(isoDurationPattern, 'use an ISO 8601 duration such as PT15M, PT1H30M or P1DT2H')
	.refine(
		(v) => v !== 'P' && v !== 'PT' && !v.endsWith('T'),
		'use an ISO 8601 duration such as PT15M'
	);

export function durationMinutes(value: string): number {
	const m = isoDurationPattern.exec(value);
	if (!m) return NaN;
	const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
	return d * 1440 + h * 60 + min + s / 60;
}

/**
 * A moment in scenario time: a duration from the start of the exercise, or before it with a
 * leading minus (`-P2DT3H`: the story's awareness came two days and three hours earlier).
 */
const scenarioTime = z
	.string()
	.regex(
		/^-?P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/,
		'use an ISO 8601 duration such as PT15M, or -P2DT3H for a moment before the exercise starts'
	)
	.refine((v) => !/^-?PT?$/.test(v) && !v.endsWith('T'), 'use an ISO 8601 duration such as PT15M');

/** Minutes from the start of the exercise; negative before it. */
export function scenarioTimeMinutes(value: string): number {
	return value.startsWith('-') ? -durationMinutes(value.slice(1)) : durationMinutes(value);
}

export const categories = [
	'ransomware',
	'business-email-compromise',
	'phishing',
	'cloud',
	'insider',
	'denial-of-service',
	'third-party',
	'web-application',
	'data-loss',
	'identity',
	'misconfiguration',
	'supply-chain',
	'other'
] as const;
export const difficulties = ['introductory', 'intermediate', 'advanced'] as const;
export const capabilities = [
	'detection',
	'analysis',
	'containment',
	'eradication',
	'recovery',
	'communication',
	'escalation',
	'documentation',
	'coordination'
] as const;
export const csfFunctions = [
	'govern',
	'identify',
	'protect',
	'detect',
	'respond',
	'recover'
] as const;
export const picerlPhases = [
	'preparation',
	'identification',
	'containment',
	'eradication',
	'recovery',
	'lessons-learned'
] as const;
export const channels = [
	'email',
	'siem-alert',
	'phone-call',
	'chat',
	'news-article',
	'ticket',
	'other'
] as const;
export const artefactKinds = [
	'log-excerpt',
	'email-headers',
	'screenshot-description',
	'other'
] as const;

export const attackIdPattern = /^T\d{4}(\.\d{3})?$/;

const role = z.strictObject({
	id,
	name: text(80),
	description: z.string().max(500).optional()
});

const objective = z
	.strictObject({
		id,
		text: text(500),
		capability: z.enum(capabilities),
		/** A NIST CSF 2.0 function, or a SANS PICERL phase: exactly one of the two. */
		csf: z.enum(csfFunctions).optional(),
		picerl: z.enum(picerlPhases).optional()
	})
	.refine((o) => (o.csf ? 1 : 0) + (o.picerl ? 1 : 0) === 1, {
		message: 'give exactly one of `csf` (a NIST CSF 2.0 function) or `picerl` (a PICERL phase)'
	});

/** "Prompt X answered with option Y" or "score of prompt X at least N". */
const condition = z.union([
	z.strictObject({ prompt: id, option: id }),
	z.strictObject({ prompt: id, scoreAtLeast: z.number().min(0) })
]);
export const whenSchema = z.union([
	z.strictObject({ all: z.array(condition).min(1) }),
	z.strictObject({ any: z.array(condition).min(1) })
]);

const points = z.number().min(0, 'points must not be negative').max(1000);

const option = z.strictObject({
	id,
	text: text(500),
	correct: z.boolean().default(false),
	/** Points for choosing it; by default the prompt's points when correct, else 0. */
	points: points.optional(),
	feedback: z.string().max(2000).optional()
});

const promptBase = {
	id,
	question: text(2000),
	points,
	objective: id,
	/** How long participants have to answer, e.g. PT5M. */
	timeLimit: duration.optional(),
	feedback: z.string().max(2000).optional()
};

const choicePrompt = z.strictObject({
	...promptBase,
	type: z.enum(['single-choice', 'multiple-choice']),
	options: z.array(option).min(1, 'a choice prompt needs at least one option')
});
const freeTextPrompt = z.strictObject({
	...promptBase,
	type: z.literal('free-text'),
	/** Graded by the facilitator: one level is chosen. */
	rubric: z
		.array(z.strictObject({ level: text(40), points, description: text(1000) }))
		.min(2, 'a rubric needs at least two levels')
});
const checklistPrompt = z.strictObject({
	...promptBase,
	type: z.literal('checklist'),
	items: z
		.array(
			z.strictObject({
				id,
				text: text(500),
				/** Should a good team do this? Unexpected items cost their points when ticked. */
				expected: z.boolean(),
				points: points.optional(),
				feedback: z.string().max(2000).optional()
			})
		)
		.min(2, 'a checklist needs at least two items')
});
/**
 * When the moments that notification deadlines count from happened, in scenario time.
 * Unstated: awareness at the start of the exercise, the others when the team answers.
 */
const anchorClock = z.strictObject({
	awareness: scenarioTime.optional(),
	declaration: scenarioTime.optional(),
	classification: scenarioTime.optional(),
	determination: scenarioTime.optional()
});

/**
 * One of the listed incident facts, or a country the incident touches (`country-gb`). A union
 * so that editors complete the listed ones; typed as the facts the matrix reads.
 */
const incidentFact = z.union([
	z.enum(incidentFacts),
	z
		.string()
		.regex(countryFactPattern, 'write a country as country- and its ISO code, e.g. country-ie')
]) as unknown as z.ZodType<IncidentFact, IncidentFact>;

const notificationPrompt = z.strictObject({
	...promptBase,
	type: z.literal('notification'),
	/**
	 * Scored against the communication matrix of the plan in force: the severity the team
	 * should declare, and (optionally) stakeholders that must be on their list whatever the matrix.
	 */
	expectedSeverity: z.string().regex(/^[A-Z][A-Z0-9-]{0,15}$/, 'use a severity id such as SEV1'),
	/** The incident facts that hold at this point: they decide which matrix rows apply. */
	facts: z.array(incidentFact).default([]),
	clock: anchorClock.optional(),
	mustNotify: z.array(id).default([])
});

export const promptSchema = z.discriminatedUnion('type', [
	choicePrompt,
	freeTextPrompt,
	checklistPrompt,
	notificationPrompt
]);

const artefact = z.strictObject({
	kind: z.enum(artefactKinds),
	title: text(200),
	content: text(20_000)
});

const injectContent = {
	title: text(200),
	channel: z.enum(channels),
	/** The sender persona, e.g. "EDR console" or "Priya Shah, CFO". */
	from: text(200),
	body: text(20_000),
	artefacts: z.array(artefact).default([])
};

const variant = z.strictObject({
	id,
	/** Released instead of the inject's own text when its condition holds; first match wins. */
	when: whenSchema,
	title: text(200).optional(),
	from: text(200).optional(),
	body: text(20_000),
	artefacts: z.array(artefact).optional()
});

const inject = z.strictObject({
	id,
	/** Offset from the start of the exercise. */
	at: duration,
	...injectContent,
	/** Role ids the inject is addressed to. */
	to: z.array(id).min(1, 'address the inject to at least one role'),
	/** Released only when this holds (branching). */
	when: whenSchema.optional(),
	variants: z.array(variant).default([]),
	facilitatorNotes: z.string().max(10_000).default(''),
	questions: z.array(text(1000)).default([]),
	prompts: z.array(promptSchema).default([])
});

export const scenarioSchema = z.strictObject({
	id,
	version: z.number().int().min(1),
	title: text(200),
	summary: text(2000),
	category: z.enum(categories),
	difficulty: z.enum(difficulties),
	duration,
	tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'use lower-case tags')).default([]),
	/** Fully auto-scorable (no facilitator-graded prompt): offered for solo practice. */
	solo: z.boolean().default(false),
	roles: z.array(role).min(1),
	objectives: z.array(objective).min(1),
	attack: z
		.array(
			z.string().regex(attackIdPattern, 'an ATT&CK technique id looks like T1566 or T1566.001')
		)
		.default([]),
	/** Section keys of the IR plan this scenario exercises. */
	planSections: z.array(id).default([]),
	injects: z.array(inject).min(1)
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Inject = Scenario['injects'][number];
export type Prompt = z.infer<typeof promptSchema>;
export type When = z.infer<typeof whenSchema>;
export type NotificationPrompt = z.infer<typeof notificationPrompt>;
export type AnchorClock = z.infer<typeof anchorClock>;
