import { error, fail, isHttpError, isRedirect, json, redirect } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { EditError } from '../../plans/draft-edits';
import {
	codeForStatus,
	InvalidFormError,
	RateLimitedError,
	UnauthenticatedError,
	UserFacingError
} from '../errors';
import { StaleRevisionError } from '../plans/errors';

// The one adapter from domain errors to HTTP: a form failure for actions, an error page for
// pages, the JSON error shape for the API. Anything else is a bug and stays a 500.

/** A thrown value as a domain error, when it is one the user can act on. */
export function asUserFacing(e: unknown): UserFacingError | null {
	if (e instanceof UserFacingError) return e;
	if (e instanceof EditError) return new UserFacingError(e.message, 400, e.field);
	if (e instanceof ZodError) {
		const issue = e.issues[0];
		const field = issue?.path.length ? issue.path.join('.') : undefined;
		return new UserFacingError(issue?.message ?? 'Invalid input.', 422, field);
	}
	return null;
}

/** SvelteKit's own redirects and HTTP errors pass through every adapter untouched. */
const isKitControlFlow = (e: unknown) => isRedirect(e) || isHttpError(e);

/** For a page load: the error page with the status, or the login page when signed out. */
export function rethrowForPage(e: unknown, url: URL): never {
	if (isKitControlFlow(e)) throw e;
	if (e instanceof UnauthenticatedError)
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const domain = asUserFacing(e);
	if (domain) error(domain.status, domain.message);
	throw e;
}

/**
 * For a form action: the page again with the message, the field's error and what the user
 * typed (`echo`, never a password), so nothing they entered is lost.
 */
export type ActionFailureData = {
	message: string;
	errors: Record<string, string>;
	stale?: boolean;
	retryAfter?: number;
};

export function failForAction(e: unknown, url: URL, echo: Record<string, unknown> = {}) {
	if (isKitControlFlow(e)) throw e;
	if (e instanceof UnauthenticatedError) rethrowForPage(e, url);
	const domain = asUserFacing(e);
	if (!domain) throw e;
	if (domain.status === 403 || domain.status === 404) error(domain.status, domain.message);
	const data: ActionFailureData = {
		message: domain.message,
		errors:
			domain instanceof InvalidFormError
				? domain.fieldErrors
				: domain.field
					? { [domain.field]: domain.message }
					: {},
		...(e instanceof StaleRevisionError ? { stale: true } : {}),
		...(e instanceof RateLimitedError ? { retryAfter: e.retryAfterSeconds } : {})
	};
	return fail(domain.status, { ...echo, ...data });
}

export function apiErrorResponse(
	status: number,
	code: string,
	message: string,
	headers?: HeadersInit
) {
	return json({ error: { code, message } }, { status, headers });
}

/** For the API: `{"error": {"code", "message"}}` with the status; 500 for anything else. */
export function apiResponseFor(e: unknown): Response | null {
	if (isRedirect(e)) throw e;
	if (isHttpError(e)) return apiErrorResponse(e.status, codeForStatus(e.status), e.body.message);
	const domain = asUserFacing(e);
	if (!domain) return null;
	const message = domain.field ? `${domain.field}: ${domain.message}` : domain.message;
	const headers: Record<string, string> = {};
	if (domain instanceof RateLimitedError) headers['Retry-After'] = String(domain.retryAfterSeconds);
	if (domain.status === 401) headers['WWW-Authenticate'] = 'Bearer';
	return apiErrorResponse(domain.status, domain.code, message, headers);
}
