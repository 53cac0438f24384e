import type { Handle } from '@sveltejs/kit';
import { baselineHeaders, fallbackContentSecurityPolicy } from './baseline-headers.js';

/** Headers beyond the CSP (which SvelteKit writes from svelte.config.js). */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	for (const [name, value] of Object.entries(baselineHeaders)) h.set(name, value);
	// Pages get SvelteKit's policy with nonces; everything else (JSON, files) the strict one.
	if (!h.has('Content-Security-Policy'))
		h.set('Content-Security-Policy', fallbackContentSecurityPolicy);
	if (event.url.protocol === 'https:') {
		h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	// Pages for a signed-in user hold their data: no shared or back-button caches.
	if (event.locals.user && !h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
	return response;
};
