import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/audit/log';
import { createApiToken, authenticateApiToken } from '../../src/lib/server/auth/api-tokens';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import * as admin from '../../src/lib/server/users/admin';
import * as users from '../../src/lib/server/users/users';
import { client, makeUser, policy } from './fixtures';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const as = (u: { id: string; email: string }) => ({ id: u.id, label: u.email, ip: '192.0.2.9' });
const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => h.db.transaction().execute(fn);

describe('user administration', () => {
	it('refuses a second account with the same email, in any case', async () => {
		const user = await makeUser(h.db, 'lead');
		await expect(
			tx(async (trx) =>
				users.create(trx, systemActor(), {
					email: user.email.toUpperCase(),
					displayName: 'Copy',
					role: 'trainee',
					password: null
				})
			)
		).rejects.toBeInstanceOf(users.EmailTakenError);
	});

	it('records a role change with before and after in the audit trail', async () => {
		const boss = await makeUser(h.db, 'admin');
		const user = await makeUser(h.db, 'trainee');
		await tx((trx) => admin.changeRole(trx, as(boss), user.id, 'lead'));
		expect((await users.getById(h.db, user.id))?.role).toBe('lead');
		const entry = await h.db
			.selectFrom('audit_log')
			.select(['actor_id', 'detail'])
			.where('action', '=', 'user.role_changed')
			.where('target_id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(entry).toEqual({ actor_id: boss.id, detail: { from: 'trainee', to: 'lead' } });
	});

	it('does not let an admin demote or disable themself', async () => {
		const boss = await makeUser(h.db, 'admin');
		await expect(tx((trx) => admin.changeRole(trx, as(boss), boss.id, 'trainee'))).rejects.toThrow(
			'You cannot change your own role.'
		);
		await expect(tx((trx) => admin.setDisabled(trx, as(boss), boss.id, true))).rejects.toThrow(
			'You cannot disable your own account.'
		);
	});

	it('never leaves the organisation without an active admin', async () => {
		// Disable every admin but one, then try to remove the last one.
		const admins = await h.db.selectFrom('users').selectAll().where('role', '=', 'admin').execute();
		const keeper = await makeUser(h.db, 'admin');
		for (const a of admins) await tx((trx) => users.setDisabled(trx, systemActor(), a.id, true));
		const other = await makeUser(h.db, 'lead');
		await expect(tx((trx) => admin.setDisabled(trx, as(other), keeper.id, true))).rejects.toThrow(
			/last active admin/
		);
		await expect(tx((trx) => admin.changeRole(trx, as(other), keeper.id, 'lead'))).rejects.toThrow(
			/last active admin/
		);
	});

	it('disabling a user ends their sessions and revokes their tokens', async () => {
		const boss = await makeUser(h.db, 'admin');
		const user = await makeUser(h.db, 'lead');
		const session = await createSession(h.db, user.id, policy, client);
		const { token } = await tx((trx) => createApiToken(trx, systemActor(), user.id, 'x'));
		await tx((trx) => admin.setDisabled(trx, as(boss), user.id, true));
		expect(await validateSessionToken(h.db, session.token, policy)).toBeNull();
		expect(await authenticateApiToken(h.db, token)).toBeNull();
	});

	it('a password reset gives a one-time password that must be changed, and ends sessions', async () => {
		const boss = await makeUser(h.db, 'admin');
		const user = await makeUser(h.db, 'trainee');
		const session = await createSession(h.db, user.id, policy, client);
		const oneTime = await tx((trx) => admin.resetWithOneTimePassword(trx, as(boss), user.id));
		const after = await users.getById(h.db, user.id);
		expect(after?.must_change_password).toBe(true);
		expect(await verifyPassword(after!.password_hash!, oneTime)).toBe(true);
		expect(await validateSessionToken(h.db, session.token, policy)).toBeNull();
	});

	it('a password reset revokes the user’s API tokens and says how many in the audit trail', async () => {
		const boss = await makeUser(h.db, 'admin');
		const user = await makeUser(h.db, 'lead');
		const tokens = await Promise.all(
			['backup', 'export'].map((name) =>
				tx((trx) => createApiToken(trx, systemActor(), user.id, name))
			)
		);
		await tx((trx) => admin.resetWithOneTimePassword(trx, as(boss), user.id));
		for (const { token } of tokens) expect(await authenticateApiToken(h.db, token)).toBeNull();
		const entry = await h.db
			.selectFrom('audit_log')
			.select('detail')
			.where('action', '=', 'user.password_reset')
			.where('target_id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(entry.detail).toMatchObject({ tokensRevoked: 2 });
	});

	it('changing one’s own password keeps one’s API tokens', async () => {
		const user = await makeUser(h.db, 'lead');
		const { token } = await tx((trx) => createApiToken(trx, systemActor(), user.id, 'mine'));
		await tx((trx) =>
			users.setPassword(trx, as(user), user.id, 'my next long passphrase', {
				mustChange: false,
				action: 'user.password_changed'
			})
		);
		expect(await authenticateApiToken(h.db, token)).not.toBeNull();
	});

	it('an invite link works once, and a newer link replaces an older one', async () => {
		const boss = await makeUser(h.db, 'admin');
		const user = await makeUser(h.db, 'trainee', null);
		const first = await tx((trx) => users.createInvite(trx, as(boss), user.id));
		const second = await tx((trx) => users.createInvite(trx, as(boss), user.id));
		expect(await users.findInvite(h.db, first)).toBeUndefined();
		const invite = await users.findInvite(h.db, second);
		expect(invite?.userId).toBe(user.id);
		await tx((trx) => users.acceptInvite(trx, second, 'my own passphrase at last', null));
		expect(await users.findInvite(h.db, second)).toBeUndefined();
		await expect(
			tx((trx) => users.acceptInvite(trx, second, 'my own passphrase at last', null))
		).rejects.toMatchObject({ status: 409 });
	});

	it('an expired invite link no longer works', async () => {
		const boss = await makeUser(h.db, 'admin');
		const user = await makeUser(h.db, 'trainee', null);
		const secret = await tx((trx) => users.createInvite(trx, as(boss), user.id));
		await h.db
			.updateTable('invites')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('user_id', '=', user.id)
			.execute();
		expect(await users.findInvite(h.db, secret)).toBeUndefined();
	});
});
