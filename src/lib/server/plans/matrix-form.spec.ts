import { describe, expect, it } from 'vitest';
import type { MatrixRow, PlanContent } from '../../plans/content';
import { InvalidFormError, InvalidInputError } from '../errors';
import { diffPlanContent } from './diff';
import {
	applyRowChange,
	moveRow,
	readRowForm,
	rowFormState,
	type RowFormState
} from './matrix-form';
import { putRow } from './matrix-form-save';
import { irPlanTemplate } from './template/ir-plan-template';

const scale = [
	{ id: 'SEV1', name: 'Critical', criteria: 'x' },
	{ id: 'SEV2', name: 'High', criteria: 'y' }
];
const ciso: MatrixRow = {
	key: 'ciso',
	stakeholder: 'CISO',
	audience: 'executive',
	contacts: [{ name: 'Priya', email: 'ciso@example.org', phone: '', outOfBand: '' }],
	appliesWhen: [],
	notifications: {
		SEV1: {
			notify: true,
			stages: [
				{
					name: 'Notify',
					deadlines: [{ within: { amount: 30, unit: 'minutes' }, anchor: 'declaration' }]
				}
			]
		},
		SEV2: { notify: false, stages: [] }
	},
	notifier: 'Incident commander',
	approver: '',
	messageTemplate: 'Call first.'
};
const content: PlanContent = { sections: [], severityScale: scale, matrix: [ciso] };

/** The form a browser posts for this state: every input, named as the page names it. */
function posted(state: RowFormState, extra: [string, string][] = []): FormData {
	const f = new FormData();
	for (const name of [
		'revision',
		'stakeholder',
		'audience',
		'notifier',
		'approver',
		'template'
	] as const)
		f.append(name, state[name]);
	for (const fact of state.appliesWhen) f.append('appliesWhen', fact);
	for (const fact of state.onlyWhen) f.append('onlyWhen', fact);
	state.contacts.forEach((c, j) => {
		for (const [field, value] of Object.entries(c)) f.append(`contact-${j}-${field}`, value);
	});
	for (const [level, stages] of Object.entries(state.levels))
		stages.forEach((s, k) => {
			f.append(`sev-${level}-stage-${k}-name`, s.name);
			s.deadlines.forEach((d, j) => {
				f.append(`sev-${level}-stage-${k}-deadline-${j}-within`, d.within);
				f.append(`sev-${level}-stage-${k}-deadline-${j}-anchor`, d.anchor);
			});
		});
	for (const [name, value] of extra) f.append(name, value);
	return f;
}

const fieldErrors = (fn: () => unknown): Record<string, string> => {
	try {
		fn();
	} catch (e) {
		if (e instanceof InvalidFormError) return e.fieldErrors;
		throw e;
	}
	throw new Error('expected the form to be refused');
};

describe('reading the row form', () => {
	it('reads a stored row back from its own form unchanged', () => {
		const state = rowFormState(ciso, scale, 7);
		expect(state.levels.SEV1[0].deadlines[0]).toEqual({ within: '30m', anchor: 'declaration' });
		expect(readRowForm(posted(state))).toEqual({ ...state, levels: { SEV1: state.levels.SEV1 } });
		expect(putRow(content, readRowForm(posted(state)), 'ciso').content).toEqual(content);
	});

	it('refuses a form claiming a billion stages, six stages or eleven contacts with a clear 400', () => {
		const state = rowFormState(ciso, scale, 7);
		for (const [name, message] of [
			['sev-SEV1-stage-999999999-name', 'A row has at most 5 stages at a level.'],
			['sev-SEV1-stage-5-name', 'A row has at most 5 stages at a level.'],
			['sev-SEV1-stage-0-deadline-3-within', 'A stage has at most 3 deadlines.'],
			['contact-10-email', 'A row has at most 10 contacts.']
		]) {
			const read = () => readRowForm(posted(state, [[name, 'x']]));
			expect(read).toThrow(InvalidInputError);
			expect(read).toThrow(message);
			try {
				read();
			} catch (e) {
				expect((e as InvalidInputError).status).toBe(400);
			}
		}
	});

	it('keeps stages and contacts in their order when indices have gaps', () => {
		const f = new FormData();
		f.append('sev-SEV1-stage-3-name', 'Final report');
		f.append('sev-SEV1-stage-1-name', 'Early warning');
		f.append('contact-4-name', 'Second');
		f.append('contact-2-name', 'First');
		const state = readRowForm(f);
		expect(state.levels.SEV1.map((s) => s.name)).toEqual(['Early warning', 'Final report']);
		expect(state.contacts.map((c) => c.name)).toEqual(['First', 'Second']);
	});
});

describe('adding and removing parts of a row', () => {
	it('adds a first stage named Notify with one deadline, then more, up to five', () => {
		let state = rowFormState(ciso, scale, 1);
		state = applyRowChange(state, 'add-stage:SEV2', scale);
		expect(state.levels.SEV2).toEqual([
			{ name: 'Notify', deadlines: [{ within: '', anchor: 'declaration' }] }
		]);
		for (let i = 0; i < 4; i++) state = applyRowChange(state, 'add-stage:SEV2', scale);
		expect(fieldErrors(() => applyRowChange(state, 'add-stage:SEV2', scale))).toEqual({
			'sev-SEV2': 'A row has at most 5 stages at SEV2.'
		});
	});

	it('removes the stage, deadline or contact the button names', () => {
		let state = rowFormState(ciso, scale, 1);
		state = applyRowChange(state, 'add-deadline:SEV1:0', scale);
		expect(state.levels.SEV1[0].deadlines).toHaveLength(2);
		state = applyRowChange(state, 'remove-deadline:SEV1:0:0', scale);
		expect(state.levels.SEV1[0].deadlines).toEqual([{ within: '', anchor: 'declaration' }]);
		state = applyRowChange(state, 'remove-stage:SEV1:0', scale);
		expect(state.levels.SEV1).toEqual([]);
		state = applyRowChange(applyRowChange(state, 'add-contact', scale), 'remove-contact:0', scale);
		expect(state.contacts).toEqual([{ name: '', email: '', phone: '', oob: '' }]);
	});

	it('moves a row up and down, staying put at either end', () => {
		const two = { ...content, matrix: [ciso, { ...ciso, key: 'dpo', stakeholder: 'DPO' }] };
		expect(moveRow(two, 'dpo', 'up').matrix.map((r) => r.key)).toEqual(['dpo', 'ciso']);
		expect(moveRow(two, 'ciso', 'up')).toBe(two);
	});
});

