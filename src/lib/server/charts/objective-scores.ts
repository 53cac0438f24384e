import {
	chartId,
	clamp,
	escapeXml,
	finite,
	palette,
	percent,
	px,
	svgDocument,
	text,
	wrapLabel
} from './svg';

// Score share per objective as horizontal bars, with the HSEEP rating thresholds drawn as
// dashed lines across every bar: a reader sees at once how far an objective is from the
// next rating. The rating is written next to each bar, never told by colour alone.

export type Rating = 'P' | 'S' | 'M' | 'U';
/** The lowest share that earns each rating; below M is U. */
export type RatingThresholds = { P: number; S: number; M: number };

export type ObjectiveScore = {
	label: string;
	earned: number;
	max: number;
	rating: Rating;
	/** The facilitator changed the rating: shown with an asterisk. */
	overridden?: boolean;
};

type Threshold = { rating: 'M' | 'S' | 'P'; x: number };

export const ratingWords: Record<Rating, string> = {
	P: 'performed without challenges',
	S: 'performed with some challenges',
	M: 'performed with major challenges',
	U: 'unable to be performed'
};

const ratingFill: Record<Rating, string> = {
	P: palette.ok,
	S: palette.bar,
	M: palette.marker,
	U: palette.late
};

const WIDTH = 380;
const PAD = 8;
const VALUE_WIDTH = 86;
const TRACK_X = PAD;
const TRACK_W = WIDTH - PAD * 2 - VALUE_WIDTH;
const TOP = 34;
const LINE = 16;
const BAR = 14;
const ROW_GAP = 12;
const LABEL_CHARS = 48;

const pts = (n: number) => String(Math.round(finite(n) * 100) / 100);

export function objectiveScoresChart(options: {
	title: string;
	objectives: readonly ObjectiveScore[];
	thresholds: RatingThresholds;
}): string {
	const { title, objectives, thresholds } = options;
	const id = chartId('objective-scores', title + objectives.map((o) => o.label).join('|'));
	const marks = (['M', 'S', 'P'] as const).map((rating): Threshold => ({
		rating,
		x: TRACK_X + clamp(finite(thresholds[rating]), 0, 1) * TRACK_W
	}));
	const rows: string[] = [];
	let y = TOP;
	for (const o of objectives) {
		const lines = wrapLabel(o.label, LABEL_CHARS, 2);
		const max = Math.max(0, finite(o.max));
		const share = max > 0 ? clamp(finite(o.earned) / max, 0, 1) : 0;
		const value = max > 0 ? `${percent(share)} · ${o.rating}${o.overridden ? '*' : ''}` : '';
		const spoken =
			max > 0
				? `${o.label}: ${percent(share)} (${pts(o.earned)} of ${pts(max)} points), rated ${o.rating}${o.overridden ? ' (overridden)' : ''}`
				: `${o.label}: no scored prompts`;
		const labelSvg = lines
			.map((line, i) => text(TRACK_X, y + LINE * (i + 1) - 3, line, { size: 13 }))
			.join('');
		const barY = y + lines.length * LINE + 4;
		const bar =
			`<rect x="${px(TRACK_X)}" y="${px(barY)}" width="${px(TRACK_W)}" height="${BAR}" fill="${palette.track}" shape-rendering="crispEdges"/>` +
			(share > 0
				? `<rect x="${px(TRACK_X)}" y="${px(barY)}" width="${px(share * TRACK_W)}" height="${BAR}" fill="${ratingFill[o.rating]}" shape-rendering="crispEdges"/>`
				: '');
		// The thresholds cross the bar only, so the labels above stay readable.
		const ticks = marks
			.map(
				(m) =>
					// A white line under the dashes keeps them visible on a dark bar.
					`<line x1="${px(m.x)}" y1="${px(barY - 3)}" x2="${px(m.x)}" y2="${px(barY + BAR + 3)}" stroke="#ffffff" stroke-width="3"/>` +
					`<line x1="${px(m.x)}" y1="${px(barY - 3)}" x2="${px(m.x)}" y2="${px(barY + BAR + 3)}" stroke="${palette.ink}" stroke-width="1" stroke-dasharray="2 2"/>`
			)
			.join('');
		const valueSvg = value
			? text(WIDTH - PAD, barY + BAR - 2, value, { size: 13, anchor: 'end', weight: 'bold' })
			: text(WIDTH - PAD, barY + BAR - 2, 'not assessed', {
					size: 11,
					anchor: 'end',
					fill: palette.muted
				});
		rows.push(`<g><title>${escapeXml(spoken)}</title>${labelSvg}${bar}${ticks}${valueSvg}</g>`);
		y = barY + BAR + ROW_GAP;
	}
	const bottom = y - ROW_GAP;
	const header = thresholdLabels(marks, thresholds, TOP - 4);
	const axis =
		text(TRACK_X, bottom + 18, '0%', { size: 11, fill: palette.muted }) +
		text(TRACK_X + TRACK_W, bottom + 18, '100%', { size: 11, anchor: 'end', fill: palette.muted });
	const overridden = objectives.some((o) => o.overridden);
	const legend =
		text(TRACK_X, bottom + 35, 'Dashed: lowest share for P, S and M; below M is U.', {
			size: 11,
			fill: palette.muted
		}) +
		(overridden
			? text(TRACK_X, bottom + 50, '* rating overridden by a facilitator', {
					size: 11,
					fill: palette.muted
				})
			: '');
	const empty = objectives.length
		? ''
		: text(TRACK_X, TOP + 16, 'No objectives to show.', { size: 13, fill: palette.muted });
	const desc =
		(objectives.length
			? objectives
					.map((o) =>
						o.max > 0
							? `${o.label}: ${percent(finite(o.earned) / o.max)} (${pts(o.earned)} of ${pts(o.max)} points), rated ${o.rating}${o.overridden ? ' (overridden)' : ''}.`
							: `${o.label}: no scored prompts.`
					)
					.join(' ')
			: 'No objectives.') +
		` Thresholds: P from ${percent(thresholds.P)}, S from ${percent(thresholds.S)}, M from ${percent(thresholds.M)}, below that U.`;
	return svgDocument({
		id,
		width: WIDTH,
		height: Math.max(bottom, TOP + 24) + (overridden ? 58 : 43),
		title,
		desc,
		body: header + rows.join('') + empty + axis + legend
	});
}

/** The thresholds named above the first bar; labels too close move to a second line. */
function thresholdLabels(marks: Threshold[], t: RatingThresholds, bottom: number): string {
	let lastX = -Infinity;
	let row = 0;
	return marks
		.map(({ rating, x }) => {
			row = x - lastX < 44 ? 1 - row : 0;
			lastX = x;
			const labelY = bottom - 16 + row * 11;
			return (
				`<line x1="${px(x)}" y1="${px(labelY + 3)}" x2="${px(x)}" y2="${px(bottom)}" stroke="${palette.muted}" stroke-width="1"/>` +
				text(x, labelY, `${rating} ${percent(t[rating])}`, {
					size: 11,
					anchor: 'middle',
					fill: palette.muted
				})
			);
		})
		.join('');
}
