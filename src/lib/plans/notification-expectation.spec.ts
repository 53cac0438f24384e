import { describe, expect, it } from 'vitest';
import type { MatrixRow } from './content';
import {
	anchorTimes,
	describeRequirement,
	expectedStakeholders,
	stageDueDates
} from './notification-expectation';

const row = (
	key: string,
	appliesWhen: MatrixRow['appliesWhen'],
	notifications: MatrixRow['notifications'],
	onlyWhen?: MatrixRow['onlyWhen']
): MatrixRow => ({
	key,
	stakeholder: key,
	audience: 'internal',
	contacts: [{ name: '', email: `${key}@example.org`, phone: '', outOfBand: '' }],
	appliesWhen,
	onlyWhen,
	notifications,
	notifier: 'Incident commander',
	approver: '',
	messageTemplate: ''
});
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const at = (level: string, within = hours(1)) => ({
	[level]: {
		notify: true,
		stages: [{ name: 'Notify', deadlines: [{ within, anchor: 'declaration' as const }] }]
	}
});

const matrix: MatrixRow[] = [
	row('ciso', [], { ...at('SEV1'), ...at('SEV2'), SEV3: { notify: false, stages: [] } }),
	row('dpo', ['personal-data', 'health-data'], { ...at('SEV1'), ...at('SEV2') }),
	row('card-acquirer', ['cardholder-data'], at('SEV1')),
	row('media', ['media-attention'], at('SEV1')),
	row('dora-regulator', ['dora-major-incident'], {
		SEV1: {
			notify: true,
			stages: [
				{
					name: 'Initial notification',
					deadlines: [
						{ within: hours(4), anchor: 'classification' },
						{ within: hours(24), anchor: 'awareness' }
					]
				},
				{
					name: 'Intermediate report',
					deadlines: [{ within: hours(72), anchor: 'classification' }]
				},
				{
					name: 'Final report',
					deadlines: [{ within: { amount: 1, unit: 'months' }, anchor: 'classification' }]
				}
			]
		}
	})
];
const keys = (list: ReturnType<typeof expectedStakeholders>) => list.map((e) => e.key);

describe('expected stakeholders', () => {
	it('takes rows without conditions at every incident of a notified severity', () => {
		expect(keys(expectedStakeholders(matrix, 'SEV2', [], []))).toEqual(['ciso']);
	});

	it('adds a conditional row when any of its facts holds, saying which', () => {
		const list = expectedStakeholders(matrix, 'SEV1', ['health-data', 'cardholder-data'], []);
		expect(keys(list)).toEqual(['ciso', 'dpo', 'card-acquirer']);
		expect(list[1].because).toEqual([{ source: 'matrix', facts: ['health-data'], onlyWhen: [] }]);
		expect(describeRequirement(list[0].because[0], 'SEV1')).toBe('every SEV1 incident');
		expect(describeRequirement(list[1].because[0], 'SEV1')).toBe(
			'protected health information affected'
		);
	});

	it('needs every "only when" fact too: the ICO only when the UK is affected', () => {
		const ico = row('ico', ['personal-data'], at('SEV1'), ['country-gb']);
		expect(keys(expectedStakeholders([ico], 'SEV1', ['personal-data', 'country-ie'], []))).toEqual(
			[]
		);
		const list = expectedStakeholders([ico], 'SEV1', ['personal-data', 'country-gb'], []);
		expect(list[0].because).toEqual([
			{ source: 'matrix', facts: ['personal-data'], onlyWhen: ['country-gb'] }
		]);
		expect(describeRequirement(list[0].because[0], 'SEV1')).toBe(
			'personal data affected, and affects the United Kingdom'
		);
	});

	it('leaves out a row whose facts hold at a severity it is not notified at', () => {
		expect(keys(expectedStakeholders(matrix, 'SEV2', ['cardholder-data'], []))).toEqual(['ciso']);
		expect(keys(expectedStakeholders(matrix, 'SEV3', ['personal-data'], []))).toEqual([]);
	});

	it('adds mustNotify in matrix order, with both reasons when the matrix already requires it', () => {
		const list = expectedStakeholders(matrix, 'SEV2', [], ['media', 'ciso']);
		expect(keys(list)).toEqual(['ciso', 'media']);
		expect(list[0].because).toEqual([
			{ source: 'matrix', facts: [], onlyWhen: [] },
			{ source: 'must-notify' }
		]);
		expect(list[1].because).toEqual([{ source: 'must-notify' }]);
	});

	it('keeps a mustNotify key the matrix does not have, without a row, so callers can flag it', () => {
		const list = expectedStakeholders(matrix, 'SEV2', [], ['cyber-insurer']);
		expect(list.at(-1)).toEqual({
			key: 'cyber-insurer',
			row: null,
			because: [{ source: 'must-notify' }]
		});
	});
});

describe('deadlines in scenario time', () => {
	const start = new Date('2025-03-14T09:00:00Z'); // a Friday

	it('puts awareness at the start and the other anchors at the answer unless stated', () => {
		expect(anchorTimes({}, 35)).toEqual({
			awareness: 0,
			declaration: 35,
			classification: 35,
			determination: 35
		});
		expect(anchorTimes({ awareness: -1200, classification: 20 }, 35)).toMatchObject({
			awareness: -1200,
			classification: 20,
			declaration: 35
		});
	});

	it('takes the earliest deadline of a stage, each from its own anchor', () => {
		// Aware 22 h before the exercise; classified as major 30 min in: the 24 h cap comes first.
		const dues = stageDueDates(
			matrix[4],
			'SEV1',
			anchorTimes({ awareness: -22 * 60, classification: 30 }, 40),
			start
		);
		expect(dues.map((d) => [d.stage, d.due.toISOString()])).toEqual([
			['Initial notification', '2025-03-14T11:00:00.000Z'],
			['Intermediate report', '2025-03-17T09:30:00.000Z'],
			['Final report', '2025-04-14T09:30:00.000Z']
		]);
	});

	it('has no due dates at a severity the row is not notified at', () => {
		expect(stageDueDates(matrix[4], 'SEV2', anchorTimes({}, 0), start)).toEqual([]);
	});
});
