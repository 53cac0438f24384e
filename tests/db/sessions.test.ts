import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { hashSecret } from '../../src/lib/server/auth/tokens';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { client, makeUser, policy } from './fixtures';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

describe('sessions', () => {
	it('stores only the SHA-256 of the token, and the token finds its user', async () => {
		const user = await makeUser(h.db, 'lead');
		const { token } = await createSession(h.db, user.id, policy, client);
		expect(token).toMatch(/^[a-z2-7]{32}$/); // 160 random bits
		const stored = await h.db
			.selectFrom('sessions')
			.select('id')
			.where('user_id', '=', user.id)
			.execute();
		expect(stored).toEqual([{ id: hashSecret(token) }]);
		const session = await validateSessionToken(h.db, token, policy);
		expect(session?.user).toMatchObject({ id: user.id, role: 'lead' });
	});

	it('refuses an unknown or malformed token', async () => {
		expect(await validateSessionToken(h.db, 'a'.repeat(32), policy)).toBeNull();
		expect(await validateSessionToken(h.db, "' or 1=1 --", policy)).toBeNull();
	});

	it('ends a session left idle longer than the idle timeout', async () => {
		const user = await makeUser(h.db, 'trainee');
		const { token } = await createSession(h.db, user.id, policy, client);
		await h.db
			.updateTable('sessions')
			.set({ last_seen_at: new Date(Date.now() - policy.idleMs - 1000) })
			.where('id', '=', hashSecret(token))
			.execute();
		expect(await validateSessionToken(h.db, token, policy)).toBeNull();
		const left = await h.db
			.selectFrom('sessions')
			.select('id')
			.where('id', '=', hashSecret(token))
			.execute();
		expect(left).toEqual([]);
	});

	it('ends a session past its absolute lifetime even while in use', async () => {
		const user = await makeUser(h.db, 'trainee');
		const { token } = await createSession(h.db, user.id, policy, client);
		await h.db
			.updateTable('sessions')
			.set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date() })
			.where('id', '=', hashSecret(token))
			.execute();
		expect(await validateSessionToken(h.db, token, policy)).toBeNull();
	});

	it('slides the idle clock forward when the session is used', async () => {
		const user = await makeUser(h.db, 'auditor');
		const { token } = await createSession(h.db, user.id, policy, client);
		const old = new Date(Date.now() - 10 * 60_000);
		await h.db
			.updateTable('sessions')
			.set({ last_seen_at: old })
			.where('id', '=', hashSecret(token))
			.execute();
		await validateSessionToken(h.db, token, policy);
		const row = await h.db
			.selectFrom('sessions')
			.select('last_seen_at')
			.where('id', '=', hashSecret(token))
			.executeTakeFirstOrThrow();
		expect(row.last_seen_at.getTime()).toBeGreaterThan(old.getTime() + 9 * 60_000);
	});

	it('does not slide the idle clock for a stream re-checking its session', async () => {
		const user = await makeUser(h.db, 'trainee');
		const { token } = await createSession(h.db, user.id, policy, client);
		const old = new Date(Date.now() - 10 * 60_000);
		await h.db
			.updateTable('sessions')
			.set({ last_seen_at: old })
			.where('id', '=', hashSecret(token))
			.execute();
		expect(await validateSessionToken(h.db, token, policy, { touch: false })).not.toBeNull();
		const row = await h.db
			.selectFrom('sessions')
			.select('last_seen_at')
			.where('id', '=', hashSecret(token))
			.executeTakeFirstOrThrow();
		expect(row.last_seen_at.getTime()).toBe(old.getTime());
	});

	it('refuses the cookie of a user who has been disabled', async () => {
		const user = await makeUser(h.db, 'lead');
		const { token } = await createSession(h.db, user.id, policy, client);
		await h.db
			.updateTable('users')
			.set({ disabled_at: new Date() })
			.where('id', '=', user.id)
			.execute();
		expect(await validateSessionToken(h.db, token, policy)).toBeNull();
	});

	it('logout deletes the session on the server', async () => {
		const user = await makeUser(h.db, 'lead');
		const { token } = await createSession(h.db, user.id, policy, client);
		await invalidateSession(h.db, hashSecret(token));
		expect(await validateSessionToken(h.db, token, policy)).toBeNull();
	});

	it('ends all of a user’s sessions except the one kept', async () => {
		const user = await makeUser(h.db, 'lead');
		const a = await createSession(h.db, user.id, policy, client);
		const b = await createSession(h.db, user.id, policy, client);
		const c = await createSession(h.db, user.id, policy, client);
		expect(await invalidateUserSessions(h.db, user.id, hashSecret(b.token))).toBe(2);
		expect(await validateSessionToken(h.db, a.token, policy)).toBeNull();
		expect(await validateSessionToken(h.db, b.token, policy)).not.toBeNull();
		expect(await validateSessionToken(h.db, c.token, policy)).toBeNull();
	});
});
