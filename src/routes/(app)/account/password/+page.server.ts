import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePermission } from '$lib/server/access/gate';
import { passwordProblem, verifyPassword } from '$lib/server/auth/password';
import { actorOf } from '$lib/server/http/actor';
import { fieldError, parseForm } from '$lib/server/http/form';
import { db } from '$lib/server/runtime';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requirePermission(event, 'account.manage');
	return { mustChange: user.mustChangePassword };
};

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
	default: async (event) => {
		const user = requirePermission(event, 'account.manage');
		const parsed = await parseForm(event.request, schema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const { current, password } = parsed.data;

		const problem = passwordProblem(password, { email: user.email });
		if (problem) return fail(400, { errors: fieldError('password', problem) });
		const row = await users.getById(db(), user.id);
		if (!row?.password_hash || !(await verifyPassword(row.password_hash, current))) {
			return fail(400, { errors: fieldError('current', 'This is not your current password.') });
		}
		if (current === password) {
			return fail(400, {
				errors: fieldError('password', 'Choose a password different from the current one.')
			});
		}
		// Every other session ends: whoever else held one no longer gets in.
		await db()
			.transaction()
			.execute((trx) =>
				users.setPassword(trx, actorOf(event), user.id, password, {
					mustChange: false,
					keepSessionId: event.locals.sessionId ?? undefined,
					action: 'user.password_changed'
				})
			);
		redirect(303, '/account?changed=password');
	}
};
