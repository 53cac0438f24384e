// Security headers every answer carries: pages (through the securityHeaders hook), and also
// what never reaches the hooks: static assets, and the adapter's own error answers (body too
// large, malformed request). Plain JavaScript so the start script can load it without a
// build step.

/** @type {Readonly<Record<string, string>>} */
export const baselineHeaders = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin'
});

/**
 * Answers that are not pages (assets, adapter errors) get a policy that lets nothing run or
 * frame them; a page's own policy from SvelteKit replaces it.
 */
export const fallbackContentSecurityPolicy =
	"default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
