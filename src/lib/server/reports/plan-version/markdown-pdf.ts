import type { Token, Tokens } from 'marked';
import { markdownTokens } from '../../markdown/render';
import type { ReportDocument } from '../document';
import { COLOR, FONT } from '../theme';
import { inlineRuns, PLAIN, plainText, type Run } from './markdown-inline';

// A plan section's markdown drawn into a report from the same tokens the HTML renderer reads
// (markdownTokens), so the PDF cannot show a structure the page does not. Raw HTML was never
// parsed into tags and prints as text; a token this file does not know prints its source.

const SIZE = 10;
const LINE_GAP = 2;
const CODE_SIZE = 8.5;
const CODE_PAD = 6;
const LIST_MARKER = 16;
const QUOTE_INDENT = 14;
const BULLETS = ['•', '◦', '▪'];

/** Where blocks go: a left edge and a width inside the text area (lists and quotes indent). */
type Box = { x: number; width: number };

export async function drawMarkdown(doc: ReportDocument, markdown: string): Promise<void> {
	await drawBlocks(doc, markdownTokens(markdown), { x: doc.left, width: doc.contentWidth }, 0);
	doc.resetFlow();
}

async function drawBlocks(doc: ReportDocument, tokens: Token[], box: Box, depth: number) {
	for (const token of tokens) {
		drawBlock(doc, token, box, depth);
		await doc.breathe();
	}
}

function drawBlock(doc: ReportDocument, token: Token, box: Box, depth: number) {
	const t = token as Tokens.Generic;
	switch (token.type) {
		case 'space':
		case 'def': // a link reference definition: its URL is on the link that uses it
			return;
		case 'paragraph':
			return drawRuns(doc, inlineRuns(t.tokens ?? []), box, 0.5);
		case 'text':
			// A tight list item's text.
			return drawRuns(doc, inlineRuns([token]), box, 0.15);
		case 'heading':
			return drawHeading(doc, token as Tokens.Heading, box, depth);
		case 'list':
			return drawList(doc, token as Tokens.List, box, depth);
		case 'blockquote':
			return drawQuote(doc, token as Tokens.Blockquote, box, depth);
		case 'code':
			return drawCode(doc, (token as Tokens.Code).text, box);
		case 'table':
			return drawTable(doc, token as Tokens.Table);
		case 'hr':
			return drawRule(doc, box);
		default:
			// Raw HTML (never parsed) and anything unknown: shown as written.
			return drawRuns(doc, inlineRuns([{ type: 'text', raw: t.raw, text: t.raw }]), box, 0.5);
	}
}

/** One paragraph of styled runs; `after` is the space below it, in lines. */
function drawRuns(doc: ReportDocument, runs: Run[], box: Box, after: number) {
	const lines: Run[][] = [[]];
	// pdfkit misplaces text after a newline inside a continued flow, so each hard line break
	// starts a flow of its own.
	for (const run of runs) {
		if (run.text === '\n') lines.push([]);
		else if (run.text) lines[lines.length - 1].push(run);
	}
	const drawn = lines.filter((line) => line.length);
	if (!drawn.length) return;
	const { pdf } = doc;
	pdf.font(FONT.regular).fontSize(SIZE);
	// A paragraph never starts on the last line of a page.
	doc.ensureSpace(2 * (pdf.currentLineHeight(true) + LINE_GAP));
	for (const line of drawn) drawFlow(doc, line, box);
	pdf.moveDown(after);
	pdf.x = box.x;
}

function drawFlow(doc: ReportDocument, runs: Run[], box: Box) {
	const { pdf } = doc;
	const y = pdf.y;
	runs.forEach((run, i) => {
		pdf.font(run.font).fontSize(SIZE).fillColor(run.color);
		// Every option is given each time: pdfkit carries unset ones over from the last run.
		const options = {
			width: box.width,
			lineGap: LINE_GAP,
			continued: i < runs.length - 1,
			link: run.link,
			underline: run.link !== null,
			strike: run.strike
		};
		if (i === 0) pdf.text(run.text, box.x, y, options);
		else pdf.text(run.text, options);
	});
}

function drawHeading(doc: ReportDocument, token: Tokens.Heading, box: Box, depth: number) {
	const text = plainText(token.tokens);
	// Plan sections are the level-2 bookmarks; headings inside a section stay out of the outline.
	if (depth === 0 && token.depth <= 2) {
		doc.heading(3, text);
		return;
	}
	const { pdf } = doc;
	pdf.font(FONT.bold).fontSize(SIZE);
	doc.ensureSpace(3 * pdf.currentLineHeight(true));
	pdf.moveDown(0.3);
	drawRuns(doc, inlineRuns(token.tokens, { ...PLAIN, font: FONT.bold }), box, 0.3);
}

