import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { passwordProblem } from '$lib/server/auth/password';
import { verifyPasswordReentry } from '$lib/server/auth/reentry';
import { InvalidInputError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('account.manage', (_event, user) => ({
	mustChange: user.mustChangePassword
}));

const schema = z
	.object({
		current: z.string().min(1, 'Enter your current password.').max(1024),
		password: z.string().max(1024),
		confirm: z.string().max(1024)
	})
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		message: 'The two new passwords differ.'
	});

export const actions: Actions = {
	default: action('account.manage', async (event, { user, actor, form }) => {
		const { current, password } = formFields(form, schema);
		const problem = passwordProblem(password, { email: user.email });
		if (problem) throw new InvalidInputError(problem, 'password');
		if (current === password)
			throw new InvalidInputError('Choose a password different from the current one.', 'password');
		// Throttled like a login: a stolen session must not become a way to guess the password.
		await verifyPasswordReentry(db(), user, current, actor.ip, {
			purpose: 'password change',
			field: 'current',
			wrongMessage: 'This is not your current password.'
		});
		// Every other session ends: whoever else held one no longer gets in.
		await db()
			.transaction()
			.execute((trx) =>
				users.setPassword(trx, actor, user.id, password, {
					mustChange: false,
					keepSessionId: event.locals.sessionId ?? undefined,
					action: 'user.password_changed'
				})
			);
		redirect(303, '/account?changed=password');
	})
};
