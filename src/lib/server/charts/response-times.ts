import {
	chartId,
	escapeXml,
	finite,
	formatDuration,
	palette,
	px,
	svgDocument,
	text,
	wrapLabel
} from './svg';

// How long the team took for each measured response (acknowledging an inject, answering a
// prompt, notifying a stakeholder), as a bar on one time axis, with the deadline drawn as a
// marker across the bar. A late response is written "late" beside its bar, and one never
// made reads "not done": colour only repeats what the words say.

export type ResponseMeasure = {
	label: string;
	/** Minutes of scenario time the response took; null when it never came. */
	minutes: number | null;
	/** Minutes allowed, when there is a deadline. */
	deadlineMinutes?: number | null;
};

const WIDTH = 380;
const PAD = 8;
const VALUE_WIDTH = 112;
const TRACK_X = PAD;
const TRACK_W = WIDTH - PAD * 2 - VALUE_WIDTH;
const TOP = 10;
const LINE = 16;
const BAR = 14;
const ROW_GAP = 12;
const LABEL_CHARS = 50;

const isLate = (m: ResponseMeasure) =>
	m.deadlineMinutes != null && (m.minutes == null || finite(m.minutes) > finite(m.deadlineMinutes));

function spoken(m: ResponseMeasure): string {
	const deadline =
		m.deadlineMinutes != null ? `, deadline ${formatDuration(m.deadlineMinutes)}` : '';
	if (m.minutes == null) return `${m.label}: not done${deadline}${isLate(m) ? ', missed' : ''}`;
	return `${m.label}: ${formatDuration(m.minutes)}${deadline}${isLate(m) ? ', late' : m.deadlineMinutes != null ? ', in time' : ''}`;
}

export function responseTimesChart(options: {
	title: string;
	measures: readonly ResponseMeasure[];
}): string {
	const { title, measures } = options;
	const id = chartId('response-times', title + measures.map((m) => m.label).join('|'));
	const longest = Math.max(
		1,
		...measures.flatMap((m) => [finite(m.minutes), finite(m.deadlineMinutes ?? null)])
	);
	const scale = TRACK_W / (longest * 1.04);
	const rows: string[] = [];
	let y = TOP;
	for (const m of measures) {
		const late = isLate(m);
		// A late row's label leaves room for the word LATE at its right.
		const lines = wrapLabel(m.label, late ? LABEL_CHARS - 12 : LABEL_CHARS, 2);
		const labelSvg = lines
			.map((line, i) => text(TRACK_X, y + LINE * (i + 1) - 3, line, { size: 13 }))
			.join('');
		const barY = y + lines.length * LINE + 4;
		let bar = `<rect x="${px(TRACK_X)}" y="${px(barY)}" width="${px(TRACK_W)}" height="${BAR}" fill="${palette.track}" shape-rendering="crispEdges"/>`;
		if (m.minutes != null && finite(m.minutes) > 0)
			bar += `<rect x="${px(TRACK_X)}" y="${px(barY)}" width="${px(Math.max(1, finite(m.minutes) * scale))}" height="${BAR}" fill="${late ? palette.late : palette.bar}" shape-rendering="crispEdges"/>`;
		if (m.minutes == null)
			bar += text(TRACK_X + 4, barY + BAR - 3, 'not done', { size: 11, fill: palette.muted });
		if (m.deadlineMinutes != null) {
			const x = TRACK_X + finite(m.deadlineMinutes) * scale;
			bar += `<rect x="${px(x - 1.5)}" y="${px(barY - 4)}" width="3" height="${BAR + 8}" fill="${palette.marker}" shape-rendering="crispEdges"/>`;
		}
		const taken = m.minutes == null ? '—' : formatDuration(m.minutes);
		const value =
			m.deadlineMinutes != null ? `${taken} / ${formatDuration(m.deadlineMinutes)}` : taken;
		const valueSvg =
			text(WIDTH - PAD, barY + BAR - 3, value, { size: 12, anchor: 'end' }) +
			(late
				? text(WIDTH - PAD, y + LINE - 3, m.minutes == null ? 'MISSED' : 'LATE', {
						size: 11,
						anchor: 'end',
						weight: 'bold',
						fill: palette.late
					})
				: '');
		rows.push(`<g><title>${escapeXml(spoken(m))}</title>${labelSvg}${bar}${valueSvg}</g>`);
		y = barY + BAR + ROW_GAP;
	}
	const bottom = measures.length ? y - ROW_GAP : TOP + 24;
	const empty = measures.length
		? ''
		: text(TRACK_X, TOP + 16, 'Nothing measured yet.', { size: 13, fill: palette.muted });
	const axis =
		text(TRACK_X, bottom + 16, '0', { size: 11, fill: palette.muted }) +
		text(TRACK_X + longest * 1.04 * scale, bottom + 16, formatDuration(longest * 1.04), {
			size: 11,
			anchor: 'end',
			fill: palette.muted
		});
	const legendY = bottom + 34;
	const legend =
		`<rect x="${px(TRACK_X)}" y="${px(legendY - 9)}" width="14" height="10" fill="${palette.bar}"/>` +
		text(TRACK_X + 18, legendY, 'time taken', { size: 11, fill: palette.muted }) +
		`<rect x="${px(TRACK_X + 88)}" y="${px(legendY - 11)}" width="3" height="14" fill="${palette.marker}"/>` +
		text(TRACK_X + 96, legendY, 'deadline', { size: 11, fill: palette.muted }) +
		`<rect x="${px(TRACK_X + 156)}" y="${px(legendY - 9)}" width="14" height="10" fill="${palette.late}"/>` +
		text(TRACK_X + 174, legendY, 'late (past the deadline)', { size: 11, fill: palette.muted });
	const lateCount = measures.filter(isLate).length;
	const desc =
		(measures.length ? measures.map((m) => spoken(m) + '.').join(' ') : 'Nothing measured yet.') +
		(measures.some((m) => m.deadlineMinutes != null)
			? ` ${lateCount} of ${measures.filter((m) => m.deadlineMinutes != null).length} with a deadline late or missed.`
			: '');
	return svgDocument({
		id,
		width: WIDTH,
		height: legendY + 8,
		title,
		desc,
		body: rows.join('') + empty + axis + legend
	});
}
