import { error, redirect } from '@sveltejs/kit';
import { can, type Permission } from '../../permissions';
import type { SessionUser } from '../auth/session';

type WithLocals = { locals: App.Locals; url: URL };

/** The signed-in user; otherwise off to the login page, coming back here afterwards. */
export function requireUser({ locals, url }: WithLocals): SessionUser {
	if (!locals.user) {
		const next = url.pathname + url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	return locals.user;
}

/** The one gate for pages and actions: signed in, and the role holds the permission. */
export function requirePermission(event: WithLocals, permission: Permission): SessionUser {
	const user = requireUser(event);
	if (!can(user.role, permission)) error(403, 'You do not have access to this page.');
	return user;
}
