import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { ReportFonts } from './report-fonts';
import { drawTable, type TableSpec } from './table';
import { COLOR, FONT } from './theme';

export type { TableColumn, TableSpec } from './table';

export type DocumentMeta = {
	title: string;
	author: string;
	subject: string;
	keywords?: string;
	/** Printed in every page's header; the id of the report run that produced the bytes. */
	reportId: string;
	/** The report run's time: with the same inputs and this date the bytes are identical. */
	createdAt: Date;
};

export type HeadingLevel = 1 | 2 | 3;

type Heading = { level: HeadingLevel; text: string; pageIndex: number; destination: string };

const MARGINS = { top: 76, bottom: 64, left: 56, right: 56 };
const HEADING_SIZE: Record<HeadingLevel, number> = { 1: 17, 2: 13, 3: 11 };
const BODY_SIZE = 10;
const TOC_LINE_GAP = 5;
const BREATH_MS = 8;

/**
 * Renders a report: `build` lays out the content on a ReportDocument, then the table of
 * contents, running header and footer are filled in. The contents' pages are reserved before
 * the headings are known: the guess is what the same document needed last time, and if it
 * was wrong the document is laid out again with exactly the pages needed. The number needed
 * depends only on the headings, so the bytes never depend on the guess.
 */
export async function renderDocument(
	meta: DocumentMeta,
	fonts: ReportFonts,
	build: (doc: ReportDocument) => void | Promise<void>
): Promise<Buffer> {
	let tocPages = tocPagesLastTime.get(meta.title) ?? 1;
	for (;;) {
		const doc = new ReportDocument(meta, fonts, tocPages);
		await build(doc);
		const needed = doc.tocPagesNeeded();
		if (needed === tocPages || (needed === 0 && tocPages === 1)) {
			rememberTocPages(meta.title, tocPages);
			return doc.finish();
		}
		tocPages = Math.max(1, needed);
	}
}

// Parsing the four TrueType files took a quarter of an AAR's layout time: each set of font
// bytes is parsed once and shared. Every document still embeds its own subset (pdfkit's
// EmbeddedFont), and fontkit's caches only remember glyphs and layouts already computed.
const parsedFontCache = new WeakMap<ReportFonts, Record<keyof ReportFonts, Font>>();
function parsedFonts(fonts: ReportFonts) {
	let parsed = parsedFontCache.get(fonts);
	if (!parsed) {
		const parse = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as Font;
		parsed = {
			regular: parse(fonts.regular),
			bold: parse(fonts.bold),
			italic: parse(fonts.italic),
			mono: parse(fonts.mono)
		};
		parsedFontCache.set(fonts, parsed);
	}
	return parsed;
}

// A guess only (see renderDocument): bounded, oldest forgotten first.
const tocPagesLastTime = new Map<string, number>();
function rememberTocPages(title: string, pages: number) {
	tocPagesLastTime.delete(title);
	tocPagesLastTime.set(title, pages);
	if (tocPagesLastTime.size > 200) tocPagesLastTime.delete(tocPagesLastTime.keys().next().value!);
}

export class ReportDocument {
	readonly pdf: PDFKit.PDFDocument;
	private readonly headings: Heading[] = [];
	private toc: { firstPageIndex: number; pages: number } | null = null;
	private outlineParent: PDFKit.PDFOutline | null = null;
	private readonly chunks: Buffer[] = [];
	private lastBreath = performance.now();

