import { describe, expect, it } from 'vitest';
import type { PlanContent } from '../../plans/content';
import { diffPlanContent } from './diff';
import { renderedChange } from './diff-rendered';

const plan = (body: string): PlanContent => ({
	sections: [{ key: 'escalation', title: 'Escalation', level: 1, body }],
	severityScale: [],
	matrix: []
});
const rendered = (from: string, to: string) =>
	renderedChange(diffPlanContent(plan(from), plan(to)).sections[0], Infinity)!;

describe('rendered plan diff', () => {
	it('marks the reworded words inside a paragraph, labelled for screen readers', () => {
		const parts = rendered(
			'Call the CISO within one hour.',
			'Call the CISO within thirty minutes.'
		);
		expect(parts).toEqual([
			{
				kind: 'reworded',
				html: '<p>Call the CISO within <del class="diff-removed"><span class="visually-hidden">removed: </span>one hour</del><ins class="diff-added"><span class="visually-hidden">added: </span>thirty minutes</ins>.</p>'
			}
		]);
	});

	it('shows changed markdown rendered, the old block removed and the new one added', () => {
		const parts = rendered(
			'Steps:\n\n- call **Legal**\n- page the IC',
			'Steps:\n\n- call **Legal**\n- page the CISO'
		);
		expect(parts.map((p) => p.kind)).toEqual(['same', 'removed', 'added']);
		expect(parts[2]).toMatchObject({ html: expect.stringContaining('<strong>Legal</strong>') });
		expect(parts[2]).toMatchObject({ html: expect.stringContaining('<li>page the CISO</li>') });
	});

	it('folds unchanged paragraphs far from a change into a gap', () => {
		const paragraphs = Array.from({ length: 10 }, (_, i) => `Paragraph ${i}.`);
		const edited = paragraphs.map((p, i) => (i === 5 ? 'Paragraph five, rewritten.' : p));
		const parts = rendered(paragraphs.join('\n\n'), edited.join('\n\n'));
		expect(parts.map((p) => (p.kind === 'gap' ? `gap ${p.blocks}` : p.kind))).toEqual([
			'gap 4',
			'same',
			'reworded',
			'same',
			'gap 3'
		]);
	});

	it('renders markup typed into a plan as inert text', () => {
		const parts = rendered('Intro.', 'Intro.\n\n<script>window.pwned = 1</script> & <b>bold</b>');
		const html = parts.map((p) => ('html' in p ? p.html : '')).join('');
		expect(html).not.toMatch(/<script|<b>/);
		expect(html).toContain('&lt;script&gt;');
	});
});
