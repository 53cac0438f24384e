import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens';
import { endOwnSession } from '$lib/server/auth/own-sessions';
import { listUserSessions } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/http/session-cookie';
import { NotFoundError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('account.manage', async (event, user) => {
	const [sessions, tokens] = await Promise.all([
		listUserSessions(db(), user.id),
		listApiTokens(db(), user.id)
	]);
	return {
		sessions: sessions.map((s) => ({ ...s, current: s.id === event.locals.sessionId })),
		tokens,
		passwordChanged: event.url.searchParams.get('changed') === 'password'
	};
});

const tokenNameSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Give the token a name, e.g. what script uses it.')
		.max(80, 'Use at most 80 characters.')
});
const idSchema = z.object({ id: z.string().min(1).max(100) });

export const actions: Actions = {
	endSession: action('account.manage', async (event, { actor, form }) => {
		const { id } = formFields(form, idSchema);
		await db()
			.transaction()
			.execute((trx) => endOwnSession(trx, actor, id));
		if (id === event.locals.sessionId) {
			deleteSessionCookie(event.cookies, event.url.protocol === 'https:');
			redirect(303, '/login');
		}
		return { ok: true, message: 'Session ended.' };
	}),
	createToken: action(
		'account.manage',
		async (_event, { user, actor, form }) => {
			const { name } = formFields(form, tokenNameSchema);
			const created = await db()
				.transaction()
				.execute((trx) => createApiToken(trx, actor, user.id, name));
			return { createdToken: created.token, createdName: name };
		},
		{ echo: ['name'] }
	),
	revokeToken: action('account.manage', async (_event, { user, actor, form }) => {
		const { id } = formFields(form, idSchema);
		const revoked = await db()
			.transaction()
			.execute((trx) => revokeApiToken(trx, actor, user.id, id));
		if (!revoked) throw new NotFoundError('No such active token.');
		return { ok: true, message: 'Token revoked.' };
	})
};
