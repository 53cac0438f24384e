import { can, type Permission } from '../../permissions';
import type { SessionUser } from '../auth/session';
import { ForbiddenError, UnauthenticatedError } from '../errors';

// The one gate. Pages, form actions, API endpoints, event streams and jobs all ask here;
// the HTTP adapter (src/lib/server/http/) turns its refusals into a login redirect, a 403
// page or the API's JSON error. Which records a user may see is decided in visibility.ts
// and applied inside the repository queries.

/** The user, when they hold the permission; otherwise a domain error saying why not. */
export function authorize(
	user: SessionUser | null | undefined,
	permission: Permission
): SessionUser {
	if (!user) throw new UnauthenticatedError();
	if (!can(user.role, permission))
		throw new ForbiddenError('Your role does not give you access to this.');
	return user;
}

/** Whether the user holds the permission (for showing or hiding what they may use). */
export function may(user: SessionUser | null | undefined, permission: Permission): boolean {
	return !!user && can(user.role, permission);
}
