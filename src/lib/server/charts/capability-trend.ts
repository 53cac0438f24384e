import { chartId, clamp, escapeXml, finite, palette, percent, px, svgDocument, text } from './svg';

// Scores per capability over time as small multiples: one row per capability, a line across
// the periods (months), the latest score written at the end. One colour and one scale for
// every row, so rows compare at a glance and the chart stays readable on a phone; a period
// without practice of that capability is a gap, never a zero.

export type CapabilityTrendRow = {
	label: string;
	/** Share of points per period, 0 to 1; null when nothing was practised then. */
	values: readonly (number | null)[];
};

const WIDTH = 380;
const LABEL_RIGHT = 112;
const PLOT_LEFT = 120;
const PLOT_RIGHT = 330;
const ROW = 34;
const TOP = 10;
const AXIS = 30;

export function capabilityTrendChart(options: {
	title: string;
	/** The periods, oldest first, e.g. ['2026-01', '2026-02', …]. */
	periods: readonly string[];
	rows: readonly CapabilityTrendRow[];
}): string {
	const { title, periods, rows } = options;
	const id = chartId('capability-trend', title + periods.join() + rows.length);
	const height = TOP + Math.max(rows.length, 1) * ROW + AXIS;
	const xOf = (i: number) =>
		periods.length <= 1
			? (PLOT_LEFT + PLOT_RIGHT) / 2
			: PLOT_LEFT + 6 + (i * (PLOT_RIGHT - PLOT_LEFT - 12)) / (periods.length - 1);

	const body = rows
		.map((row, r) => {
			const top = TOP + r * ROW;
			const bottom = top + ROW - 8;
			const yOf = (share: number) => bottom - clamp(finite(share), 0, 1) * (ROW - 12);
			const band =
				`<rect x="${PLOT_LEFT}" y="${px(top)}" width="${PLOT_RIGHT - PLOT_LEFT}" height="${ROW - 4}" fill="${r % 2 ? '#ffffff' : '#f4f6f9'}"/>` +
				`<line x1="${PLOT_LEFT}" y1="${px(bottom)}" x2="${PLOT_RIGHT}" y2="${px(bottom)}" stroke="${palette.grid}" stroke-width="1" shape-rendering="crispEdges"/>`;
			// Lines join neighbouring periods that both have a score.
			const segments: string[] = [];
			row.values.forEach((v, i) => {
				const next = row.values[i + 1];
				if (v !== null && next !== null && next !== undefined && i + 1 < periods.length)
					segments.push(
						`<line x1="${px(xOf(i))}" y1="${px(yOf(v))}" x2="${px(xOf(i + 1))}" y2="${px(yOf(next))}" stroke="${palette.bar}" stroke-width="2" stroke-linecap="round"/>`
					);
			});
			const dots = row.values
				.slice(0, periods.length)
				.map((v, i) =>
					v === null
						? ''
						: `<circle cx="${px(xOf(i))}" cy="${px(yOf(v))}" r="3.5" fill="#ffffff" stroke="${palette.bar}" stroke-width="2"><title>${escapeXml(`${row.label}, ${periods[i]}: ${percent(v)}`)}</title></circle>`
				)
				.join('');
			const latest = [...row.values.slice(0, periods.length)].reverse().find((v) => v !== null);
			return (
				band +
				text(LABEL_RIGHT, top + ROW / 2 + 2, row.label, { size: 12, anchor: 'end' }) +
				segments.join('') +
				dots +
				text(WIDTH - 4, top + ROW / 2 + 2, latest === undefined ? '—' : percent(latest), {
					size: 12,
					anchor: 'end',
					weight: 'bold',
					fill: latest === undefined ? palette.muted : palette.ink
				})
			);
		})
		.join('');
	const axisY = TOP + Math.max(rows.length, 1) * ROW + 14;
	const axis = periods.length
		? text(xOf(0), axisY, periods[0], {
				size: 11,
				anchor: periods.length === 1 ? 'middle' : 'start',
				fill: palette.muted
			}) +
			(periods.length > 1
				? text(xOf(periods.length - 1), axisY, periods[periods.length - 1], {
						size: 11,
						anchor: 'end',
						fill: palette.muted
					})
				: '') +
			text(WIDTH - 4, axisY, 'latest', { size: 11, anchor: 'end', fill: palette.muted })
		: '';
	const empty = rows.length
		? ''
		: text((PLOT_LEFT + PLOT_RIGHT) / 2, TOP + ROW / 2 + 2, 'No finished practice yet.', {
				size: 12,
				anchor: 'middle',
				fill: palette.muted
			});
	const desc = rows.length
		? `Share of points per capability, ${periods[0]} to ${periods[periods.length - 1]}. ` +
			rows
				.map(
					(row) =>
						`${row.label}: ` +
						(row.values
							.slice(0, periods.length)
							.map((v, i) => (v === null ? null : `${periods[i]} ${percent(v)}`))
							.filter(Boolean)
							.join(', ') || 'no practice') +
						'.'
				)
				.join(' ')
		: 'No finished practice yet.';
	return svgDocument({ id, width: WIDTH, height, title, desc, body: body + empty + axis });
}
