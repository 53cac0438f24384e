import { describe, expect, it } from 'vitest';
import { formatReference, headingSlug } from './format-reference';

describe('the format reference served by the app', () => {
	it('gives every heading the anchor the README links to', () => {
		const { html } = formatReference();
		const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
		const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
		expect(targets.length).toBeGreaterThan(10);
		expect(targets.filter((t) => !ids.has(t))).toEqual([]);
	});

	it('makes anchors as GitHub does', () => {
		expect(headingSlug('<code>when</code> conditions')).toBe('when-conditions');
		expect(headingSlug('CSF 2.0 functions')).toBe('csf-20-functions');
		expect(headingSlug('Multiple-choice (&quot;right minus wrong&quot;)')).toBe(
			'multiple-choice-right-minus-wrong'
		);
	});

	it('keeps in-page links in the page and tables in a labelled scroll box', () => {
		const { html } = formatReference();
		expect(html).not.toMatch(/href="#[^"]*"[^>]*target=/);
		expect(html.match(/<table>/g)?.length).toBe(html.match(/class="table-wrap"/g)?.length);
	});

	it('lists its chapters for the contents', () => {
		expect(formatReference().headings.map((h) => h.text)).toEqual(
			expect.arrayContaining(['Overview', 'Fields', 'Scoring', 'Validation'])
		);
	});
});
