import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { attemptLogin } from '$lib/server/auth/login';
import { setSessionCookie } from '$lib/server/auth/session';
import { clientAddress, parseForm, safeNext } from '$lib/server/http/form';
import { appConfig, db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: safeNext(url.searchParams.get('next')) };
};

const loginSchema = z.object({
	email: z.string().trim().min(1, 'Enter your email address.').max(320),
	password: z.string().min(1, 'Enter your password.').max(1024),
	next: z.string().optional()
});

export const actions: Actions = {
	default: async (event) => {
		const parsed = await parseForm(event.request, loginSchema);
		const email = String(parsed.form.get('email') ?? '').slice(0, 320);
		if (!parsed.ok) return fail(400, { email, errors: parsed.errors });

		const config = appConfig();
		const result = await attemptLogin(
			db(),
			{
				email: parsed.data.email,
				password: parsed.data.password,
				ip: clientAddress(event),
				userAgent: event.request.headers.get('user-agent')
			},
			{ idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }
		);
		if (result.outcome === 'throttled') {
			event.setHeaders({ 'Retry-After': String(result.retryAfter) });
			const minutes = Math.ceil(result.retryAfter / 60);
			return fail(429, {
				email,
				message: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
			});
		}
		if (result.outcome === 'invalid') {
			return fail(400, { email, message: 'The email or password is not correct.' });
		}
		setSessionCookie(
			event.cookies,
			event.url.protocol === 'https:',
			result.token,
			result.expiresAt
		);
		redirect(303, result.mustChangePassword ? '/account/password' : safeNext(parsed.data.next));
	}
};
