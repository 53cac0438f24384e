import type { ReportDocument } from './document';
import { COLOR, FONT } from './theme';

export type TableColumn = {
	header: string;
	/** Relative width (default 1): the columns share the text width in these proportions. */
	width?: number;
	align?: 'left' | 'right' | 'center';
};

export type TableSpec = { columns: TableColumn[]; rows: string[][] };

const PAD = 4;
const SIZE = 8.5;
const LINE_GAP = 1;

type Layout = { x: number[]; widths: number[] };

/** Rows drawn between two breaths of drawTableAsync. */
const ROWS_PER_BREATH = 20;

export function drawTable(doc: ReportDocument, spec: TableSpec) {
	const steps = tableSteps(doc, spec);
	while (!steps.next().done);
}

/**
 * The same table, letting other requests run every few rows: a register of hundreds of rows
 * is laid out for longer than the event loop may be held. Call doc.resetFlow() after it.
 */
export async function drawTableAsync(doc: ReportDocument, spec: TableSpec) {
	const steps = tableSteps(doc, spec);
	while (!steps.next().done) await doc.breathe();
}

/** Draws the table, pausing (yielding) every ROWS_PER_BREATH rows. */
function* tableSteps(doc: ReportDocument, spec: TableSpec): Generator<void> {
	const { pdf } = doc;
	const left = pdf.page.margins.left;
	const total = spec.columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
	const widths = spec.columns.map((c) => ((c.width ?? 1) / total) * doc.contentWidth);
	const x = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
	const layout: Layout = { x, widths };
	const headerCells = spec.columns.map((c) => c.header);

	const headerHeight = rowHeight(doc, layout, headerCells, FONT.bold);
	// The header never stands alone at the foot of a page.
	const firstRow = spec.rows[0] ? rowHeight(doc, layout, spec.rows[0], FONT.regular) : 0;
	doc.ensureSpace(headerHeight + Math.min(firstRow, 60));
	drawRow(doc, spec, layout, headerCells, headerHeight, 'header');

	for (const [index, cells] of spec.rows.entries()) {
		if (index > 0 && index % ROWS_PER_BREATH === 0) yield;
		let rest: string[] | null = cells;
		while (rest) {
			const height = rowHeight(doc, layout, rest, FONT.regular);
			const room = doc.bottom - pdf.y;
			if (height <= room) {
				drawRow(doc, spec, layout, rest, height, index % 2 ? 'odd' : 'even');
				rest = null;
				continue;
			}
			const fullPage = doc.bottom - pdf.page.margins.top - headerHeight;
			if (height <= fullPage || room < 3 * lineHeight(doc)) {
				newPageWithHeader(doc, spec, layout, headerCells, headerHeight);
				continue;
			}
			// Taller than the room left: print what fits and carry the rest to the next page.
			const [now, later] = splitRow(doc, layout, rest, room - 2 * PAD);
			drawRow(doc, spec, layout, now, room, index % 2 ? 'odd' : 'even');
			rest = later;
			if (rest) newPageWithHeader(doc, spec, layout, headerCells, headerHeight);
		}
	}
	pdf.y += 10;
}

function newPageWithHeader(
	doc: ReportDocument,
	spec: TableSpec,
	layout: Layout,
	headerCells: string[],
	headerHeight: number
) {
	doc.pdf.addPage();
	drawRow(doc, spec, layout, headerCells, headerHeight, 'header');
}

function lineHeight(doc: ReportDocument) {
	doc.pdf.font(FONT.regular).fontSize(SIZE);
	return doc.pdf.currentLineHeight(true) + LINE_GAP;
}

function textHeight(doc: ReportDocument, text: string, width: number) {
	return text ? doc.pdf.heightOfString(text, { width: width - 2 * PAD, lineGap: LINE_GAP }) : 0;
}

function rowHeight(doc: ReportDocument, layout: Layout, cells: string[], font: string) {
	doc.pdf.font(font).fontSize(SIZE);
	const heights = layout.widths.map((w, i) => textHeight(doc, cells[i] ?? '', w));
	return Math.max(lineHeight(doc), ...heights) + 2 * PAD;
}

/** Splits each cell at a word boundary (or, for one giant word, a character) to fit `height`. */
function splitRow(doc: ReportDocument, layout: Layout, cells: string[], height: number) {
	doc.pdf.font(FONT.regular).fontSize(SIZE);
	const now: string[] = [];
	const later: string[] = [];
	layout.widths.forEach((width, i) => {
		const text = cells[i] ?? '';
		const fits = (part: string) => textHeight(doc, part, width) <= height;
		// Each token keeps its trailing whitespace, so the parts join back to the original.
		let tokens = text.split(/(?<=\s)/);
		let count = longestFittingPrefix(tokens, fits);
		if (count === 0 && text) {
			tokens = Array.from(text);
			count = Math.max(1, longestFittingPrefix(tokens, fits));
		}
		now.push(tokens.slice(0, count).join('').trimEnd());
		later.push(tokens.slice(count).join(''));
	});
	return [now, later.some((c) => c !== '') ? later : null] as const;
}

function longestFittingPrefix(tokens: string[], fits: (part: string) => boolean) {
	let lo = 0;
	let hi = tokens.length;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (fits(tokens.slice(0, mid).join(''))) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

function drawRow(
	doc: ReportDocument,
	spec: TableSpec,
	layout: Layout,
	cells: string[],
	height: number,
	kind: 'header' | 'even' | 'odd'
) {
	const { pdf } = doc;
	const y = pdf.y;
	const left = layout.x[0];
	const width = doc.contentWidth;
	if (kind !== 'even') {
		pdf.rect(left, y, width, height).fill(kind === 'header' ? '#e4e9f1' : '#f6f7f9');
	}
	pdf
		.font(kind === 'header' ? FONT.bold : FONT.regular)
		.fontSize(SIZE)
		.fillColor(COLOR.ink);
	layout.widths.forEach((w, i) => {
		const text = cells[i] ?? '';
		if (!text) return;
		pdf.text(text, layout.x[i] + PAD, y + PAD, {
			width: w - 2 * PAD,
			lineGap: LINE_GAP,
			align: spec.columns[i].align ?? 'left'
		});
	});
	pdf.lineWidth(0.5).strokeColor(COLOR.rule);
	pdf
		.moveTo(left, y + height)
		.lineTo(left + width, y + height)
		.stroke();
	pdf.x = left;
	pdf.y = y + height;
}
