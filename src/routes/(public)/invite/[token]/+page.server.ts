import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { passwordProblem } from '$lib/server/auth/password';
import { clientAddress, fieldError, parseForm } from '$lib/server/http/form';
import { db } from '$lib/server/runtime';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad } from './$types';

const GONE = 'This invite link is not valid any more. Ask your admin for a new one.';

export const load: PageServerLoad = async ({ params }) => {
	const invite = await users.findInvite(db(), params.token);
	if (!invite) error(404, GONE);
	return { email: invite.email, displayName: invite.display_name };
};

const schema = z
	.object({ password: z.string().max(1024), confirm: z.string().max(1024) })
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		message: 'The two passwords differ.'
	});

export const actions: Actions = {
	default: async (event) => {
		const invite = await users.findInvite(db(), event.params.token);
		if (!invite) error(404, GONE);
		const parsed = await parseForm(event.request, schema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const problem = passwordProblem(parsed.data.password, { email: invite.email });
		if (problem) return fail(400, { errors: fieldError('password', problem) });
		await db()
			.transaction()
			.execute(async (trx) => {
				await users.markInviteUsed(trx, invite.token_hash);
				await users.setPassword(
					trx,
					{ id: invite.userId, label: invite.email, ip: clientAddress(event) },
					invite.userId,
					parsed.data.password,
					{ mustChange: false, action: 'user.invite_accepted' }
				);
			});
		redirect(303, '/login?welcome=1');
	}
};
