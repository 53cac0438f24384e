import { Marked, type TokensList } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Markdown from users is read once into marked's tokens; the HTML renderer (marked's parser,
// then sanitize-html's allow-list) and the PDF reports both draw from those tokens, so a
// page, a preview and a PDF show the same structure.

const marked = new Marked({ gfm: true, breaks: false, async: false });
// Raw HTML in a plan is shown as the text it is, never parsed: an unclosed raw-text element
// (<textarea>, <style>, <xmp>, <!--) would otherwise swallow the rest of the section. A
// tokenizer that answers undefined (not false, which falls back) recognises nothing, so the
// markup stays in the paragraph as escaped text and the markdown after it renders as usual.
marked.use({
	tokenizer: {
		html: () => undefined,
		tag: () => undefined
	}
});

/** Link schemes a reader may follow; anything else (javascript:, data:, …) stays text. */
export const LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const;

const allowed: sanitizeHtml.IOptions = {
	allowedTags: [
		'h1',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'p',
		'br',
		'hr',
		'blockquote',
		'pre',
		'code',
		'ul',
		'ol',
		'li',
		'strong',
		'em',
		'del',
		's',
		'a',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'sup',
		'sub',
		'kbd',
		'input'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel', 'target'],
		th: ['align'],
		td: ['align'],
		ol: ['start'],
		input: ['type', 'checked', 'disabled']
	},
	// No javascript:, data:, vbscript: or anything else that runs.
	allowedSchemes: [...LINK_SCHEMES],
	allowedSchemesByTag: {},
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
		// Task-list checkboxes only, never a live form control.
		input: (_tag, attribs) =>
			attribs.type === 'checkbox'
				? {
						tagName: 'input',
						attribs: {
							type: 'checkbox',
							disabled: '',
							...(attribs.checked !== undefined ? { checked: '' } : {})
						}
					}
				: { tagName: 'span', attribs: {} }
	}
};

/** The block tokens of a markdown text, as both the HTML and the PDF renderers read them. */
export function markdownTokens(markdown: string): TokensList {
	return marked.lexer(markdown);
}

export function renderMarkdown(markdown: string): string {
	const html = marked.parser(markdownTokens(markdown));
	return boxTables(sanitizeHtml(html, allowed));
}

/**
 * Each table in its own scroll box (src/app.css .table-wrap), so that a wide table scrolls
 * there instead of widening the page on a phone; focusable and named by its column headings
 * so that keyboard and screen reader users can reach and scroll it. Runs on sanitised HTML,
 * where every `<table>` is markdown's (raw HTML in the source is escaped, never parsed).
 */
function boxTables(html: string): string {
	return html.replace(/<table>([\s\S]*?)<\/table>/g, (_all, inner: string) => {
		const headings = [...inner.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)]
			.map((m) => m[1].replace(/<[^>]*>/g, '').trim())
			.filter(Boolean);
		const named = headings.length ? `Table: ${headings.join(', ')}` : 'Table';
		const label = (named.length > 100 ? `${named.slice(0, 99)}…` : named).replace(/"/g, '&quot;');
		return `<div class="table-wrap" tabindex="0" role="region" aria-label="${label}"><table>${inner}</table></div>`;
	});
}
