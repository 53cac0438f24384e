import { generatePassword } from '$lib/server/auth/password';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { appConfig, db } from '$lib/server/runtime';
import { newUserSchema } from '$lib/server/users/forms';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('users.manage', () => ({}));

export const actions: Actions = {
	default: action(
		'users.manage',
		async (_event, { actor, form }) => {
			const input = formFields(form, newUserSchema);
			const oneTime = input.method === 'password' ? generatePassword() : null;
			const { user, invite } = await db()
				.transaction()
				.execute(async (trx) => {
					const user = await users.create(trx, actor, {
						email: input.email,
						displayName: input.displayName,
						role: input.role,
						password: oneTime,
						mustChangePassword: oneTime !== null
					});
					const invite = oneTime ? null : await users.createInvite(trx, actor, user.id);
					return { user, invite };
				});
			return {
				created: {
					id: user.id,
					email: user.email,
					oneTimePassword: oneTime,
					inviteUrl: invite ? `${appConfig().publicUrl}/invite/${invite}` : null
				}
			};
		},
		{ echo: ['email', 'displayName', 'role', 'method'] }
	)
};
