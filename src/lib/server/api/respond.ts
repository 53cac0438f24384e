import { isHttpError, isRedirect, json, type RequestEvent } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { can, type Permission } from '../../permissions';
import type { SessionUser } from '../auth/session';
import { UserFacingError } from '../errors';
import { logger } from '../logger';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

export function apiErrorResponse(
	status: number,
	code: string,
	message: string,
	headers?: HeadersInit
) {
	return json({ error: { code, message } }, { status, headers });
}

/** Standard codes for the statuses the gate and SvelteKit produce. */
export function codeForStatus(status: number): string {
	const codes: Record<number, string> = {
		400: 'bad_request',
		401: 'unauthenticated',
		403: 'forbidden',
		404: 'not_found',
		405: 'method_not_allowed',
		409: 'conflict',
		413: 'payload_too_large',
		415: 'unsupported_media_type',
		422: 'invalid',
		429: 'rate_limited'
	};
	return codes[status] ?? (status >= 500 ? 'internal_error' : 'error');
}

/**
 * Wraps an API handler: authenticates, checks the permission, turns ApiError and
 * validation errors into the JSON error shape. Returns JSON of whatever the handler returns.
 */
export function apiRoute<E extends RequestEvent = RequestEvent>(
	permission: Permission,
	handler: (event: E, user: SessionUser) => Promise<unknown>
) {
	return async (event: E): Promise<Response> => {
		const user = event.locals.user;
		if (!user) return apiErrorResponse(401, 'unauthenticated', 'Sign in or send a bearer token.');
		if (!can(user.role, permission))
			return apiErrorResponse(403, 'forbidden', `Your role may not use ${permission}.`);
		try {
			const result = await handler(event, user);
			return result instanceof Response ? result : json(result);
		} catch (e) {
			if (e instanceof ApiError) return apiErrorResponse(e.status, e.code, e.message);
			if (e instanceof UserFacingError)
				return apiErrorResponse(
					e.status,
					codeForStatus(e.status),
					e.field ? `${e.field}: ${e.message}` : e.message
				);
			if (isHttpError(e))
				return apiErrorResponse(e.status, codeForStatus(e.status), e.body.message);
			if (isRedirect(e)) throw e;
			if (e instanceof ZodError) {
				const issue = e.issues[0];
				const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
				return apiErrorResponse(422, 'invalid', `${where}${issue?.message ?? 'invalid input'}`);
			}
			logger.error({ err: e, requestId: event.locals.requestId }, 'api handler failed');
			return apiErrorResponse(500, 'internal_error', 'Something went wrong on our side.');
		}
	};
}

/** The request body as JSON, or a 400 that says it is not. */
export async function readJson(request: Request): Promise<unknown> {
	const text = await request.text();
	if (!text.trim()) return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiError(400, 'bad_request', 'The request body must be JSON.');
	}
}
