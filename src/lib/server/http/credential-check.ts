import type { Cookies } from '@sveltejs/kit';
import { authenticateApiToken } from '../auth/api-tokens';
import { validateSessionToken, type SessionUser } from '../auth/session';
import { appConfig, db } from '../runtime';
import { sessionCookieName } from './session-cookie';

// A long-lived response (an event stream) outlives the moment its request was authenticated:
// the session may end, the token be revoked, the user disabled. This checks the request's
// credential again, the way authenticate.ts first checked it, whenever the stream asks.

export type CredentialEvent = {
	request: Request;
	url: URL;
	cookies: Cookies;
	locals: App.Locals;
};

/** Asks again who the request's session or bearer token belongs to now; null: nobody. */
export function credentialCheck(event: CredentialEvent): () => Promise<SessionUser | null> {
	if (event.locals.authMethod === 'token') {
		const bearer = /^Bearer\s+(\S+)$/i.exec(
			event.request.headers.get('authorization')?.trim() ?? ''
		)?.[1];
		return async () => (bearer ? authenticateApiToken(db(), bearer) : null);
	}
	if (event.locals.authMethod === 'session') {
		const token = event.cookies.get(sessionCookieName(event.url.protocol === 'https:'));
		return async () => {
			if (!token) return null;
			const config = appConfig();
			const session = await validateSessionToken(
				db(),
				token,
				{ idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
				{ touch: false }
			);
			return session?.user ?? null;
		};
	}
	return async () => null;
}
