import type { Cookies } from '@sveltejs/kit';

// The session cookie, set and cleared in one place (HttpOnly, SameSite=Lax, and Secure with
// the __Host- prefix behind HTTPS).

/** Over HTTPS the cookie is Secure and __Host- prefixed, so no subdomain can plant one. */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-hotwash_session' : 'hotwash_session';
}

export function setSessionCookie(
	cookies: Cookies,
	secure: boolean,
	token: string,
	expiresAt: Date
) {
	cookies.set(sessionCookieName(secure), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
