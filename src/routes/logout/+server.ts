import { error, redirect } from '@sveltejs/kit';
import * as audit from '$lib/server/audit/log';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/http/session-cookie';
import { actorOf } from '$lib/server/http/actor';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// POST only: a link or an image tag must not be able to sign somebody out. And only from
// this app's own pages: SvelteKit checks the origin of form posts, but a cross-site fetch
// with no body or another content type would slip past that check.
export const POST: RequestHandler = async (event) => {
	const { locals, cookies, url, request } = event;
	if (request.headers.get('origin') !== url.origin) error(403, 'Log out from the app’s own pages.');
	if (locals.sessionId && locals.user) {
		await invalidateSession(db(), locals.sessionId);
		await audit.record(db(), actorOf(event), 'logout', { type: 'user', id: locals.user.id });
	}
	deleteSessionCookie(cookies, url.protocol === 'https:');
	redirect(303, '/login');
};
