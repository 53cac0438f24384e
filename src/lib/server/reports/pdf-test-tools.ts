// Helpers for tests that check generated PDFs with poppler-utils and qpdf (installed in
// .ci/run). Test-only: nothing in the app imports this file.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes the bytes to a fresh temp folder; the tools read files, not stdin. */
function tempPdf(buf: Buffer): { dir: string; file: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-pdf-'));
	const file = path.join(dir, 'doc.pdf');
	fs.writeFileSync(file, buf);
	return { dir, file };
}

function withPdf<T>(buf: Buffer, fn: (file: string, dir: string) => T): T {
	const { dir, file } = tempPdf(buf);
	try {
		return fn(file, dir);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * The text of every page. Plain mode (the default) keeps reading order, so a sentence that
 * wraps inside a table cell comes out whole (after `normalizeSpace`); `layout` keeps columns.
 */
export function pdfText(buf: Buffer, options: { layout?: boolean } = {}): string {
	return withPdf(buf, (file) =>
		execFileSync(
			'pdftotext',
			[...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'],
			{
				encoding: 'utf8',
				maxBuffer: 64 * 1024 * 1024
			}
		)
	);
}

/** Collapses runs of white space (line breaks from wrapping) to single spaces. */
export function normalizeSpace(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Throws with qpdf's own output when `qpdf --check` finds a problem (warnings included). */
export function qpdfCheck(buf: Buffer): void {
	withPdf(buf, (file) => {
		const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
		// Exit 0: fine; 2: errors; 3: warnings only. Both of the latter fail the check.
		if (run.status !== 0) {
			throw new Error(`qpdf --check failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
		}
	});
}

interface QpdfOutline {
	title: string;
	kids?: QpdfOutline[];
}

/** Bookmark titles, depth first (a heading before its sub-headings). */
export function pdfOutline(buf: Buffer): string[] {
	const json = withPdf(buf, (file) =>
		execFileSync('qpdf', ['--json', '--json-key=outlines', file], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		})
	);
	const titles: string[] = [];
	const walk = (items: QpdfOutline[]) => {
		for (const item of items) {
			titles.push(item.title);
			walk(item.kids ?? []);
		}
	};
	walk((JSON.parse(json) as { outlines?: QpdfOutline[] }).outlines ?? []);
	return titles;
}

/** Number of pages, from pdfinfo. */
export function pdfPageCount(buf: Buffer): number {
	const info = withPdf(buf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
	const match = /^Pages:\s+(\d+)/m.exec(info);
	if (!match) throw new Error(`pdfinfo printed no page count:\n${info}`);
	return Number(match[1]);
}

/** pdfinfo's fields (Title, Author, Subject, Keywords, Pages, ...) as a record. */
export function pdfInfo(buf: Buffer): Record<string, string> {
	const info = withPdf(buf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
	const fields: Record<string, string> = {};
	for (const line of info.split('\n')) {
		const at = line.indexOf(':');
		if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
	}
	return fields;
}

/**
 * Renders pages to PNG files (kept, so a person can look at them) and returns their paths in
 * page order. `outDir` defaults to a new temp folder.
 */
export function renderPagesPng(
	buf: Buffer,
	options: { firstPage?: number; lastPage?: number; resolution?: number; outDir?: string } = {}
): string[] {
	const outDir = options.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-png-'));
	fs.mkdirSync(outDir, { recursive: true });
	const prefix = path.join(outDir, 'page');
	withPdf(buf, (file) => {
		execFileSync('pdftoppm', [
			'-png',
			'-r',
			String(options.resolution ?? 60),
			...(options.firstPage ? ['-f', String(options.firstPage)] : []),
			...(options.lastPage ? ['-l', String(options.lastPage)] : []),
			file,
			prefix
		]);
	});
	return fs
		.readdirSync(outDir)
		.filter((name) => name.startsWith('page-') && name.endsWith('.png'))
		.sort((a, b) => pageNumber(a) - pageNumber(b))
		.map((name) => path.join(outDir, name));
}

function pageNumber(name: string): number {
	return Number(/-(\d+)\.\w+$/.exec(name)?.[1] ?? 0);
}

/** Reads a binary PGM (P5, 8-bit), as pdftoppm -gray writes it. */
function readPgm(file: string): Uint8Array {
	const data = fs.readFileSync(file);
	// Header: "P5" width height maxval, separated by white space, then one byte of white space.
	let pos = 0;
	const fields: string[] = [];
	while (fields.length < 4) {
		while (/\s/.test(String.fromCharCode(data[pos]))) pos++;
		if (data[pos] === 0x23) {
			while (data[pos] !== 0x0a) pos++; // comment line
			continue;
		}
		let token = '';
		while (!/\s/.test(String.fromCharCode(data[pos]))) token += String.fromCharCode(data[pos++]);
		fields.push(token);
	}
	if (fields[0] !== 'P5' || Number(fields[3]) > 255) throw new Error(`Not an 8-bit PGM: ${file}`);
	return data.subarray(pos + 1);
}

/**
 * 0-based indexes of pages with nothing on them. The running header and footer count as
 * content, so `ignoreMargins` (fraction of the height, default 0.1 top and bottom) is cut
 * off first: a page with only a header and "Page n of m" is still blank.
 */
export function blankPageIndexes(buf: Buffer, options: { ignoreMargins?: number } = {}): number[] {
	const margin = options.ignoreMargins ?? 0.1;
	return withPdf(buf, (file, dir) => {
		const prefix = path.join(dir, 'g');
		execFileSync('pdftoppm', ['-gray', '-r', '20', file, prefix]);
		const pages = fs
			.readdirSync(dir)
			.filter((name) => name.startsWith('g-') && name.endsWith('.pgm'))
			.sort((a, b) => pageNumber(a) - pageNumber(b));
		const blank: number[] = [];
		pages.forEach((name, index) => {
			const header = fs.readFileSync(path.join(dir, name), 'latin1').slice(0, 40);
			const [, w, h] = /P5\s+(\d+)\s+(\d+)/.exec(header) ?? [];
			const width = Number(w);
			const height = Number(h);
			const pixels = readPgm(path.join(dir, name));
			const from = Math.floor(height * margin) * width;
			const to = Math.ceil(height * (1 - margin)) * width;
			let inked = false;
			for (let i = from; i < to && !inked; i++) if (pixels[i] < 250) inked = true;
			if (!inked) blank.push(index);
		});
		return blank;
	});
}