	constructor(
		private readonly meta: DocumentMeta,
		fonts: ReportFonts,
		private readonly tocPages = 1
	) {
		const info: PDFKit.DocumentInfo = {
			Title: meta.title,
			Author: meta.author,
			Subject: meta.subject,
			Creator: 'Hotwash',
			Producer: 'Hotwash (PDFKit)',
			// pdfkit derives the trailer /ID from these fields (an MD5 of them), so a fixed date
			// makes the whole file reproducible.
			CreationDate: meta.createdAt,
			ModDate: meta.createdAt
		};
		// Uncompressed in the file: the verify page finds a changed copy's original by it.
		(info as Record<string, unknown>).HotwashReportId = meta.reportId;
		if (meta.keywords) info.Keywords = meta.keywords;
		this.pdf = new PDFDocument({
			size: 'A4',
			margins: MARGINS,
			bufferPages: true,
			displayTitle: true,
			lang: 'en-GB',
			info
		});
		this.pdf.on('data', (chunk: Buffer) => this.chunks.push(chunk));
		const parsed = parsedFonts(fonts);
		// pdfkit takes a parsed fontkit font as well as bytes (its font factory checks for
		// `layout`); its types know only the bytes.
		const register = (name: string, font: Font) =>
			this.pdf.registerFont(name, font as unknown as Buffer);
		register(FONT.regular, parsed.regular);
		register(FONT.bold, parsed.bold);
		register(FONT.italic, parsed.italic);
		register(FONT.mono, parsed.mono);
		this.pdf.font(FONT.regular).fontSize(BODY_SIZE).fillColor(COLOR.ink);
	}

	/** The left edge of the text area. */
	get left() {
		return MARGINS.left;
	}

	get contentWidth() {
		return this.pdf.page.width - MARGINS.left - MARGINS.right;
	}

	/** The bottom of the text area of the current page. */
	get bottom() {
		return this.pdf.page.height - MARGINS.bottom;
	}

	private get pageIndex() {
		const range = this.pdf.bufferedPageRange();
		return range.start + range.count - 1;
	}

	private atTopOfPage() {
		return this.pdf.y <= MARGINS.top + 0.5;
	}

	/**
	 * Lets other requests run: layout is synchronous, so a long document awaits this between
	 * sections and rows, and the event loop is never held for more than a few milliseconds.
	 */
	async breathe() {
		if (performance.now() - this.lastBreath < BREATH_MS) return;
		await new Promise((resolve) => setImmediate(resolve));
		this.lastBreath = performance.now();
	}

	pageBreak() {
		if (!this.atTopOfPage()) this.pdf.addPage();
	}

	/** Moves to a new page unless `height` points still fit on this one. */
	ensureSpace(height: number) {
		if (this.pdf.y + height > this.bottom) this.pdf.addPage();
	}

	/** The cover: title, subtitle and label/value lines, on a page of its own. */
	titlePage(cover: { title: string; subtitle?: string; details: [string, string][] }) {
		const { pdf } = this;
		pdf.y = pdf.page.height * 0.28;
		pdf.font(FONT.bold).fontSize(26).fillColor(COLOR.accent);
		pdf.text(cover.title, MARGINS.left, pdf.y, { width: this.contentWidth });
		if (cover.subtitle) {
			pdf.moveDown(0.4).font(FONT.regular).fontSize(14).fillColor(COLOR.muted);
			pdf.text(cover.subtitle, { width: this.contentWidth });
		}
		pdf.moveDown(2);
		for (const [label, value] of cover.details) {
			const y = pdf.y;
			pdf.font(FONT.bold).fontSize(BODY_SIZE).fillColor(COLOR.muted);
			pdf.text(label, MARGINS.left, y, { width: 130 });
			const labelBottom = pdf.y;
			pdf.font(FONT.regular).fillColor(COLOR.ink);
			pdf.text(value, MARGINS.left + 140, y, { width: this.contentWidth - 140 });
			pdf.y = Math.max(pdf.y, labelBottom) + 4;
		}
		this.resetFlow();
		pdf.addPage();
	}

	/** Reserves the contents page(s) here; the entries are written when the document ends. */
	tableOfContents() {
		this.pageBreak();
		this.toc = { firstPageIndex: this.pageIndex, pages: this.tocPages };
		for (let i = 1; i < this.tocPages; i++) this.pdf.addPage();
		this.pdf.addPage();
	}

