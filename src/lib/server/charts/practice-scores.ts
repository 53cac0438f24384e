import type { RatingThresholds } from './objective-scores';
import { chartId, clamp, escapeXml, finite, palette, percent, px, svgDocument, text } from './svg';

// A trainee's practice scores, attempt after attempt: points joined by a line, the score
// written at the latest and best attempts, dates at both ends. Attempts are spaced evenly
// (a week without practice is not a score), in the order they were made.

export type PracticeAttempt = {
	at: Date | string;
	/** Share of the points earned, 0 to 1. */
	share: number;
	/** What the attempt was, e.g. the scenario's title. */
	label: string;
};

const WIDTH = 380;
const HEIGHT = 200;
const LEFT = 40;
const RIGHT = 372;
const TOP = 18;
const BOTTOM = 158;

const day = (d: Date | string) => {
	const date = typeof d === 'string' ? new Date(d) : d;
	return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
};

export function practiceScoresChart(options: {
	title: string;
	attempts: readonly PracticeAttempt[];
	thresholds?: RatingThresholds;
}): string {
	const { title } = options;
	const attempts = [...options.attempts].sort(
		(a, b) => new Date(a.at).getTime() - new Date(b.at).getTime()
	);
	const id = chartId('practice-scores', title + attempts.length);
	const yOf = (share: number) => BOTTOM - clamp(finite(share), 0, 1) * (BOTTOM - TOP);
	const xOf = (i: number) =>
		attempts.length === 1
			? (LEFT + RIGHT) / 2
			: LEFT + 8 + (i * (RIGHT - LEFT - 16)) / (attempts.length - 1);

	const grid = [0, 0.5, 1]
		.map(
			(v) =>
				`<line x1="${LEFT}" y1="${px(yOf(v))}" x2="${RIGHT}" y2="${px(yOf(v))}" stroke="${palette.grid}" stroke-width="1" shape-rendering="crispEdges"/>` +
				text(LEFT - 6, yOf(v) + 4, percent(v), { size: 11, anchor: 'end', fill: palette.muted })
		)
		.join('');
	const thresholds = options.thresholds
		? (['P', 'S', 'M'] as const)
				.map(
					(r) =>
						`<line x1="${LEFT}" y1="${px(yOf(options.thresholds![r]))}" x2="${RIGHT}" y2="${px(yOf(options.thresholds![r]))}" stroke="${palette.muted}" stroke-width="1" stroke-dasharray="2 4"/>` +
						text(RIGHT, yOf(options.thresholds![r]) - 3, r, {
							size: 9,
							anchor: 'end',
							fill: palette.muted
						})
				)
				.join('')
		: '';
	const line =
		attempts.length > 1
			? `<polyline points="${attempts.map((a, i) => `${px(xOf(i))},${px(yOf(a.share))}`).join(' ')}" fill="none" stroke="${palette.bar}" stroke-width="2" stroke-linejoin="round"/>`
			: '';
	const best = attempts.reduce(
		(b, a, i) => (finite(a.share) > finite(attempts[b]?.share) ? i : b),
		0
	);
	const points = attempts
		.map((a, i) => {
			const x = xOf(i);
			const y = yOf(a.share);
			const shown = i === attempts.length - 1 || i === best;
			return (
				`<g><title>${escapeXml(`${day(a.at)} ${a.label}: ${percent(a.share)}`)}</title>` +
				`<circle cx="${px(x)}" cy="${px(y)}" r="4.5" fill="#ffffff" stroke="${palette.bar}" stroke-width="2"/>` +
				(shown
					? text(x, y < TOP + 14 ? y + 16 : y - 8, percent(a.share), {
							size: 12,
							anchor: 'middle',
							weight: 'bold'
						})
					: '') +
				`</g>`
			);
		})
		.join('');
	const axis = attempts.length
		? text(xOf(0), BOTTOM + 18, day(attempts[0].at), {
				size: 11,
				anchor: attempts.length === 1 ? 'middle' : 'start',
				fill: palette.muted
			}) +
			(attempts.length > 1
				? text(xOf(attempts.length - 1), BOTTOM + 18, day(attempts[attempts.length - 1].at), {
						size: 11,
						anchor: 'end',
						fill: palette.muted
					})
				: '') +
			text(
				(LEFT + RIGHT) / 2,
				BOTTOM + 34,
				`${attempts.length} attempt${attempts.length === 1 ? '' : 's'}, oldest first`,
				{
					size: 11,
					anchor: 'middle',
					fill: palette.muted
				}
			)
		: text((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, 'No attempts yet.', {
				size: 12,
				anchor: 'middle',
				fill: palette.muted
			});
	const desc = attempts.length
		? `${attempts.length} attempt${attempts.length === 1 ? '' : 's'} from ${day(attempts[0].at)} to ${day(attempts[attempts.length - 1].at)}. ` +
			attempts.map((a) => `${day(a.at)} ${a.label}: ${percent(a.share)}.`).join(' ') +
			` Latest ${percent(attempts[attempts.length - 1].share)}, best ${percent(attempts[best].share)}.`
		: 'No attempts yet.';
	return svgDocument({
		id,
		width: WIDTH,
		height: HEIGHT,
		title,
		desc,
		body: grid + thresholds + line + points + axis
	});
}
