import type { Token } from 'marked';
import { LINK_SCHEMES } from '../../markdown/render';
import { COLOR, FONT } from '../theme';

// Inline markdown (bold, italic, code, links) as runs of styled text, drawn with pdfkit's
// `continued: true` so one paragraph wraps as one text flow.

export type Run = {
	text: string;
	font: string;
	color: string;
	/** A followable URL (allowed scheme only), written as a link annotation. */
	link: string | null;
	strike: boolean;
};

type Style = Omit<Run, 'text'>;

export const PLAIN: Style = { font: FONT.regular, color: COLOR.ink, link: null, strike: false };

/** The URL when its scheme is one readers may follow (as in the HTML sanitizer), else null. */
export function safeHref(href: string): string | null {
	const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
	return scheme && (LINK_SCHEMES as readonly string[]).includes(scheme) ? href.trim() : null;
}

// marked passes named entities through for the HTML to resolve; the PDF resolves the common
// ones itself and prints any other as typed.
const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	copy: '©',
	reg: '®',
	trade: '™',
	mdash: '—',
	ndash: '–',
	hellip: '…',
	euro: '€',
	pound: '£',
	sect: '§',
	deg: '°',
	times: '×',
	rarr: '→',
	larr: '←'
};

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code =
				name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name.toLowerCase()] ?? whole;
	});
}

type InlineToken = Token & { tokens?: Token[]; text?: string; href?: string; checked?: boolean };

/** The styled runs of inline tokens; every token leaves its text (unknown ones their source). */
export function inlineRuns(tokens: Token[], style: Style = PLAIN): Run[] {
	const runs: Run[] = [];
	const push = (text: string, s: Style) => {
		if (text) runs.push({ text, ...s });
	};
	for (const token of tokens as InlineToken[]) {
		switch (token.type) {
			case 'text':
				if (token.tokens?.length) runs.push(...inlineRuns(token.tokens, style));
				// A line break inside a paragraph is a space (a hard break is its own token).
				else push(decodeEntities(token.text ?? '').replace(/\n/g, ' '), style);
				break;
			case 'escape':
				push(token.text ?? '', style);
				break;
			case 'strong':
				runs.push(...inlineRuns(token.tokens ?? [], { ...style, font: FONT.bold }));
				break;
			case 'em':
				// No bold-oblique face is embedded: bold wins inside bold.
				runs.push(
					...inlineRuns(token.tokens ?? [], {
						...style,
						font: style.font === FONT.bold ? FONT.bold : FONT.italic
					})
				);
				break;
			case 'del':
				runs.push(...inlineRuns(token.tokens ?? [], { ...style, strike: true }));
				break;
			case 'codespan':
				push((token.text ?? '').replace(/\n/g, ' '), { ...style, font: FONT.mono });
				break;
			case 'br':
				push('\n', style);
				break;
			case 'link': {
				const href = safeHref(token.href ?? '');
				const linked = href ? { ...style, link: href, color: COLOR.accent } : style;
				runs.push(...inlineRuns(token.tokens ?? [], linked));
				break;
			}
			case 'image':
				// The HTML drops images (tracking, data: URLs); the PDF says one was there.
				push(`[image: ${token.text || token.href}]`, { ...style, color: COLOR.muted });
				break;
			case 'checkbox':
				push(token.checked ? '☑ ' : '☐ ', style);
				break;
			default:
				push(token.raw, style);
		}
	}
	return runs;
}

/** The text of inline tokens without styling: for table cells, headings and bookmarks. */
export function plainText(tokens: Token[]): string {
	return inlineRuns(tokens)
		.map((r) => r.text)
		.join('')
		.replace(/\n/g, ' ');
}
