import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors';
import {
	checkThresholds,
	DEFAULT_THRESHOLDS,
	rateObjectives,
	ratingFor,
	rollUpCapabilities
} from './ratings';
import type { PromptScore } from './scoring';

const score = (objective: string, points: number | null, max: number) =>
	({ promptId: `${objective}-${max}-${points}`, objective, points, max }) as PromptScore;
const objectives = [
	{ id: 'obj-a', text: 'A', capability: 'containment', picerl: 'containment' },
	{ id: 'obj-b', text: 'B', capability: 'containment', picerl: 'containment' },
	{ id: 'obj-c', text: 'C', capability: 'communication', csf: 'respond' }
] as Parameters<typeof rateObjectives>[0];

describe('HSEEP ratings', () => {
	it('rates a share at or above each threshold, below M as U', () => {
		expect([0.9, 0.89, 0.7, 0.4, 0.39].map((s) => ratingFor(s, DEFAULT_THRESHOLDS))).toEqual([
			'P',
			'S',
			'S',
			'M',
			'U'
		]);
	});

	it('refuses thresholds that do not fall from P to M, naming the field', () => {
		const error = (() => {
			try {
				return checkThresholds({ P: 0.5, S: 0.7, M: 0.4 });
			} catch (e) {
				return e;
			}
		})() as InvalidInputError;
		expect(error).toBeInstanceOf(InvalidInputError);
		expect(error.message).toMatch(/fall from P to S to M/);
		expect(() => checkThresholds({ P: 2, S: 0.7, M: 0.4 })).toThrow(InvalidInputError);
	});

	it('leaves out ungraded prompts, lets an override win, and rolls up to the weakest objective', () => {
		const rated = rateObjectives(
			objectives,
			[
				score('obj-a', 10, 10),
				score('obj-a', null, 20),
				score('obj-b', 3, 10),
				score('obj-c', 8, 10)
			],
			new Map([['obj-c', { rating: 'P' as const, reason: 'r', by: 'u', byName: 'U', at: '' }]]),
			DEFAULT_THRESHOLDS
		);
		expect(
			rated.map((o) => [o.objectiveId, o.share, o.computed, o.rating, o.awaitingGrade])
		).toEqual([
			['obj-a', 1, 'P', 'P', 1],
			['obj-b', 0.3, 'U', 'U', 0],
			['obj-c', 0.8, 'S', 'P', 0]
		]);
		expect(rollUpCapabilities(rated).map((c) => [c.capability, c.share, c.rating])).toEqual([
			['containment', 0.65, 'U'],
			['communication', 0.8, 'P']
		]);
	});

	it('does not rate an objective none of whose prompts was asked', () => {
		const [a] = rateObjectives(objectives, [], new Map(), DEFAULT_THRESHOLDS);
		expect([a.share, a.rating]).toEqual([null, null]);
	});
});
