import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { attemptLogin } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/http/session-cookie';
import { tooManyAttemptsMessage } from '$lib/server/auth/reentry';
import { clientAddress, formFields } from '$lib/server/http/form';
import { publicAction } from '$lib/server/http/route';
import { safeNext } from '$lib/server/http/safe-next';
import { appConfig, db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
};

const loginSchema = z.object({
	email: z.string().trim().min(1, 'Enter your email address.').max(320),
	password: z.string().min(1, 'Enter your password.').max(1024),
	// Whatever arrives here (repeated, huge, malformed) only ever falls back to the dashboard.
	next: z.unknown().optional()
});

export const actions: Actions = {
	default: publicAction(
		async (event, form) => {
			const input = formFields(form, loginSchema);
			const email = input.email.slice(0, 320);
			const config = appConfig();
			const result = await attemptLogin(
				db(),
				{
					email: input.email,
					password: input.password,
					ip: clientAddress(event),
					userAgent: event.request.headers.get('user-agent')
				},
				{ idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }
			);
			if (result.outcome === 'throttled') {
				event.setHeaders({ 'Retry-After': String(result.retryAfter) });
				return fail(429, { email, message: tooManyAttemptsMessage(result.retryAfter) });
			}
			if (result.outcome === 'invalid')
				return fail(400, { email, message: 'The email or password is not correct.' });
			setSessionCookie(
				event.cookies,
				event.url.protocol === 'https:',
				result.token,
				result.expiresAt
			);
			redirect(303, result.mustChangePassword ? '/account/password' : safeNext(input.next));
		},
		{ echo: ['email'] }
	)
};
