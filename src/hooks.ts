import type { Transport } from '@sveltejs/kit';
import { pageHtmlTransport, serverRenderOnlyTransport } from '$lib/page-html';

export const transport: Transport = {
	PageHtml: pageHtmlTransport,
	ServerRenderOnly: serverRenderOnlyTransport
};
