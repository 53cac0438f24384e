import type { PlanContent, Section } from '../../plans/content';
import { keyFromTitle, planContentSchema, sectionNumbers } from '../../plans/content';
import { PlanRuleError } from './errors';
import {
	closes,
	MarkdownLineError,
	MATRIX_MARKER,
	matrixFromMarkdown,
	matrixToMarkdown,
	SCALE_MARKER,
	scaleFromMarkdown,
	scaleToMarkdown,
	type Line
} from './markdown-io-matrix';

export const MAX_IMPORT_BYTES = 1_000_000;

type RawSection = {
	title: string;
	level: 1 | 2;
	heading: number;
	lines: Line[];
	fenced: boolean[];
};

function decode(file: { name: string; bytes: Uint8Array }): string {
	if (file.bytes.length === 0) throw new PlanRuleError(`${file.name} is empty.`, 400, 'file');
	if (file.bytes.length > MAX_IMPORT_BYTES)
		throw new PlanRuleError(
			`${file.name} is larger than 1 MB; split the plan or trim it.`,
			400,
			'file'
		);
	if (file.bytes.includes(0))
		throw new PlanRuleError(
			`${file.name} is not a text file (it contains binary data).`,
			400,
			'file'
		);
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
		return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	} catch {
		throw new PlanRuleError(`${file.name} is not UTF-8 text.`, 400, 'file');
	}
}

/** Which lines belong to a fenced code block (fences included), as CommonMark closes them. */
function fencedLines(lines: string[]): boolean[] {
	let open: string | null = null;
	return lines.map((line) => {
		if (open) {
			if (closes(open, line)) open = null;
			return true;
		}
		const m = /^ {0,3}(~{3,}|`{3,})(.*)$/.exec(line);
		if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
			open = m[1];
			return true;
		}
		return false;
	});
}

/**
 * Splits a markdown document at its `#` and `##` headings (outside code blocks). Text before
 * the first heading becomes an "Introduction" section; deeper headings stay in the body.
 */
function split(text: string): RawSection[] {
	const lines = text.split('\n');
	const fenced = fencedLines(lines);
	const out: RawSection[] = [];
	const preamble: RawSection = {
		title: 'Introduction',
		level: 1,
		heading: 1,
		lines: [],
		fenced: []
	};
	lines.forEach((text, i) => {
		const heading = fenced[i] ? null : /^(#{1,2})\s+(.+?)\s*#*\s*$/.exec(text);
		if (heading) {
			// A leading section number is dropped: "2.1 Escalation" -> "Escalation" (numbers are derived).
			const title = heading[2].replace(/^\d+(\.\d+)*\.?\s+/, '').slice(0, 200);
			out.push({ title, level: heading[1].length as 1 | 2, heading: i + 1, lines: [], fenced: [] });
			return;
		}
		const current = out[out.length - 1] ?? preamble;
		current.lines.push({ text, no: i + 1 });
		current.fenced.push(fenced[i]);
	});
	const intro = preamble.lines
		.map((l) => l.text)
		.join('\n')
		.replace(/<!--[\s\S]*?-->/g, '')
		.trim();
	return intro && out.length ? [preamble, ...out] : out;
}

const bodyOf = (s: RawSection) =>
	s.lines
		.map((l) => l.text)
		.join('\n')
		.trim();

/** The marker of a data part (severity scale, matrix) written under its heading, if any. */
function markerOf(s: RawSection): string | null {
	if (s.level !== 1) return null;
	const first = s.lines.find((l) => l.text.trim())?.text.trim() ?? '';
	return [SCALE_MARKER, MATRIX_MARKER].find((m) => first.startsWith(m)) ?? null;
}

type ParsedDocument = {
	sections: Section[];
	sectionLines: number[];
	scale: ReturnType<typeof scaleFromMarkdown> | null;
	matrix: ReturnType<typeof matrixFromMarkdown> | null;
};

function parse(file: { name: string; bytes: Uint8Array }): ParsedDocument {
	const raw = split(decode(file));
	const doc: ParsedDocument = { sections: [], sectionLines: [], scale: null, matrix: null };
	const taken = new Set<string>();
	try {
		for (const s of raw) {
			const marker = markerOf(s);
			if (marker === SCALE_MARKER) doc.scale = scaleFromMarkdown(s.lines, s.fenced);
			else if (marker === MATRIX_MARKER) doc.matrix = matrixFromMarkdown(s.lines, s.fenced);
			else {
				const key = keyFromTitle(s.title, taken);
				taken.add(key);
				doc.sections.push({ key, title: s.title, level: s.level, body: bodyOf(s) });
				doc.sectionLines.push(s.heading);
			}
		}
	} catch (e) {
		if (e instanceof MarkdownLineError)
			throw new PlanRuleError(`${file.name}, line ${e.line}: ${e.message}`, 400, 'file');
		throw e;
	}
	if (doc.sections.length === 0)
		throw new PlanRuleError(
			`${file.name} has no headings; start each section with "# Title" or "## Title".`,
			400,
			'file'
		);
	if (doc.sections.length > 500)
		throw new PlanRuleError(`${file.name} has more than 500 sections.`, 400, 'file');
	return doc;
}

/** The sections of a markdown document; an exported severity scale and matrix are left out. */
export function sectionsFromMarkdown(file: { name: string; bytes: Uint8Array }): Section[] {
	return parse(file).sections;
}

/**
 * A whole plan from markdown: its sections, and the severity scale and matrix when the file
 * carries them (as exported); otherwise those of `base`. Every mistake names its line.
 */
export function planFromMarkdown(
	file: { name: string; bytes: Uint8Array },
	base: Pick<PlanContent, 'severityScale' | 'matrix'>
): PlanContent {
	const doc = parse(file);
	const content = {
		sections: doc.sections,
		severityScale: doc.scale?.levels ?? base.severityScale,
		matrix: doc.matrix?.rows ?? base.matrix
	};
	const parsed = planContentSchema.safeParse(content);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const [part, index] = issue.path as [string, number];
	const lines =
		part === 'sections'
			? doc.sectionLines
			: part === 'matrix'
				? doc.matrix?.lineOf
				: doc.scale?.lineOf;
	const line = lines?.[index];
	const where = line ? `${file.name}, line ${line}` : file.name;
	throw new PlanRuleError(`${where}: ${issue.path.join('.')}: ${issue.message}`, 400, 'file');
}

/** The plan as one markdown document: numbered sections, then the severity scale and matrix. */
export function contentToMarkdown(
	title: string,
	versionLabel: string,
	content: PlanContent
): string {
	const numbers = sectionNumbers(content.sections);
	const out: string[] = [`<!-- ${title.replace(/--/g, '—')}, version ${versionLabel} -->`, ''];
	content.sections.forEach((s, i) => {
		out.push(`${s.level === 1 ? '#' : '##'} ${numbers[i]} ${s.title}`, '', s.body, '');
	});
	out.push(...scaleToMarkdown(content.severityScale));
	out.push(
		...matrixToMarkdown(
			content.matrix,
			content.severityScale.map((l) => l.id)
		)
	);
	return out.join('\n').trimEnd() + '\n';
}
