import { describe, expect, it } from 'vitest';
import type { Inject } from '../../scenarios/schema';
import { participantInject } from './participant-view';

const inject = {
	id: 'alert',
	at: 'PT0M',
	title: 'EDR alert',
	channel: 'siem-alert',
	from: 'EDR',
	body: 'Mass renames on FS01.',
	artefacts: [],
	to: ['ic'],
	when: { all: [{ prompt: 'q-0', option: 'x' }] },
	variants: [
		{
			id: 'worse',
			when: { all: [{ prompt: 'q-0', option: 'y' }] },
			title: 'It spreads',
			body: 'Two more servers.'
		}
	],
	facilitatorNotes: 'SECRET NOTES',
	questions: [],
	prompts: [
		{
			id: 'q-1',
			type: 'single-choice',
			question: 'First?',
			points: 10,
			objective: 'obj',
			feedback: 'PROMPT FEEDBACK',
			options: [
				{ id: 'isolate', text: 'Isolate', correct: true, points: 10, feedback: 'OPTION FEEDBACK' },
				{ id: 'wait', text: 'Wait', correct: false }
			]
		}
	]
} as Inject;

const release = { variantId: null, scenarioMs: 0, releasedAt: new Date('2026-03-10T09:00:00Z') };

describe('what a participant may see of an inject', () => {
	it('holds no notes, conditions, variants, correct answers, points or feedback while open', () => {
		const view = participantInject(inject, release, () => false);
		const text = JSON.stringify(view);
		for (const secret of [
			'SECRET NOTES',
			'FEEDBACK',
			'correct',
			'It spreads',
			'worse',
			'q-0',
			'when'
		])
			expect(text).not.toContain(secret);
		expect(view.prompts[0].options).toEqual([
			{ id: 'isolate', text: 'Isolate' },
			{ id: 'wait', text: 'Wait' }
		]);
	});

	it('shows the variant released, never the inject’s own text beside it', () => {
		const view = participantInject(inject, { ...release, variantId: 'worse' }, () => false);
		expect([view.title, view.body]).toEqual(['It spreads', 'Two more servers.']);
		expect(JSON.stringify(view)).not.toContain('Mass renames');
	});

	it('reveals the expectations once the prompt is closed', () => {
		const view = participantInject(inject, release, () => true);
		expect(view.prompts[0].options[0]).toEqual({
			id: 'isolate',
			text: 'Isolate',
			correct: true,
			feedback: 'OPTION FEEDBACK'
		});
		expect(view.prompts[0].feedback).toBe('PROMPT FEEDBACK');
	});
});
