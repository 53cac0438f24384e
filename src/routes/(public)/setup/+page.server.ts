import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { systemActor } from '$lib/server/audit/log';
import { passwordProblem } from '$lib/server/auth/password';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { clientAddress, fieldError, parseForm } from '$lib/server/http/form';
import { appConfig, db } from '$lib/server/runtime';
import { SETUP_TOKEN_KEY, setupTokenValid } from '$lib/server/setup/bootstrap';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad } from './$types';

// The one-time link printed on the console at first start creates the first admin.
// Once any user exists the page no longer exists either.

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	if (!(await setupTokenValid(db(), token))) error(404, 'Not found');
	return { token };
};

const schema = z.object({
	token: z.string(),
	email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(320),
	displayName: z.string().trim().min(1, 'Enter your name.').max(120),
	password: z.string().max(1024)
});

export const actions: Actions = {
	default: async (event) => {
		const parsed = await parseForm(event.request, schema);
		const echo = {
			email: String(parsed.form.get('email') ?? ''),
			displayName: String(parsed.form.get('displayName') ?? '')
		};
		if (!parsed.ok) return fail(400, { ...echo, errors: parsed.errors });
		const { token, email, displayName, password } = parsed.data;
		const problem = passwordProblem(password, { email });
		if (problem) return fail(400, { ...echo, errors: fieldError('password', problem) });

		const ip = clientAddress(event);
		const user = await db()
			.transaction()
			.execute(async (trx) => {
				// Re-checked inside the transaction so two people racing the link get one admin.
				if (!(await setupTokenValid(trx, token))) return null;
				await trx.deleteFrom('settings').where('key', '=', SETUP_TOKEN_KEY).execute();
				return users.create(
					trx,
					{ ...systemActor('first-run setup'), ip },
					{
						email,
						displayName,
						role: 'admin',
						password
					}
				);
			});
		if (!user) error(404, 'Not found');
		const config = appConfig();
		const session = await createSession(
			db(),
			user.id,
			{ idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
			{ ip, userAgent: event.request.headers.get('user-agent') }
		);
		setSessionCookie(
			event.cookies,
			event.url.protocol === 'https:',
			session.token,
			session.expiresAt
		);
		redirect(303, '/');
	}
};
