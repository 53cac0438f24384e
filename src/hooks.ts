import type { Transport } from '@sveltejs/kit';
import { pageHtmlTransport } from '$lib/page-html';

export const transport: Transport = {
	PageHtml: pageHtmlTransport
};
