import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	apiTokenExpiredAt,
	authenticateApiToken,
	createApiToken,
	listApiTokens,
	revokeApiToken,
	tokenExpiry
} from '../../src/lib/server/auth/api-tokens';
import { systemActor } from '../../src/lib/server/audit/log';
import { hashSecret } from '../../src/lib/server/auth/tokens';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import * as users from '../../src/lib/server/users/users';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());
const actor = systemActor('test');

describe('API tokens', () => {
	it('acts as its user with that user’s role, and only its hash is stored', async () => {
		const user = await makeUser(h.db, 'auditor');
		const { token } = await h.db
			.transaction()
			.execute((trx) => createApiToken(trx, actor, user.id, 'evidence export'));
		expect(token).toMatch(/^hw_[a-z2-7]{32}$/);
		expect(await authenticateApiToken(h.db, token)).toMatchObject({ id: user.id, role: 'auditor' });
		const rows = await h.db
			.selectFrom('api_tokens')
			.select('token_hash')
			.where('user_id', '=', user.id)
			.execute();
		expect(rows).toEqual([{ token_hash: hashSecret(token) }]);
		expect(JSON.stringify(await listApiTokens(h.db, user.id))).not.toContain(token);
	});

	it('stops working once revoked, and cannot be revoked by another user', async () => {
		const owner = await makeUser(h.db, 'lead');
		const other = await makeUser(h.db, 'lead');
		const { id, token } = await h.db
			.transaction()
			.execute((trx) => createApiToken(trx, actor, owner.id, 'ci'));
		expect(
			await h.db.transaction().execute((trx) => revokeApiToken(trx, actor, other.id, id))
		).toBe(false);
		expect(await authenticateApiToken(h.db, token)).not.toBeNull();
		expect(
			await h.db.transaction().execute((trx) => revokeApiToken(trx, actor, owner.id, id))
		).toBe(true);
		expect(await authenticateApiToken(h.db, token)).toBeNull();
	});

	it('stops working when its user is disabled', async () => {
		const user = await makeUser(h.db, 'lead');
		const { token } = await h.db
			.transaction()
			.execute((trx) => createApiToken(trx, actor, user.id, 'ci'));
		await h.db.transaction().execute((trx) => users.setDisabled(trx, actor, user.id, true));
		expect(await authenticateApiToken(h.db, token)).toBeNull();
	});

	it('rejects malformed tokens without a lookup', async () => {
		expect(await authenticateApiToken(h.db, 'hw_short')).toBeNull();
		expect(await authenticateApiToken(h.db, "hw_' or 1=1")).toBeNull();
	});

	it('is refused once past its expiry, and the refusal can name when it expired', async () => {
		const user = await makeUser(h.db, 'lead');
		const expiresAt = new Date(Date.now() + 60_000);
		const { id, token } = await h.db
			.transaction()
			.execute((trx) => createApiToken(trx, actor, user.id, 'short-lived', expiresAt));
		expect(await authenticateApiToken(h.db, token)).toMatchObject({ id: user.id });
		expect(await apiTokenExpiredAt(h.db, token)).toBeNull();

		const past = new Date(Date.now() - 1000);
		await h.db.updateTable('api_tokens').set({ expires_at: past }).where('id', '=', id).execute();
		expect(await authenticateApiToken(h.db, token)).toBeNull();
		expect((await apiTokenExpiredAt(h.db, token))?.getTime()).toBe(past.getTime());
		const [listed] = await listApiTokens(h.db, user.id);
		expect(listed.expires_at?.getTime()).toBe(past.getTime());
	});

	it('without an expiry keeps working and is listed as never expiring', async () => {
		const user = await makeUser(h.db, 'lead');
		const { token } = await h.db
			.transaction()
			.execute((trx) => createApiToken(trx, actor, user.id, 'forever'));
		expect(await authenticateApiToken(h.db, token)).not.toBeNull();
		expect((await listApiTokens(h.db, user.id))[0].expires_at).toBeNull();
	});

	it('records its last use at most once a minute', async () => {
		const user = await makeUser(h.db, 'lead');
		const { id, token } = await h.db
			.transaction()
			.execute((trx) => createApiToken(trx, actor, user.id, 'ci'));
		const lastUsed = async () =>
			(
				await h.db
					.selectFrom('api_tokens')
					.select('last_used_at')
					.where('id', '=', id)
					.executeTakeFirstOrThrow()
			).last_used_at;
		expect(await lastUsed()).toBeNull();
		await authenticateApiToken(h.db, token);
		const first = await lastUsed();
		expect(first).not.toBeNull();
		await Promise.all([authenticateApiToken(h.db, token), authenticateApiToken(h.db, token)]);
		expect((await lastUsed())?.getTime()).toBe(first!.getTime());

		const twoMinutesAgo = new Date(Date.now() - 120_000);
		await h.db
			.updateTable('api_tokens')
			.set({ last_used_at: twoMinutesAgo })
			.where('id', '=', id)
			.execute();
		await authenticateApiToken(h.db, token);
		expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
	});
});

describe('token expiry choices', () => {
	const now = new Date('2026-11-30T12:00:00Z');

	it('offers never, a number of days, or a date from tomorrow to two years ahead', () => {
		expect(tokenExpiry('never', undefined, now)).toBeNull();
		expect(tokenExpiry('30', undefined, now)?.toISOString()).toBe('2026-12-30T12:00:00.000Z');
		expect(tokenExpiry('date', '2027-01-05', now)?.toISOString()).toBe('2027-01-05T23:59:59.999Z');
	});

	it('refuses other numbers of days, past dates, impossible dates and dates too far ahead', () => {
		expect(tokenExpiry('3650', undefined, now)).toBeUndefined();
		expect(tokenExpiry('-1', undefined, now)).toBeUndefined();
		expect(tokenExpiry('date', '2026-11-30', now)).toBeUndefined();
		expect(tokenExpiry('date', '2027-02-30', now)).toBeUndefined();
		expect(tokenExpiry('date', '2029-01-01', now)).toBeUndefined();
		expect(tokenExpiry('date', undefined, now)).toBeUndefined();
	});
});
