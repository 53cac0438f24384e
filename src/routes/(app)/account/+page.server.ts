import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePermission } from '$lib/server/access/gate';
import * as audit from '$lib/server/audit/log';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens';
import { deleteSessionCookie, listUserSessions } from '$lib/server/auth/session';
import { actorOf } from '$lib/server/http/actor';
import { parseForm } from '$lib/server/http/form';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'account.manage');
	const [sessions, tokens] = await Promise.all([
		listUserSessions(db(), user.id),
		listApiTokens(db(), user.id)
	]);
	return {
		sessions: sessions.map((s) => ({ ...s, current: s.id === event.locals.sessionId })),
		tokens,
		passwordChanged: event.url.searchParams.get('changed') === 'password'
	};
};

const tokenNameSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Give the token a name, e.g. what script uses it.')
		.max(80, 'Use at most 80 characters.')
});
const idSchema = z.object({ id: z.string().min(1).max(100) });

export const actions: Actions = {
	endSession: async (event) => {
		const user = requirePermission(event, 'account.manage');
		const parsed = await parseForm(event.request, idSchema);
		if (!parsed.ok) return fail(400, { message: 'No session given.' });
		const ended = await db()
			.transaction()
			.execute(async (trx) => {
				const r = await trx
					.deleteFrom('sessions')
					.where('id', '=', parsed.data.id)
					.where('user_id', '=', user.id)
					.executeTakeFirst();
				if (Number(r.numDeletedRows) === 0) return false;
				await audit.append(trx, actorOf(event), 'session.ended', { type: 'user', id: user.id });
				return true;
			});
		if (!ended) return fail(404, { message: 'That session has already ended.' });
		if (parsed.data.id === event.locals.sessionId) {
			deleteSessionCookie(event.cookies, event.url.protocol === 'https:');
			redirect(303, '/login');
		}
		return { ok: true, message: 'Session ended.' };
	},
	createToken: async (event) => {
		const user = requirePermission(event, 'account.manage');
		const parsed = await parseForm(event.request, tokenNameSchema);
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, name: String(parsed.form.get('name') ?? '') });
		const created = await db()
			.transaction()
			.execute((trx) => createApiToken(trx, actorOf(event), user.id, parsed.data.name));
		return { createdToken: created.token, createdName: parsed.data.name };
	},
	revokeToken: async (event) => {
		const user = requirePermission(event, 'account.manage');
		const parsed = await parseForm(event.request, idSchema);
		if (!parsed.ok) return fail(400, { message: 'No token given.' });
		const revoked = await db()
			.transaction()
			.execute((trx) => revokeApiToken(trx, actorOf(event), user.id, parsed.data.id));
		if (!revoked) return fail(404, { message: 'No such active token.' });
		return { ok: true, message: 'Token revoked.' };
	}
};
