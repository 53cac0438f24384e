import { redirect, type Handle } from '@sveltejs/kit';

const ALLOWED = ['/account/password', '/logout'];

/** A user holding a one-time password must choose their own before anything else. */
export const passwordChangeGate: Handle = async ({ event, resolve }) => {
	const user = event.locals.user;
	if (
		user?.mustChangePassword &&
		event.locals.authMethod === 'session' &&
		!ALLOWED.includes(event.url.pathname) &&
		!event.url.pathname.startsWith('/api/')
	) {
		redirect(303, '/account/password');
	}
	return resolve(event);
};
