import { describe, expect, it } from 'vitest';
import type { MatrixRow } from './content';
import { notifyAnswer, notifyQuestionOf } from './notify-answer';

const row = (
	key: string,
	appliesWhen: MatrixRow['appliesWhen'],
	minutesAtSev1: number,
	approver = ''
): MatrixRow => ({
	key,
	stakeholder: `The ${key}`,
	audience: 'internal',
	contacts: [{ name: key, email: `${key}@example.org`, phone: '', outOfBand: '' }],
	appliesWhen,
	notifications: {
		SEV1: {
			notify: true,
			stages: [
				{
					name: 'Notify',
					deadlines: [{ within: { amount: minutesAtSev1, unit: 'minutes' }, anchor: 'declaration' }]
				}
			]
		},
		SEV2: { notify: false, stages: [] }
	},
	notifier: 'Incident commander',
	approver,
	messageTemplate: ''
});
const scale = [
	{ id: 'SEV1', name: 'Critical' },
	{ id: 'SEV2', name: 'High' }
];
const matrix = [row('ciso', [], 60, 'CEO'), row('soc', [], 15), row('dpo', ['personal-data'], 30)];

describe('who do we notify', () => {
	it('lists those required at the severity, soonest deadline first, with how to reach them', () => {
		const answer = notifyAnswer(matrix, scale, 'SEV1', []);
		expect(answer.level).toEqual({ id: 'SEV1', name: 'Critical' });
		expect(answer.required.map((r) => r.key)).toEqual(['soc', 'ciso']);
		expect(answer.required[1].detail).toBe(
			'Internal · by Incident commander · approved by CEO · required: every SEV1 incident'
		);
		expect(answer.required[0].stages).toEqual(['Notify within 15m of declaration']);
		expect(answer.required[0].contacts[0].email).toBe('soc@example.org');
		// The DPO is notified at SEV1 only when personal data is affected.
		expect(answer.conditional).toEqual([
			{ key: 'dpo', stakeholder: 'The dpo', condition: expect.stringMatching(/personal data/i) }
		]);
	});

	it('adds the rows a known fact makes required, saying why', () => {
		const answer = notifyAnswer(matrix, scale, 'SEV1', ['personal-data']);
		expect(answer.required.map((r) => r.key)).toEqual(['soc', 'dpo', 'ciso']);
		expect(answer.required[1].detail).toMatch(/required: personal data/i);
		expect(answer.conditional).toEqual([]);
	});

	it('answers nobody at a level nobody is notified at, and nothing before a level is chosen', () => {
		expect(notifyAnswer(matrix, scale, 'SEV2', []).required).toEqual([]);
		for (const unchosen of ['', 'SEV9'])
			expect(notifyAnswer(matrix, scale, unchosen, ['personal-data'])).toEqual({
				level: null,
				facts: ['personal-data'],
				required: [],
				conditional: []
			});
	});

	it('reads the question from the address, bounded and without unknown facts', () => {
		const params = new URLSearchParams('sev=SEV2&fact=personal-data&fact=personal-data&fact=nope');
		expect(notifyQuestionOf(params)).toEqual({ severity: 'SEV2', facts: ['personal-data'] });
		const many = new URLSearchParams([
			['sev', 'S'.repeat(100)],
			...Array.from({ length: 500 }, () => ['fact', 'personal-data'])
		]);
		const bounded = notifyQuestionOf(many);
		expect(bounded.severity).toHaveLength(16);
		expect(bounded.facts).toEqual(['personal-data']);
	});
});
