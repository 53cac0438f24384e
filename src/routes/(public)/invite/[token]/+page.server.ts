import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { passwordProblem } from '$lib/server/auth/password';
import { InvalidInputError, NotFoundError } from '$lib/server/errors';
import { clientAddress, formFields } from '$lib/server/http/form';
import { publicAction } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invite = await users.findInvite(db(), params.token);
	if (!invite) error(404, users.INVITE_GONE);
	return { email: invite.email, displayName: invite.display_name };
};

const schema = z
	.object({ password: z.string().max(1024), confirm: z.string().max(1024) })
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		message: 'The two passwords differ.'
	});

export const actions: Actions = {
	default: publicAction(async (event, form) => {
		const invite = await users.findInvite(db(), event.params.token);
		if (!invite) throw new NotFoundError(users.INVITE_GONE);
		const { password } = formFields(form, schema);
		const problem = passwordProblem(password, { email: invite.email });
		if (problem) throw new InvalidInputError(problem, 'password');
		// The link is taken inside the transaction: used twice at once, it works once.
		await db()
			.transaction()
			.execute((trx) =>
				users.acceptInvite(trx, event.params.token, password, clientAddress(event))
			);
		redirect(303, '/login?welcome=1');
	})
};
