import type { Transporter } from '@sveltejs/kit';

// Rendered HTML travels once. A page rendered on the server has it in its markup, and Svelte
// keeps the server's markup of an `{@html …}` when it hydrates (it never re-renders one), so
// the page's hydration data need not repeat it: a PageHtml there is sent as a stand-in.
// Loads answering a client-side navigation (event.isDataRequest) return the plain string,
// which the browser then renders itself.

export class PageHtml {
	constructor(readonly html: string) {}
}

/** What a PageHtml holds in the browser: never shown, unless hydration failed and re-rendered. */
const STAND_IN = '<p class="muted">Reload the page to show this part.</p>';

/** The `transport` hook's entry for PageHtml (src/hooks.ts). */
export const pageHtmlTransport: Transporter<PageHtml, 1> = {
	encode: (value) => value instanceof PageHtml && 1,
	decode: () => new PageHtml(STAND_IN)
};

/** The HTML itself on the server's page, a plain string on a client-side navigation. */
export function htmlOnce(html: string, isDataRequest: boolean): string | PageHtml {
	return isDataRequest ? html : new PageHtml(html);
}

export function htmlOf(value: string | PageHtml): string {
	return typeof value === 'string' ? value : value.html;
}
