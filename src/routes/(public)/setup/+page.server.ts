import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/http/session-cookie';
import { clientAddress, formFields } from '$lib/server/http/form';
import { publicAction } from '$lib/server/http/route';
import { appConfig, db } from '$lib/server/runtime';
import { setupTokenValid } from '$lib/server/setup/bootstrap';
import { createFirstAdmin } from '$lib/server/setup/first-admin';
import type { Actions, PageServerLoad } from './$types';

// The one-time link printed on the console at first start creates the first admin.
// Once any user exists the page no longer exists either.

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	if (!(await setupTokenValid(db(), token))) error(404, 'Not found');
	return { token };
};

const schema = z.object({
	token: z.string().max(64),
	email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(320),
	displayName: z.string().trim().min(1, 'Enter your name.').max(120),
	password: z.string().max(1024)
});

export const actions: Actions = {
	default: publicAction(
		async (event, form) => {
			const ip = clientAddress(event);
			const { token, ...input } = formFields(form, schema);
			const user = await db()
				.transaction()
				.execute((trx) => createFirstAdmin(trx, token, input, ip));
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
		},
		{ echo: ['email', 'displayName'] }
	)
};
