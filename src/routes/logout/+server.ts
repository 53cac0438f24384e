import { redirect } from '@sveltejs/kit';
import * as audit from '$lib/server/audit/log';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { actorOf } from '$lib/server/http/actor';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// POST only: a link or an image tag must not be able to sign somebody out.
export const POST: RequestHandler = async (event) => {
	const { locals, cookies, url } = event;
	if (locals.sessionId && locals.user) {
		await invalidateSession(db(), locals.sessionId);
		await audit.record(db(), actorOf(event), 'logout', { type: 'user', id: locals.user.id });
	}
	deleteSessionCookie(cookies, url.protocol === 'https:');
	redirect(303, '/login');
};
