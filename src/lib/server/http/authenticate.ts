import type { Handle } from '@sveltejs/kit';
import { apiTokenExpiredAt, authenticateApiToken } from '../auth/api-tokens';
import { validateSessionToken } from '../auth/session';
import { deleteSessionCookie, sessionCookieName } from './session-cookie';
import { appConfig, db } from '../runtime';
import { codeForStatus as codeFor } from '../errors';
import { apiErrorResponse } from './errors';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/** Fills locals.user from the session cookie, or on /api from a bearer token. */
export const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.authMethod = null;

	const authorization = event.request.headers.get('authorization');
	if (authorization !== null && isApi(event.url.pathname)) {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
		const user = match ? await authenticateApiToken(db(), match[1]) : null;
		if (!user) {
			// Only on the refusal path: say so when the token is merely past its expiry.
			const expiredAt = match ? await apiTokenExpiredAt(db(), match[1]) : null;
			if (expiredAt) {
				return apiErrorResponse(
					401,
					'token_expired',
					`The bearer token expired on ${expiredAt.toISOString()}; make a new one in My account.`,
					{ 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="token expired"' }
				);
			}
			return apiErrorResponse(
				401,
				'invalid_token',
				'The bearer token is malformed, unknown or revoked.',
				{
					'WWW-Authenticate': 'Bearer error="invalid_token"'
				}
			);
		}
		event.locals.user = user;
		event.locals.authMethod = 'token';
		return resolve(event);
	}

	const secure = event.url.protocol === 'https:';
	const token = event.cookies.get(sessionCookieName(secure));
	if (token) {
		const config = appConfig();
		const session = await validateSessionToken(db(), token, {
			idleMs: config.sessionIdleMs,
			maxMs: config.sessionMaxMs
		});
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.id;
			event.locals.authMethod = 'session';
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SvelteKit's CSRF check covers form posts only. A JSON write that rides on the session
 * cookie must come from our own origin; bearer tokens are not sent by browsers on their own.
 */
export const apiOriginCheck: Handle = async ({ event, resolve }) => {
	if (
		isApi(event.url.pathname) &&
		event.locals.authMethod === 'session' &&
		!SAFE_METHODS.has(event.request.method) &&
		event.request.headers.get('origin') !== event.url.origin
	) {
		return apiErrorResponse(
			403,
			'cross_origin',
			'Writes with the session cookie must come from this app.'
		);
	}
	return resolve(event);
};

/** Errors on /api come back as JSON in one shape, whoever produced them. */
export const apiErrorShape: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!isApi(event.url.pathname) || response.status < 400) return response;
	if (response.headers.get('content-type')?.includes('application/json')) {
		const body = await response
			.clone()
			.json()
			.catch(() => null);
		if (body && typeof body === 'object' && 'error' in body) return response;
		const message = (body as { message?: string } | null)?.message ?? response.statusText;
		return apiErrorResponse(
			response.status,
			codeFor(response.status),
			message,
			copyHeaders(response)
		);
	}
	return apiErrorResponse(
		response.status,
		codeFor(response.status),
		response.status === 404 ? 'No such endpoint.' : response.statusText || 'Request failed.',
		copyHeaders(response)
	);
};

function copyHeaders(response: Response): Headers {
	const headers = new Headers(response.headers);
	headers.delete('content-type');
	headers.delete('content-length');
	return headers;
}
