import { describe, expect, it } from 'vitest';
import { objectiveScoresChart } from './objective-scores';
import { practiceScoresChart } from './practice-scores';
import { responseTimesChart } from './response-times';
import { escapeXml, formatDuration, wrapLabel } from './svg';

/** Every tag closed in order and no stray `<` or `&`: what an XML parser (and a PDF) needs. */
function assertWellFormed(svg: string) {
	const stack: string[] = [];
	const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
	let last = 0;
	for (const m of svg.matchAll(tag)) {
		const between = svg.slice(last, m.index);
		expect(between, `text before <${m[2]}>`).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|#39);)/);
		last = m.index! + m[0].length;
		if (m[4]) continue;
		if (m[1]) expect(stack.pop(), `closing </${m[2]}>`).toBe(m[2]);
		else stack.push(m[2]);
	}
	expect(svg.slice(last)).toBe('');
	expect(stack).toEqual([]);
}

const thresholds = { P: 0.9, S: 0.7, M: 0.4 };

describe('objectiveScoresChart', () => {
	const svg = objectiveScoresChart({
		title: 'Scores per objective',
		thresholds,
		objectives: [
			{ label: 'Start the funds recall with the bank', earned: 18, max: 20, rating: 'P' },
			{ label: 'Scope the compromise', earned: 7.5, max: 15, rating: 'M', overridden: true },
			{ label: 'Nothing scored here', earned: 0, max: 0, rating: 'U' }
		]
	});

	it('is an image with a title and a description for screen readers', () => {
		expect(svg).toMatch(/^<svg [^>]*role="img"/);
		expect(svg).toMatch(/aria-labelledby="(objective-scores-\w+)-title \1-desc"/);
		expect(svg).toContain('<title id="');
		expect(svg).toContain('>Scores per objective</title>');
		expect(svg).toMatch(
			/<desc id="[^"]+">[^<]*Start the funds recall with the bank: 90% \(18 of 20 points\), rated P\./
		);
		assertWellFormed(svg);
	});

	it('scales with its box instead of having a pixel size', () => {
		expect(svg).toMatch(/viewBox="0 0 380 \d+(\.\d)?"/);
		expect(svg).toContain('width="100%"');
		expect(svg).not.toMatch(/height="\d+px"/);
	});

	it('writes each share and rating as text next to its bar', () => {
		expect(svg).toContain('>90% · P</text>');
		expect(svg).toContain('>50% · M*</text>');
		expect(svg).toContain('rated M (overridden)');
		expect(svg).toContain('Nothing scored here: no scored prompts');
		expect(svg).toContain('>not assessed</text>');
	});

	it('marks the P, S and M thresholds', () => {
		expect(svg).toContain('>P 90%</text>');
		expect(svg).toContain('>S 70%</text>');
		expect(svg).toContain('>M 40%</text>');
		// Across each of the three bars, one dashed tick per threshold.
		expect(svg.match(/stroke-dasharray/g)).toHaveLength(9);
	});

	it('escapes text, so a title or label cannot inject markup', () => {
		const hostile = objectiveScoresChart({
			title: '<script>alert(1)</script>',
			thresholds,
			objectives: [{ label: 'A & B <img src=x onerror=alert(1)>', earned: 1, max: 2, rating: 'M' }]
		});
		expect(hostile).not.toContain('<script>');
		expect(hostile).not.toContain('<img');
		expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(hostile).toContain('A &amp; B &lt;img');
		assertWellFormed(hostile);
	});

	it('draws nothing impossible from bad numbers', () => {
		const odd = objectiveScoresChart({
			title: 'Odd',
			thresholds,
			objectives: [
				{ label: 'Over', earned: 50, max: 10, rating: 'P' },
				{ label: 'Broken', earned: Number.NaN, max: 10, rating: 'U' }
			]
		});
		expect(odd).not.toMatch(/NaN|Infinity|width="-/);
		expect(odd).toContain('>100% · P</text>');
	});
});

