import { error, fail } from '@sveltejs/kit';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { requirePermission } from '$lib/server/access/gate';
import type { Database } from '$lib/server/db/schema';
import { actorOf } from '$lib/server/http/actor';
import { parseForm } from '$lib/server/http/form';
import { appConfig, db } from '$lib/server/runtime';
import * as admin from '$lib/server/users/admin';
import { roleField } from '$lib/server/users/forms';
import * as users from '$lib/server/users/users';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'users.read');
	const user = await users.getById(db(), event.params.id);
	if (!user) error(404, 'No such user.');
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
		isSelf: user.id === event.locals.user?.id
	};
};

/** Runs one admin change in a transaction; rule violations come back as a message. */
async function adminChange<T>(
	event: RequestEvent,
	change: (trx: Transaction<Database>) => Promise<T>
) {
	requirePermission(event, 'users.manage');
	if (!(await users.getById(db(), event.params.id))) error(404, 'No such user.');
	try {
		return { ok: true as const, value: await db().transaction().execute(change) };
	} catch (e) {
		if (e instanceof admin.AdminRuleError) return { ok: false as const, message: e.message };
		throw e;
	}
}

export const actions: Actions = {
	changeRole: async (event) => {
		requirePermission(event, 'users.manage');
		const parsed = await parseForm(event.request, z.object({ role: roleField }));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const r = await adminChange(event, (trx) =>
			admin.changeRole(trx, actorOf(event), event.params.id, parsed.data.role)
		);
		return r.ok ? { ok: true, message: 'Role changed.' } : fail(400, { message: r.message });
	},
	disable: async (event) => {
		const r = await adminChange(event, (trx) =>
			admin.setDisabled(trx, actorOf(event), event.params.id, true)
		);
		return r.ok
			? { ok: true, message: 'User disabled; their sessions and tokens have ended.' }
			: fail(400, { message: r.message });
	},
	enable: async (event) => {
		const r = await adminChange(event, (trx) =>
			admin.setDisabled(trx, actorOf(event), event.params.id, false)
		);
		return r.ok ? { ok: true, message: 'User enabled.' } : fail(400, { message: r.message });
	},
	resetPassword: async (event) => {
		const r = await adminChange(event, (trx) =>
			admin.resetWithOneTimePassword(trx, actorOf(event), event.params.id)
		);
		return r.ok ? { oneTimePassword: r.value } : fail(400, { message: r.message });
	},
	invite: async (event) => {
		const r = await adminChange(event, (trx) =>
			users.createInvite(trx, actorOf(event), event.params.id)
		);
		return r.ok
			? { inviteUrl: `${appConfig().publicUrl}/invite/${r.value}` }
			: fail(400, { message: r.message });
	}
};
