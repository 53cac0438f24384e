import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	createApiToken,
	listApiTokens,
	MAX_TOKEN_DAYS,
	revokeApiToken,
	tokenExpiry
} from '$lib/server/auth/api-tokens';
import { endOtherOwnSessions, endOwnSession } from '$lib/server/auth/own-sessions';
import { listUserSessions } from '$lib/server/auth/session';
import { describeUserAgent } from '$lib/server/auth/user-agent';
import { deleteSessionCookie } from '$lib/server/http/session-cookie';
import { InvalidFormError, NotFoundError } from '$lib/server/errors';
import { fieldError, formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('account.manage', async (event, user) => {
	const [sessions, tokens] = await Promise.all([
		listUserSessions(db(), user.id),
		listApiTokens(db(), user.id)
	]);
	const now = new Date();
	return {
		sessions: sessions.map((s) => ({
			id: s.id,
			created_at: s.created_at,
			last_seen_at: s.last_seen_at,
			ip: s.ip,
			browser: describeUserAgent(s.user_agent),
			current: s.id === event.locals.sessionId
		})),
		tokens: tokens.map((t) => ({
			...t,
			expired: t.expires_at !== null && t.expires_at <= now
		})),
		// The bounds of the date picker for a token's expiry.
		expiryDates: {
			min: new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10),
			max: new Date(now.getTime() + MAX_TOKEN_DAYS * 86_400_000).toISOString().slice(0, 10)
		},
		passwordChanged: event.url.searchParams.get('changed') === 'password'
	};
});

const tokenNameSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Give the token a name, e.g. what script uses it.')
		.max(80, 'Use at most 80 characters.'),
	expires: z.string().max(10).default('never'),
	expiresOn: z.string().max(10).optional()
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
	endOtherSessions: action('account.manage', async (event, { actor }) => {
		const current = event.locals.sessionId;
		if (!current) throw new NotFoundError('This request has no session to keep.');
		const ended = await db()
			.transaction()
			.execute((trx) => endOtherOwnSessions(trx, actor, current));
		return {
			ok: true,
			message:
				ended === 0
					? 'No other sessions were open.'
					: `Ended ${ended} other ${ended === 1 ? 'session' : 'sessions'}.`
		};
	}),
	createToken: action(
		'account.manage',
		async (_event, { user, actor, form }) => {
			const { name, expires, expiresOn } = formFields(form, tokenNameSchema);
			const expiresAt = tokenExpiry(expires, expiresOn || undefined);
			if (expiresAt === undefined) {
				throw new InvalidFormError(
					fieldError(
						expires === 'date' ? 'expiresOn' : 'expires',
						`Pick a date from tomorrow to ${MAX_TOKEN_DAYS} days ahead, or one of the choices.`
					)
				);
			}
			const created = await db()
				.transaction()
				.execute((trx) => createApiToken(trx, actor, user.id, name, expiresAt));
			return { createdToken: created.token, createdName: name, createdExpiresAt: expiresAt };
		},
		{ echo: ['name', 'expires', 'expiresOn'] }
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
