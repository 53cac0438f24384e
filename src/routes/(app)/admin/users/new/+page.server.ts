import { fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/access/gate';
import { generatePassword } from '$lib/server/auth/password';
import { actorOf } from '$lib/server/http/actor';
import { fieldError, parseForm } from '$lib/server/http/form';
import { appConfig, db } from '$lib/server/runtime';
import { newUserSchema } from '$lib/server/users/forms';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requirePermission(event, 'users.manage');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		requirePermission(event, 'users.manage');
		const parsed = await parseForm(event.request, newUserSchema);
		const echo = {
			email: String(parsed.form.get('email') ?? ''),
			displayName: String(parsed.form.get('displayName') ?? ''),
			role: String(parsed.form.get('role') ?? ''),
			method: String(parsed.form.get('method') ?? '')
		};
		if (!parsed.ok) return fail(400, { ...echo, errors: parsed.errors });
		const input = parsed.data;
		try {
			const result = await db()
				.transaction()
				.execute(async (trx) => {
					const actor = actorOf(event);
					const oneTime = input.method === 'password' ? generatePassword() : null;
					const user = await users.create(trx, actor, {
						email: input.email,
						displayName: input.displayName,
						role: input.role,
						password: oneTime,
						mustChangePassword: oneTime !== null
					});
					const invite = oneTime ? null : await users.createInvite(trx, actor, user.id);
					return { user, oneTime, invite };
				});
			return {
				created: {
					id: result.user.id,
					email: result.user.email,
					oneTimePassword: result.oneTime,
					inviteUrl: result.invite ? `${appConfig().publicUrl}/invite/${result.invite}` : null
				}
			};
		} catch (e) {
			if (e instanceof users.EmailTakenError)
				return fail(409, {
					...echo,
					errors: fieldError('email', 'A user with this email already exists.')
				});
			throw e;
		}
	}
};
