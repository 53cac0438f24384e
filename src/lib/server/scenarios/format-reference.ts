// Bundled into the server at build time, so the built app (run from its build folder, or from
// a copy without the source tree) serves the reference that matches its own validator.
import readme from '../../../../scenarios/README.md?raw';
import { renderMarkdown } from '../markdown/render';

// The scenario format reference (scenarios/README.md), served by the app so that whoever
// writes a scenario can read it in a browser. It is rendered once, on first use.

/** A heading's anchor as GitHub makes it, so the README's own `#…` links work in the app. */
export function headingSlug(text: string): string {
	return text
		.replace(/<[^>]*>/g, '')
		.replace(/&[a-z]+;|&#\d+;/g, '')
		.toLowerCase()
		.trim()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

/**
 * Ids on the headings, in-page links that stay in the page (the renderer opens links in a new
 * tab) and tables in their own labelled scroll box, so that none widens the page on a phone.
 */
export function withAnchors(html: string): string {
	const seen = new Map<string, number>();
	return (
		html
			.replace(/<h([1-6])>([\s\S]*?)<\/h\1>/g, (_all, level: string, inner: string) => {
				const base = headingSlug(inner) || 'section';
				const n = seen.get(base) ?? 0;
				seen.set(base, n + 1);
				const id = n ? `${base}-${n}` : base;
				return `<h${level} id="${id}">${inner}</h${level}>`;
			})
			// Tables come in their labelled scroll box from renderMarkdown.
			.replace(/<a href="(#[^"]*)"[^>]*>/g, '<a href="$1">')
	);
}

let rendered: { html: string; headings: { id: string; text: string }[] } | undefined;

/** The reference as HTML (its own title left to the page), with the contents of its chapters. */
export function formatReference() {
	if (!rendered) {
		const html = withAnchors(renderMarkdown(readme.replace(/^# [^\n]*\n/, '')));
		const headings = [...html.matchAll(/<h2 id="([^"]+)">([\s\S]*?)<\/h2>/g)].map((m) => ({
			id: m[1],
			text: m[2].replace(/<[^>]*>/g, '')
		}));
		rendered = { html, headings };
	}
	return rendered;
}