	/** A heading; levels 1 and 2 become bookmarks (PDF outline) and contents entries. */
	heading(level: HeadingLevel, text: string) {
		const { pdf } = this;
		const size = HEADING_SIZE[level];
		if (level === 1 && this.headings.length > 0) this.pageBreak();
		else if (!this.atTopOfPage()) pdf.moveDown(level === 2 ? 0.8 : 0.5);
		pdf.font(FONT.bold).fontSize(size);
		const height = pdf.heightOfString(text, { width: this.contentWidth });
		// Keep the heading with a few lines of what follows it.
		this.ensureSpace(height + 4 * pdf.currentLineHeight(true));
		const destination = `section-${this.headings.length + 1}`;
		this.headings.push({ level, text, pageIndex: this.pageIndex, destination });
		if (level === 1) {
			// pdfkit's addItem does not merge its defaults, so `fit` must be passed with `expanded`.
			const options = { expanded: true, fit: true };
			this.outlineParent = pdf.outline.addItem(text, options);
		} else if (level === 2) {
			(this.outlineParent ?? pdf.outline).addItem(text);
		}
		pdf.fillColor(level === 1 ? COLOR.accent : COLOR.ink);
		pdf.text(text, MARGINS.left, pdf.y, { width: this.contentWidth, destination });
		pdf.moveDown(level === 1 ? 0.5 : 0.3);
		this.resetFlow();
	}

	paragraph(text: string, style: 'body' | 'italic' | 'mono' | 'muted' = 'body') {
		const { pdf } = this;
		const font = style === 'italic' ? FONT.italic : style === 'mono' ? FONT.mono : FONT.regular;
		pdf.font(font).fontSize(style === 'mono' ? 9 : BODY_SIZE);
		pdf.fillColor(style === 'muted' ? COLOR.muted : COLOR.ink);
		pdf.text(text, MARGINS.left, pdf.y, { width: this.contentWidth, lineGap: 2 });
		pdf.moveDown(0.6);
		this.resetFlow();
	}

	/** Label and value pairs, one per line (an overview, a sign-off record). */
	keyValues(pairs: [string, string][], labelWidth = 150) {
		const { pdf } = this;
		for (const [label, value] of pairs) {
			pdf.font(FONT.regular).fontSize(BODY_SIZE);
			const valueHeight = pdf.heightOfString(value || '—', {
				width: this.contentWidth - labelWidth,
				lineGap: 1
			});
			this.ensureSpace(Math.min(valueHeight, 60) + 4);
			const y = pdf.y;
			pdf.font(FONT.bold).fillColor(COLOR.muted);
			pdf.text(label, MARGINS.left, y, { width: labelWidth - 10 });
			const labelBottom = pdf.y;
			pdf.font(FONT.regular).fillColor(COLOR.ink);
			pdf.text(value || '—', MARGINS.left + labelWidth, y, {
				width: this.contentWidth - labelWidth,
				lineGap: 1
			});
			pdf.y = Math.max(pdf.y, labelBottom) + 3;
		}
		pdf.moveDown(0.4);
		this.resetFlow();
	}

	/** A bulleted (or numbered) list; items wrap under their own text. */
	bullets(items: string[], options: { numbered?: boolean; indent?: number } = {}) {
		const { pdf } = this;
		const indent = options.indent ?? 0;
		items.forEach((item, i) => {
			pdf.font(FONT.regular).fontSize(BODY_SIZE).fillColor(COLOR.ink);
			const marker = options.numbered ? `${i + 1}.` : '•';
			const left = MARGINS.left + indent;
			const width = this.contentWidth - indent - 16;
			this.ensureSpace(Math.min(pdf.heightOfString(item, { width, lineGap: 2 }), 40));
			const y = pdf.y;
			pdf.text(marker, left, y, { width: 14 });
			pdf.text(item, left + 16, y, { width, lineGap: 2 });
			pdf.moveDown(0.25);
		});
		pdf.moveDown(0.4);
		this.resetFlow();
	}

	/** A table that breaks across pages, repeating its header row; cell text wraps. */
	table(spec: TableSpec) {
		drawTable(this, spec);
		this.resetFlow();
	}

	/** How many pages the contents need, laid out as finish() will write them. */
	tocPagesNeeded() {
		if (!this.toc) return 0;
		return (this.layoutToc().at(-1)?.page ?? 0) + 1;
	}

