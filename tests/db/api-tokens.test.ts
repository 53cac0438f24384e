import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	authenticateApiToken,
	createApiToken,
	listApiTokens,
	revokeApiToken
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
});
