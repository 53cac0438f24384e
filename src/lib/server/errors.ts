/** A mistake the user can fix: shown to them as is, with the HTTP status and form field. */
export class UserFacingError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409 | 422 = 400,
		readonly field?: string
	) {
		super(message);
		this.name = 'UserFacingError';
	}
}