	/** Writes the contents, the header and footer of every page, and returns the file. */
	finish(): Promise<Buffer> {
		const { pdf } = this;
		const done = new Promise<Buffer>((resolve, reject) => {
			pdf.on('end', () => resolve(Buffer.concat(this.chunks)));
			pdf.on('error', reject);
		});
		this.writeToc();
		const range = pdf.bufferedPageRange();
		for (let i = 0; i < range.count; i++) {
			pdf.switchToPage(range.start + i);
			this.writeRunningHeader(i + 1, range.count);
		}
		pdf.end();
		return done;
	}

	/** Back to the left margin in body text (after drawing on `pdf` directly). */
	resetFlow() {
		this.pdf.x = MARGINS.left;
		this.pdf.font(FONT.regular).fontSize(BODY_SIZE).fillColor(COLOR.ink);
	}

	private tocEntries() {
		return this.headings.filter((h) => h.level <= 2);
	}

	/** Positions of the contents lines: page offset within the reserved pages, y and height. */
	private layoutToc() {
		const { pdf } = this;
		const titleBottom = MARGINS.top + 36;
		let page = 0;
		let y = titleBottom;
		pdf.font(FONT.regular).fontSize(BODY_SIZE);
		return this.tocEntries().map((entry) => {
			const indent = entry.level === 2 ? 16 : 0;
			const height =
				pdf.heightOfString(entry.text, { width: this.contentWidth - indent - 40 }) + TOC_LINE_GAP;
			if (y + height > this.bottom) {
				page++;
				y = MARGINS.top;
			}
			const line = { entry, page, y, indent };
			y += height;
			return line;
		});
	}

	private writeToc() {
		if (!this.toc) return;
		const { pdf } = this;
		const start = this.toc.firstPageIndex;
		pdf.switchToPage(start);
		pdf.font(FONT.bold).fontSize(HEADING_SIZE[1]).fillColor(COLOR.accent);
		pdf.text('Contents', MARGINS.left, MARGINS.top, { width: this.contentWidth });
		for (const { entry, page, y, indent } of this.layoutToc()) {
			pdf.switchToPage(start + page);
			const bold = entry.level === 1;
			pdf
				.font(bold ? FONT.bold : FONT.regular)
				.fontSize(BODY_SIZE)
				.fillColor(COLOR.ink);
			pdf.text(entry.text, MARGINS.left + indent, y, {
				width: this.contentWidth - indent - 40,
				goTo: entry.destination
			});
			pdf.text(String(entry.pageIndex + 1), MARGINS.left, y, {
				width: this.contentWidth,
				align: 'right',
				goTo: entry.destination
			});
		}
	}

	private writeRunningHeader(pageNumber: number, pageCount: number) {
		const { pdf, meta } = this;
		const page = pdf.page;
		const width = this.contentWidth;
		// Text in the margins must not make pdfkit start a new page.
		const saved = { ...page.margins };
		page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
		pdf.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
		const headerY = MARGINS.top - 36;
		const lineHeight = pdf.currentLineHeight(true);
		pdf.text(meta.title, MARGINS.left, headerY, {
			width: width * 0.65,
			height: lineHeight,
			ellipsis: true
		});
		pdf.text(`Report ${meta.reportId}`, MARGINS.left, headerY, { width, align: 'right' });
		const footerY = page.height - MARGINS.bottom + 22;
		// The report id goes in the footer too: it is what a reader quotes with a page number.
		pdf.text(meta.subject, MARGINS.left, footerY, {
			width: width * 0.55,
			height: lineHeight,
			ellipsis: true
		});
		pdf.text(
			`Report ${meta.reportId} · Page ${pageNumber} of ${pageCount}`,
			MARGINS.left,
			footerY,
			{
				width,
				align: 'right'
			}
		);
		pdf.lineWidth(0.5).strokeColor(COLOR.rule);
		pdf
			.moveTo(MARGINS.left, headerY + lineHeight + 4)
			.lineTo(MARGINS.left + width, headerY + lineHeight + 4)
			.stroke();
		pdf
			.moveTo(MARGINS.left, footerY - 6)
			.lineTo(MARGINS.left + width, footerY - 6)
			.stroke();
		page.margins = saved;
	}
}