describe('responseTimesChart', () => {
	const svg = responseTimesChart({
		title: 'Response times against deadlines',
		measures: [
			{ label: 'Acknowledge: ransom note', minutes: 3 },
			{ label: 'Notify Regulator (early warning)', minutes: 300, deadlineMinutes: 240 },
			{ label: 'Notify CISO', minutes: 20, deadlineMinutes: 60 },
			{ label: 'Notify Insurer', minutes: null, deadlineMinutes: 1440 }
		]
	});

	it('gives each measure its label, its time and its deadline', () => {
		expect(svg).toContain('>Acknowledge: ransom note</text>');
		expect(svg).toContain('>3 min</text>');
		expect(svg).toContain('>5 h / 4 h</text>');
		expect(svg).toContain('>20 min / 1 h</text>');
		expect(svg).toContain('>— / 24 h</text>');
		assertWellFormed(svg);
	});

	it('marks late and missed responses in words, not colour alone', () => {
		expect(svg.match(/>LATE</g)).toHaveLength(1);
		expect(svg.match(/>MISSED</g)).toHaveLength(1);
		expect(svg).toContain('>not done</text>');
		expect(svg).toContain('2 of 3 with a deadline late or missed.');
		expect(svg).toContain('Notify CISO: 20 min, deadline 1 h, in time');
	});

	it('draws one deadline marker per measure that has a deadline', () => {
		expect(svg.match(/width="3" height="22"/g)).toHaveLength(3);
	});

	it('escapes labels', () => {
		const hostile = responseTimesChart({
			title: 'T "quoted" <b>',
			measures: [{ label: '</text><script>x</script>', minutes: 1 }]
		});
		expect(hostile).not.toContain('<script>');
		expect(hostile).toContain('T &quot;quoted&quot; &lt;b&gt;');
		assertWellFormed(hostile);
	});

	it('says so when nothing was measured', () => {
		const empty = responseTimesChart({ title: 'Empty', measures: [] });
		expect(empty).toContain('Nothing measured yet.');
		assertWellFormed(empty);
	});
});

describe('practiceScoresChart', () => {
	const svg = practiceScoresChart({
		title: 'My practice scores',
		thresholds,
		attempts: [
			{ at: '2026-03-04T10:00:00Z', share: 0.8, label: 'Phishing' },
			{ at: '2026-03-01T10:00:00Z', share: 0.55, label: 'BEC' },
			{ at: '2026-03-09T10:00:00Z', share: 0.725, label: 'BEC' }
		]
	});

	it('joins the attempts oldest first and labels the ends, the latest and the best', () => {
		expect(svg).toContain('<polyline');
		expect(svg).toContain('>2026-03-01</text>');
		expect(svg).toContain('>2026-03-09</text>');
		expect(svg).toContain('>73%</text>');
		expect(svg).toContain('>80%</text>');
		expect(svg).not.toContain('>55%</text>');
		expect(svg).toContain('3 attempts from 2026-03-01 to 2026-03-09.');
		expect(svg).toContain('Latest 73%, best 80%.');
		expect(svg.match(/<circle/g)).toHaveLength(3);
		assertWellFormed(svg);
	});

	it('shows one attempt without a line and none with a message', () => {
		const one = practiceScoresChart({
			title: 'One',
			attempts: [{ at: new Date('2026-01-02T00:00:00Z'), share: 1, label: 'x' }]
		});
		expect(one).not.toContain('<polyline');
		expect(one).toContain('>100%</text>');
		const none = practiceScoresChart({ title: 'None', attempts: [] });
		expect(none).toContain('No attempts yet.');
		assertWellFormed(none);
	});

	it('escapes the title and the labels', () => {
		const hostile = practiceScoresChart({
			title: '<script>alert(1)</script>',
			attempts: [{ at: '2026-01-01', share: 0.5, label: '<script>' }]
		});
		expect(hostile).not.toContain('<script>');
		assertWellFormed(hostile);
	});
});

describe('chart text helpers', () => {
	it('escapes the five XML specials', () => {
		expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'
		);
	});

	it('says durations as people do', () => {
		expect(formatDuration(0.5)).toBe('30 s');
		expect(formatDuration(12.4)).toBe('12 min');
		expect(formatDuration(60)).toBe('1 h');
		expect(formatDuration(320)).toBe('5 h 20 min');
		expect(formatDuration(72 * 60)).toBe('3 d');
		expect(formatDuration(-5)).toBe('0 s');
	});

	it('wraps a label on words and ends a cut one with an ellipsis', () => {
		expect(wrapLabel('one two three', 20)).toEqual(['one two three']);
		expect(wrapLabel('one two three four', 9)).toEqual(['one two', 'three…']);
		expect(wrapLabel('abcdefghijkl', 6, 1)).toEqual(['abcde…']);
	});
});
