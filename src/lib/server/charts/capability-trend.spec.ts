import { describe, expect, it } from 'vitest';
import { capabilityTrendChart } from './capability-trend';

describe('capabilityTrendChart', () => {
	const svg = capabilityTrendChart({
		title: 'Scores per capability <team>',
		periods: ['2026-01', '2026-02', '2026-03'],
		rows: [
			{ label: 'Containment', values: [0.5, null, 0.8] },
			{ label: 'Communication', values: [null, 0.25, 0.3] }
		]
	});

	it('is an image with a title and a description that reads out every value', () => {
		expect(svg).toMatch(/^<svg [^>]*role="img"/);
		expect(svg).toContain('Scores per capability &lt;team&gt;');
		expect(svg).toContain('Containment: 2026-01 50%, 2026-03 80%.');
		expect(svg).toContain('Communication: 2026-02 25%, 2026-03 30%.');
	});

	it('writes the latest score of each row and leaves a month without practice as a gap', () => {
		expect(svg).toContain('>80%</text>');
		expect(svg).toContain('>30%</text>');
		// Containment: no line across the empty February; Communication: one line Feb → Mar.
		expect(svg.match(/<line [^>]*stroke-linecap="round"/g)).toHaveLength(1);
		expect(svg.match(/<circle /g)).toHaveLength(4);
	});

	it('says so when there is nothing to draw, and never draws NaN', () => {
		const empty = capabilityTrendChart({ title: 'None', periods: ['2026-03'], rows: [] });
		expect(empty).toContain('No finished practice yet.');
		const odd = capabilityTrendChart({
			title: 'Odd',
			periods: ['2026-03'],
			rows: [{ label: 'Detection', values: [Number.NaN] }]
		});
		expect(odd).not.toContain('NaN');
	});
});
