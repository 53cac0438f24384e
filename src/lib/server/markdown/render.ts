import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Markdown from users becomes HTML in two steps: marked renders, then sanitize-html keeps
// only an allow-list. Everything a reader sees (pages, previews, PDFs) goes through here,
// so a preview shows exactly what readers will get.

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
	allowedSchemes: ['http', 'https', 'mailto', 'tel'],
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

export function renderMarkdown(markdown: string): string {
	const html = marked.parse(markdown) as string;
	return sanitizeHtml(html, allowed);
}
