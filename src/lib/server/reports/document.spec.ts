import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocument, type DocumentMeta } from './document';
import { loadReportFonts } from './report-fonts';

const meta: DocumentMeta = {
	title: 'After-action report: Ransomware at the regional hospital',
	author: 'Łukasz Nowak',
	subject: 'After-action report and improvement plan',
	reportId: 'R-2026-0042',
	createdAt: new Date('2026-03-12T09:30:00Z')
};

const people = ['Łukasz Nowak', 'Søren Kierkegaard', 'Zoë Martin', 'Ana Núñez', 'Jürgen Groß'];
const lorem =
	'The team confirmed the encryption on the file servers within twenty minutes, isolated the ' +
	'affected segment and informed the incident commander, who declared a SEV1 incident.';

function sample() {
	return renderDocument(meta, loadReportFonts(), (doc) => {
		doc.titlePage({
			title: meta.title,
			subtitle: meta.subject,
			details: [
				['Exercise date', '12 March 2026'],
				['Facilitator', 'Søren Kierkegaard'],
				['Plan version tested', 'v1.2 (approved by Zoë Martin)']
			]
		});
		doc.tableOfContents();
		doc.heading(1, 'Executive summary');
		for (let i = 0; i < 4; i++) doc.paragraph(lorem);
		doc.heading(2, 'Strengths');
		doc.paragraph(`Observed by ${people.join(', ')}.`);
		doc.heading(1, 'Appendix A: Improvement plan');
		doc.table({
			columns: [
				{ header: '#', width: 0.4, align: 'right' },
				{ header: 'Corrective action', width: 3 },
				{ header: 'Owner', width: 1.4 },
				{ header: 'Due', width: 1 }
			],
			rows: Array.from({ length: 70 }, (_, i) => [
				String(i + 1),
				i % 7 === 3 ? `${lorem} ${lorem} ${lorem}` : `Action ${i + 1}: ${lorem.slice(0, 60)}`,
				people[i % people.length],
				'2026-06-30'
			])
		});
		doc.heading(1, 'Appendix B: Participants');
		doc.paragraph(people.join('\n'));
	});
}

let dir: string;
let first: Buffer;
let file: string;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-report-'));
	first = await sample();
	file = path.join(dir, 'sample.pdf');
	fs.writeFileSync(file, first);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const text = () => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('report document', () => {
	it('prints Unicode names in the embedded font', () => {
		const out = text();
		for (const name of ['Łukasz Nowak', 'Søren Kierkegaard', 'Zoë Martin', 'Jürgen Groß']) {
			expect(out).toContain(name);
		}
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
		expect(fonts).toMatch(/DejaVuSans\s.*yes\s+yes/);
	});

	it('numbers every page and repeats the running header', () => {
		const pages = Number(
			/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]
		);
		expect(pages).toBeGreaterThanOrEqual(3);
		const out = text()
			.split('\f')
			.filter((p) => p.trim());
		expect(out).toHaveLength(pages);
		out.forEach((page, i) => {
			expect(page).toContain(`Report R-2026-0042 · Page ${i + 1} of ${pages}`);
		});
	});

	it('repeats the table header on every page the table spans', () => {
		const pages = text().split('\f');
		const withRows = pages.filter((p) => /Action \d+:/.test(p));
		expect(withRows.length).toBeGreaterThanOrEqual(2);
		for (const page of withRows) expect(page).toMatch(/#\s+Corrective action\s+Owner\s+Due/);
	});

	it('lists the headings in the contents with their pages, and as bookmarks', () => {
		const pages = text().split('\f');
		const contents = pages[1];
		const appendixPage =
			pages.findIndex((p, i) => i > 1 && /^\s*Appendix A: Improvement plan/m.test(p)) + 1;
		expect(contents).toMatch(new RegExp(`Appendix A: Improvement plan\\s+${appendixPage}\\b`));
		const raw = first.toString('latin1');
		expect(raw).toContain('/Outlines');
	});

	it('writes the document metadata', () => {
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		expect(info).toMatch(/Title:\s+After-action report: Ransomware/);
		expect(info).toMatch(/Author:\s+Łukasz Nowak/);
		expect(info).toMatch(/Subject:\s+After-action report and improvement plan/);
		expect(info).toMatch(/CreationDate:.*2026/);
	});

	it('passes qpdf --check', () => {
		const out = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
		expect(out).toContain('No syntax or stream encoding errors found');
	});

	it('gives the same bytes for the same input', async () => {
		const second = await sample();
		expect(second.equals(first)).toBe(true);
	});

	it('gives contents of several pages the same bytes whatever the reserved pages were', async () => {
		const many = (title: string) =>
			renderDocument({ ...meta, title }, loadReportFonts(), (doc) => {
				doc.tableOfContents();
				for (let i = 1; i <= 120; i++) {
					doc.heading(i % 4 === 1 ? 1 : 2, `Section ${i}: what the team did at step ${i}`);
					doc.paragraph(lorem);
				}
			});
		// The first render guesses one page and lays out again; the second starts from the
		// pages it needed, so it takes one pass; the bytes are the same.
		const cold = await many('Plan with many sections');
		const warm = await many('Plan with many sections');
		expect(warm.equals(cold)).toBe(true);
		const contents = execFileSync('pdftotext', ['-f', '1', '-l', '4', '-', '-'], {
			input: cold,
			encoding: 'utf8'
		});
		expect(contents).toMatch(/Section 120: what the team did at step 120\s+\d+/);
	});
});
