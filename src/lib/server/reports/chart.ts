import SVGtoPDF from 'svg-to-pdfkit';
import type { ReportDocument } from './document';
import { FONT } from './theme';

// The results page's SVG charts, drawn into a report as vectors (paths and text, not a
// picture): sharp when printed or zoomed, and their labels stay searchable text. The charts
// use attributes only (see charts/svg.ts), which is what svg-to-pdfkit understands.

const viewBoxOf = (svg: string) => {
	const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
	if (!match) throw new Error('A report chart needs a viewBox');
	return { width: Number(match[1]), height: Number(match[2]) };
};

/** Draws the chart at the text width (or `maxWidth`), on a new page if it does not fit. */
export function drawChart(doc: ReportDocument, svg: string, options: { maxWidth?: number } = {}) {
	const { pdf } = doc;
	const box = viewBoxOf(svg);
	const width = Math.min(options.maxWidth ?? doc.contentWidth, doc.contentWidth);
	// A tall chart is scaled down to one page rather than cut.
	const pageRoom = doc.bottom - pdf.page.margins.top;
	const height = Math.min((box.height / box.width) * width, pageRoom);
	const drawnWidth = (box.width / box.height) * height;
	doc.ensureSpace(height + 8);
	const y = pdf.y;
	SVGtoPDF(pdf, svg, doc.left, y, {
		width: drawnWidth,
		height,
		preserveAspectRatio: 'xMinYMin meet',
		// Every chart font becomes the embedded DejaVu, so names print whatever their script.
		fontCallback: (_family: string, bold: boolean) => (bold ? FONT.bold : FONT.regular)
	});
	pdf.y = y + height + 8;
	doc.resetFlow();
}