describe('saving a row', () => {
	const edit = (change: (s: RowFormState) => void, key: string | null = 'ciso') => {
		const state = key ? rowFormState(ciso, scale, 1) : rowFormState(null, scale, 1);
		change(state);
		return () => putRow(content, readRowForm(posted(state)), key);
	};

	it('reads durations as people type them, each with its anchor', () => {
		const { content: saved } = edit((s) => {
			s.appliesWhen = ['personal-data'];
			s.levels.SEV1.push({
				name: 'Notification',
				deadlines: [
					{ within: '72 hours', anchor: 'awareness' },
					{ within: '4 business days', anchor: 'determination' }
				]
			});
			s.levels.SEV2 = [
				{ name: 'Final report', deadlines: [{ within: '1 month', anchor: 'classification' }] }
			];
		})();
		const row = saved.matrix[0];
		expect(row.appliesWhen).toEqual(['personal-data']);
		expect(row.notifications.SEV1.stages[1]).toEqual({
			name: 'Notification',
			deadlines: [
				{ within: { amount: 72, unit: 'hours' }, anchor: 'awareness' },
				{ within: { amount: 4, unit: 'business-days' }, anchor: 'determination' }
			]
		});
		expect(row.notifications.SEV2).toEqual({
			notify: true,
			stages: [
				{
					name: 'Final report',
					deadlines: [{ within: { amount: 1, unit: 'months' }, anchor: 'classification' }]
				}
			]
		});
	});

	it('puts each mistake next to its field, all at once', () => {
		const errors = fieldErrors(
			edit((s) => {
				s.levels.SEV1[0].deadlines[0].within = '72 hourz';
				s.levels.SEV2 = [{ name: '', deadlines: [{ within: '', anchor: 'sunrise' }] }];
				s.notifier = '';
				s.contacts[0].email = 'not an address';
			})
		);
		expect(errors).toEqual({
			'sev-SEV1-stage-0-deadline-0-within':
				'Unknown unit "hourz": use m, h, days, business days or months.',
			'sev-SEV2-stage-0-deadline-0-within': 'Say within how long, e.g. 72h or 1 month.',
			'sev-SEV2-stage-0-deadline-0-anchor': 'Choose what the deadline counts from.',
			'sev-SEV2-stage-0-name': 'Name the stage, e.g. Early warning.',
			notifier: 'Say who notifies them (a plan role).',
			'contact-0-email': 'Enter a valid email address.'
		});
	});

	it('applies the plan rules to the row: an external audience needs an approver and a way to reach them', () => {
		const errors = fieldErrors(
			edit((s) => {
				s.audience = 'regulator';
				s.contacts = [{ name: 'Desk', email: '', phone: '', oob: '' }];
			})
		);
		expect(errors).toEqual({
			approver: 'A message to this audience leaves the organisation: name who approves it.',
			contacts: 'Give at least one way to reach them (email, phone or out-of-band).'
		});
	});

	it('adds a new row at the end with a key from its stakeholder, refusing a duplicate stakeholder', () => {
		const fill = (s: RowFormState, name: string) => {
			s.stakeholder = name;
			s.audience = 'legal';
			s.notifier = 'Incident commander';
			s.contacts[0].phone = '+44 20 7946 0000';
		};
		const { content: saved, key } = edit((s) => fill(s, 'Data protection officer'), null)();
		expect(key).toBe('data-protection-officer');
		expect(saved.matrix.map((r) => r.key)).toEqual(['ciso', 'data-protection-officer']);
		expect(saved.matrix[1].notifications.SEV1).toEqual({ notify: false, stages: [] });
		expect(fieldErrors(edit((s) => fill(s, 'ciso'), null))).toEqual({
			stakeholder: 'This stakeholder is already in the matrix.'
		});
	});

	it('says so when the row was removed by someone else meanwhile', () => {
		const state = rowFormState(ciso, scale, 1);
		expect(() => putRow({ ...content, matrix: [] }, state, 'ciso')).toThrow(
			/removed from the draft/
		);
	});

	it('leaves the diff empty when every row of the template is saved from a form with CRLF templates', () => {
		let saved = irPlanTemplate;
		for (const row of irPlanTemplate.matrix) {
			const state = rowFormState(row, irPlanTemplate.severityScale, 1);
			state.template = state.template.replace(/\n/g, '\r\n');
			saved = putRow(saved, readRowForm(posted(state)), row.key).content;
		}
		expect(saved.matrix.some((r) => r.messageTemplate.includes('\n'))).toBe(true);
		const diff = diffPlanContent(irPlanTemplate, saved);
		expect(diff.matrix.filter((r) => r.status !== 'unchanged')).toEqual([]);
		expect(saved.matrix.every((r) => !r.messageTemplate.includes('\r'))).toBe(true);
	});
});
