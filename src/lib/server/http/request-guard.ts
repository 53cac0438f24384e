import type { Handle } from '@sveltejs/kit';
import { isStorableText } from './input';
import { apiErrorResponse } from './errors';

// Checks made before any route runs, so no page, action or endpoint can forget them.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/** Whether every part of the address decodes to text the app can store and compare. */
function addressIsText(url: URL): boolean {
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		return false;
	}
	if (!isStorableText(path)) return false;
	for (const [name, value] of url.searchParams)
		if (!isStorableText(name) || !isStorableText(value) || value.includes('\uFFFD')) return false;
	return true;
}

function refuse(api: boolean, status: number, code: string, message: string): Response {
	if (api) return apiErrorResponse(status, code, message);
	return new Response(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

/**
 * - An address with a NUL, a broken percent-encoding or a lone surrogate is a 400.
 * - A write to a page or form action must come from this app's own origin, whatever its
 *   content type (SvelteKit's own check covers form content types only; this replaces it).
 * - The JSON API answers a form-encoded body with a JSON 415 instead of a text page.
 */
export const requestGuard: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	const api = isApiPath(url.pathname);
	if (!addressIsText(url))
		return refuse(api, 400, 'bad_request', 'The address contains characters that are not allowed.');
	if (UNSAFE.has(request.method)) {
		const type = request.headers.get('content-type') ?? '';
		if (api && FORM_TYPES.test(type))
			return refuse(
				true,
				415,
				'unsupported_media_type',
				'The API takes JSON bodies (Content-Type: application/json).'
			);
		if (!api && request.headers.get('origin') !== url.origin)
			return refuse(false, 403, 'cross_origin', 'Cross-site form submissions are forbidden.');
	}
	return resolve(event);
};
