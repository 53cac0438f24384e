// Domain errors: what went wrong in the words of the domain, with the HTTP status and a
// stable code for the API. Domain modules throw these and import nothing from SvelteKit;
// one adapter at the edge (src/lib/server/http/respond-error.ts) turns them into a form
// failure, an error page or the API's JSON error shape.

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

const codes: Record<ErrorStatus, string> = {
	400: 'bad_request',
	401: 'unauthenticated',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	413: 'payload_too_large',
	415: 'unsupported_media_type',
	422: 'invalid',
	429: 'rate_limited'
};

/** A mistake the user can fix: shown to them as is, with the HTTP status and form field. */
export class UserFacingError extends Error {
	readonly code: string;
	constructor(
		message: string,
		readonly status: ErrorStatus = 400,
		readonly field?: string,
		code?: string
	) {
		super(message);
		this.name = 'UserFacingError';
		this.code = code ?? codes[status];
	}
}

/** Not signed in (or the token is no good). */
export class UnauthenticatedError extends UserFacingError {
	constructor(message = 'Sign in or send a bearer token.') {
		super(message, 401);
		this.name = 'UnauthenticatedError';
	}
}

/** Signed in, but the role may not do this. */
export class ForbiddenError extends UserFacingError {
	constructor(message = 'You do not have access to this.') {
		super(message, 403);
		this.name = 'ForbiddenError';
	}
}

/** The record does not exist, or the user may not know that it does. */
export class NotFoundError extends UserFacingError {
	constructor(message = 'Not found.') {
		super(message, 404);
		this.name = 'NotFoundError';
	}
}

/** The record's state forbids it (not a draft any more, already started, taken). */
export class ConflictError extends UserFacingError {
	constructor(message: string, field?: string) {
		super(message, 409, field);
		this.name = 'ConflictError';
	}
}

/** Input that breaks a rule; `field` names the form field or JSON path. */
export class InvalidInputError extends UserFacingError {
	constructor(message: string, field?: string, status: 400 | 413 | 415 | 422 = 400) {
		super(message, status, field);
		this.name = 'InvalidInputError';
	}
}

/** A form with one or more fields in error, each with its message. */
export class InvalidFormError extends InvalidInputError {
	constructor(readonly fieldErrors: Record<string, string>) {
		super('Check the highlighted fields.', Object.keys(fieldErrors)[0]);
		this.name = 'InvalidFormError';
	}
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class RateLimitedError extends UserFacingError {
	constructor(
		message: string,
		readonly retryAfterSeconds: number,
		field?: string
	) {
		super(message, 429, field);
		this.name = 'RateLimitedError';
	}
}

/** Standard codes for statuses that SvelteKit or the adapter produce. */
export function codeForStatus(status: number): string {
	if (status in codes) return codes[status as ErrorStatus];
	if (status === 405) return 'method_not_allowed';
	return status >= 500 ? 'internal_error' : 'error';
}
