import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import { action, page, type ActionContext } from '$lib/server/http/route';
import { appConfig, db } from '$lib/server/runtime';
import * as admin from '$lib/server/users/admin';
import { roleField } from '$lib/server/users/forms';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = page('users.read', async (event, viewer) => {
	const user = await users.getById(db(), event.params.id);
	if (!user) throw new NotFoundError('No such user.');
	return {
		account: {
			id: user.id,
			email: user.email,
			displayName: user.display_name,
			role: user.role,
			disabled: user.disabled_at !== null,
			hasPassword: user.password_hash !== null,
			createdAt: user.created_at
		},
		isSelf: user.id === viewer.id
	};
});

/** One admin change to the account in the URL, in a transaction. */
function adminChange<T>(
	change: (trx: Transaction<Database>, userId: string, context: ActionContext) => Promise<T>
) {
	return action('users.manage', async (event: RequestEvent, context) => {
		if (!(await users.getById(db(), event.params.id))) throw new NotFoundError('No such user.');
		return db()
			.transaction()
			.execute((trx) => change(trx, event.params.id, context));
	});
}

const roleSchema = z.object({ role: roleField });

export const actions: Actions = {
	changeRole: adminChange(async (trx, id, { actor, form }) => {
		await admin.changeRole(trx, actor, id, formFields(form, roleSchema).role);
		return { ok: true, message: 'Role changed.' };
	}),
	disable: adminChange(async (trx, id, { actor }) => {
		await admin.setDisabled(trx, actor, id, true);
		return { ok: true, message: 'User disabled; their sessions and tokens have ended.' };
	}),
	enable: adminChange(async (trx, id, { actor }) => {
		await admin.setDisabled(trx, actor, id, false);
		return { ok: true, message: 'User enabled.' };
	}),
	resetPassword: adminChange(async (trx, id, { actor }) => ({
		oneTimePassword: await admin.resetWithOneTimePassword(trx, actor, id)
	})),
	invite: adminChange(async (trx, id, { actor }) => ({
		inviteUrl: `${appConfig().publicUrl}/invite/${await users.createInvite(trx, actor, id)}`
	}))
};
