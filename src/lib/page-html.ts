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

// A page that is never hydrated (`export const csr = false`) sends no data to the browser, but
// SvelteKit still serialises its load's data on every request, which for a large diff or a page
// of audit entries costs more than rendering it. Such a page wraps its data in a
// ServerRenderOnly: serialised as a stand-in, used as itself by the server's render. A
// client-side navigation (event.isDataRequest) gets the plain data, which the browser renders.

export class ServerRenderOnly<T> {
	constructor(readonly value: T) {}
}

/** The `transport` hook's entry for ServerRenderOnly: nothing of the value is written. */
export const serverRenderOnlyTransport: Transporter<ServerRenderOnly<unknown>, 1> = {
	encode: (value) => value instanceof ServerRenderOnly && 1,
	decode: () => new ServerRenderOnly(undefined)
};

/** For pages with `csr = false` only: the data for the server's render, plain on a data request. */
export function serverRenderOnly<T>(value: T, isDataRequest: boolean): T | ServerRenderOnly<T> {
	return isDataRequest ? value : new ServerRenderOnly(value);
}

export function renderDataOf<T>(value: T | ServerRenderOnly<T>): T {
	return value instanceof ServerRenderOnly ? value.value : value;
}