function drawList(doc: ReportDocument, list: Tokens.List, box: Box, depth: number) {
	const { pdf } = doc;
	const first = typeof list.start === 'number' ? list.start : 1;
	const widest = `${first + list.items.length - 1}.`;
	pdf.font(FONT.regular).fontSize(SIZE);
	const markerWidth = list.ordered
		? Math.max(LIST_MARKER, pdf.widthOfString(widest) + 6)
		: LIST_MARKER;
	const inner = { x: box.x + markerWidth, width: box.width - markerWidth };
	list.items.forEach((item, i) => {
		pdf.font(FONT.regular).fontSize(SIZE).fillColor(COLOR.ink);
		doc.ensureSpace(2 * (pdf.currentLineHeight(true) + LINE_GAP));
		const marker = item.task
			? item.checked
				? '☑'
				: '☐'
			: list.ordered
				? `${first + i}.`
				: BULLETS[Math.min(depth, BULLETS.length - 1)];
		const y = pdf.y;
		pdf.text(marker, box.x, y, { width: markerWidth, lineBreak: false });
		pdf.y = y;
		// The checkbox is the marker; it is not repeated in the text.
		const blocks = item.tokens
			.filter((t) => t.type !== 'checkbox')
			.map((t) =>
				t.type === 'paragraph' || t.type === 'text'
					? { ...t, tokens: (t as Tokens.Paragraph).tokens?.filter((c) => c.type !== 'checkbox') }
					: t
			);
		for (const block of blocks) drawBlock(doc, block, inner, depth + 1);
	});
	pdf.moveDown(depth === 0 ? 0.4 : 0.1);
}

/** A quote indented behind a rule; the rule follows the quote across page breaks. */
function drawQuote(doc: ReportDocument, quote: Tokens.Blockquote, box: Box, depth: number) {
	const { pdf } = doc;
	const firstPage = currentPage(doc);
	const top = pdf.y;
	const inner = { x: box.x + QUOTE_INDENT, width: box.width - QUOTE_INDENT };
	for (const block of quote.tokens) drawBlock(doc, block, inner, depth + 1);
	const lastPage = currentPage(doc);
	const end = pdf.y - 4;
	for (let page = firstPage; page <= lastPage; page++) {
		pdf.switchToPage(page);
		const from = page === firstPage ? top : pdf.page.margins.top;
		const to = page === lastPage ? end : doc.bottom;
		pdf
			.lineWidth(2.5)
			.strokeColor(COLOR.rule)
			.moveTo(box.x + 3, from)
			.lineTo(box.x + 3, to)
			.stroke();
	}
	pdf.switchToPage(lastPage);
	pdf.y = end + 4;
	pdf.moveDown(0.3);
}

function currentPage(doc: ReportDocument) {
	const range = doc.pdf.bufferedPageRange();
	return range.start + range.count - 1;
}

/** A code block in the mono face on a shaded box, split at line ends across pages. */
function drawCode(doc: ReportDocument, code: string, box: Box) {
	const { pdf } = doc;
	const lines = code.replace(/\t/g, '    ').split('\n');
	const width = box.width - 2 * CODE_PAD;
	const options = { width, lineGap: 1 };
	pdf.font(FONT.mono).fontSize(CODE_SIZE);
	const lineHeight = pdf.currentLineHeight(true) + 1;
	let next = 0;
	while (next < lines.length) {
		const room = doc.bottom - pdf.y - 2 * CODE_PAD;
		if (room < 3 * lineHeight) {
			pdf.addPage();
			continue;
		}
		const chunk: string[] = [];
		let height = 0;
		while (next < lines.length) {
			const h = pdf.heightOfString(lines[next] || ' ', options);
			if (chunk.length && height + h > room) break;
			chunk.push(lines[next++]);
			height += h;
		}
		const y = pdf.y;
		pdf.rect(box.x, y, box.width, height + 2 * CODE_PAD).fill('#f3f5f8');
		pdf.fillColor(COLOR.ink).text(chunk.join('\n'), box.x + CODE_PAD, y + CODE_PAD, options);
		pdf.y = y + height + 2 * CODE_PAD;
		if (next < lines.length) pdf.addPage();
	}
	pdf.x = box.x;
	pdf.moveDown(0.6);
}

function drawTable(doc: ReportDocument, table: Tokens.Table) {
	const header = table.header.map((cell) => plainText(cell.tokens));
	const rows = table.rows.map((row) => row.map((cell) => plainText(cell.tokens)));
	// Wider columns for longer text, within limits, so no column is squeezed to a sliver.
	const columns = header.map((text, i) => {
		const longest = Math.max(text.length, ...rows.map((r) => (r[i] ?? '').length));
		return {
			header: text,
			width: Math.min(6, Math.max(1, Math.sqrt(longest))),
			align: table.align[i] ?? undefined
		};
	});
	doc.pdf.moveDown(0.2);
	doc.table({ columns, rows });
	doc.pdf.moveDown(0.2);
}

function drawRule(doc: ReportDocument, box: Box) {
	const { pdf } = doc;
	pdf.moveDown(0.3);
	pdf
		.lineWidth(0.75)
		.strokeColor(COLOR.rule)
		.moveTo(box.x, pdf.y)
		.lineTo(box.x + box.width, pdf.y)
		.stroke();
	pdf.moveDown(0.8);
}
