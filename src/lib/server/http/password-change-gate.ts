import { redirect, type Handle } from '@sveltejs/kit';
import { apiErrorResponse } from './errors';

const ALLOWED = ['/account/password', '/logout'];
const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * A user holding a one-time password must choose their own before anything else: pages
 * send them to the password form, and the API refuses the session cookie (whoever was given
 * the one-time password must not be able to work around the change through the API).
 */
export const passwordChangeGate: Handle = async ({ event, resolve }) => {
	const user = event.locals.user;
	if (
		user?.mustChangePassword &&
		event.locals.authMethod === 'session' &&
		!ALLOWED.includes(event.url.pathname)
	) {
		if (isApi(event.url.pathname))
			return apiErrorResponse(
				403,
				'password_change_required',
				'Choose your own password first (My account › Change password): this account holds a one-time password.'
			);
		redirect(303, '/account/password');
	}
	return resolve(event);
};
