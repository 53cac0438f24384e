import { describe, expect, it } from 'vitest';
import type { PlanContent } from '../../plans/content';
import { matrixFromForm } from './matrix-form';

const content: PlanContent = {
	sections: [],
	severityScale: [
		{ id: 'SEV1', name: 'Critical', criteria: 'x' },
		{ id: 'SEV2', name: 'High', criteria: 'y' }
	],
	matrix: []
};

function form(rows: Record<string, string>[]): FormData {
	const f = new FormData();
	f.set('rows', String(rows.length));
	rows.forEach((r, i) => Object.entries(r).forEach(([k, v]) => f.set(`row-${i}-${k}`, v)));
	return f;
}
const good = {
	stakeholder: 'CISO',
	audience: 'executive',
	'notify-SEV1': 'on',
	'minutes-SEV1': '30',
	notifier: 'Incident commander',
	'c0-email': 'ciso@example.org'
};

describe('matrix form', () => {
	it('turns a table row into a matrix row with a key and per-severity deadlines', () => {
		const r = matrixFromForm(form([good]), content);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.content.matrix[0]).toMatchObject({
			key: 'ciso',
			notifications: {
				SEV1: { notify: true, withinMinutes: 30 },
				SEV2: { notify: false, withinMinutes: null }
			}
		});
	});

	it('puts each error on its row and field', () => {
		const r = matrixFromForm(
			form([
				good,
				{
					stakeholder: 'Regulator',
					audience: 'regulator',
					'notify-SEV1': 'on',
					'minutes-SEV1': '-5',
					notifier: 'DPO'
				},
				{
					stakeholder: 'ciso',
					audience: 'executive',
					'notify-SEV2': 'on',
					notifier: 'IC',
					'c0-phone': '1'
				}
			]),
			content
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toMatchObject({
			'row-1-minutes-SEV1': 'Use a positive whole number of minutes.',
			'row-1-contacts': 'Give at least one way to reach them (email, phone or out-of-band).',
			'row-1-approver': 'A message to this audience leaves the organisation: name who approves it.',
			'row-2-stakeholder': 'This stakeholder is already in the matrix.',
			'row-2-minutes-SEV2': 'Say within how many minutes they are told at SEV2.'
		});
		expect(r.values['row-1-stakeholder']).toBe('Regulator');
	});

	it('skips the blank row left for adding and rows marked for removal, keeping error positions', () => {
		const r = matrixFromForm(
			form([
				{ ...good, remove: 'on' },
				{ stakeholder: 'DPO', audience: 'legal', notifier: '' },
				{}
			]),
			content
		);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['row-1-contacts', 'row-1-notifier']);
	});
});
