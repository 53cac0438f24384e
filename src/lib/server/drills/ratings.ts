import { z } from 'zod';
import type { Scenario } from '../../scenarios/schema';
import type { HseepRating } from '../db/schema';
import { InvalidInputError } from '../errors';
import type { PromptScore } from './scoring';

// HSEEP ratings per objective from the share of points earned, by the drill's thresholds
// (a share at or above P's threshold is P, and so on; below M's is U); a facilitator's
// override wins. Rolled up per capability.

export type RatingThresholds = { P: number; S: number; M: number };
export const DEFAULT_THRESHOLDS: RatingThresholds = { P: 0.9, S: 0.7, M: 0.4 };

export const ratingLabels: Record<HseepRating, string> = {
	P: 'Performed without challenges',
	S: 'Performed with some challenges',
	M: 'Performed with major challenges',
	U: 'Unable to be performed'
};
export const RATINGS: readonly HseepRating[] = ['P', 'S', 'M', 'U'];
const worstFirst: readonly HseepRating[] = ['U', 'M', 'S', 'P'];

const share = z.number('give a share between 0 and 1').min(0).max(1);
const thresholdsSchema = z
	.strictObject({ P: share, S: share, M: share })
	.refine((t) => t.P > t.S && t.S > t.M, { message: 'thresholds must fall from P to S to M' });

/** Thresholds from a form or API body, or InvalidInputError naming the field. */
export function checkThresholds(input: unknown): RatingThresholds {
	const parsed = thresholdsSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = ['ratingThresholds', ...issue.path.map(String)].join('.');
		throw new InvalidInputError(`Rating thresholds: ${issue.message}.`, field);
	}
	return parsed.data;
}

/** Stored thresholds (validated when written); the defaults if anything is off. */
export function readThresholds(raw: unknown): RatingThresholds {
	const parsed = thresholdsSchema.safeParse(raw);
	return parsed.success ? parsed.data : DEFAULT_THRESHOLDS;
}

export function ratingFor(value: number, t: RatingThresholds): HseepRating {
	if (value >= t.P) return 'P';
	if (value >= t.S) return 'S';
	if (value >= t.M) return 'M';
	return 'U';
}

export type RatingOverride = {
	rating: HseepRating;
	reason: string;
	by: string;
	byName: string;
	at: string;
};

export type ObjectiveRating = {
	objectiveId: string;
	text: string;
	capability: Scenario['objectives'][number]['capability'];
	points: number;
	max: number;
	/** Earned ÷ max over the prompts asked; null when none was asked (not assessed). */
	share: number | null;
	computed: HseepRating | null;
	override: RatingOverride | null;
	rating: HseepRating | null;
	/** Prompts left out until a facilitator grades them. */
	awaitingGrade: number;
	promptIds: string[];
};

export type CapabilityRating = {
	capability: ObjectiveRating['capability'];
	objectiveIds: string[];
	points: number;
	max: number;
	share: number | null;
	/** The weakest final rating of its objectives: a capability is as strong as its weakest objective. */
	rating: HseepRating | null;
};

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Rates each objective from the scores of the prompts that were asked (released injects
 * only: a branch not taken or a skipped inject does not count against the team).
 */
export function rateObjectives(
	objectives: Scenario['objectives'],
	asked: readonly PromptScore[],
	overrides: ReadonlyMap<string, RatingOverride>,
	thresholds: RatingThresholds
): ObjectiveRating[] {
	return objectives.map((o) => {
		const mine = asked.filter((s) => s.objective === o.id);
		const scored = mine.filter((s) => s.points !== null);
		const points = scored.reduce((sum, s) => sum + s.points!, 0);
		const max = scored.reduce((sum, s) => sum + s.max, 0);
		const value = max > 0 ? round(points / max) : scored.length ? 1 : null;
		const computed = value === null ? null : ratingFor(value, thresholds);
		const override = overrides.get(o.id) ?? null;
		return {
			objectiveId: o.id,
			text: o.text,
			capability: o.capability,
			points: Math.round(points * 100) / 100,
			max,
			share: value,
			computed,
			override,
			rating: override?.rating ?? computed,
			awaitingGrade: mine.length - scored.length,
			promptIds: mine.map((s) => s.promptId)
		};
	});
}

export function rollUpCapabilities(objectives: readonly ObjectiveRating[]): CapabilityRating[] {
	const byCapability = new Map<string, ObjectiveRating[]>();
	for (const o of objectives)
		byCapability.set(o.capability, [...(byCapability.get(o.capability) ?? []), o]);
	return [...byCapability.values()].map((list) => {
		const points = list.reduce((sum, o) => sum + o.points, 0);
		const max = list.reduce((sum, o) => sum + o.max, 0);
		const rated = list.map((o) => o.rating).filter((r): r is HseepRating => r !== null);
		return {
			capability: list[0].capability,
			objectiveIds: list.map((o) => o.objectiveId),
			points: Math.round(points * 100) / 100,
			max,
			share: max > 0 ? round(points / max) : null,
			rating: worstFirst.find((r) => rated.includes(r)) ?? null
		};
	});
}
