import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOtherOwnSessions, endOwnSession } from '../../src/lib/server/auth/own-sessions';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { hashSecret } from '../../src/lib/server/auth/tokens';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { client, makeUser, policy } from './fixtures';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const actorOf = (user: { id: string; email: string }) => ({
	id: user.id,
	label: user.email,
	ip: null
});

describe('a user’s own sessions', () => {
	it('ends every other session of the user, keeps this one and records how many ended', async () => {
		const user = await makeUser(h.db, 'lead');
		const bystander = await makeUser(h.db, 'lead');
		const mine = await createSession(h.db, user.id, policy, client);
		const phone = await createSession(h.db, user.id, policy, client);
		const laptop = await createSession(h.db, user.id, policy, client);
		const theirs = await createSession(h.db, bystander.id, policy, client);

		const ended = await h.db
			.transaction()
			.execute((trx) => endOtherOwnSessions(trx, actorOf(user), hashSecret(mine.token)));
		expect(ended).toBe(2);
		expect(await validateSessionToken(h.db, mine.token, policy)).not.toBeNull();
		expect(await validateSessionToken(h.db, phone.token, policy)).toBeNull();
		expect(await validateSessionToken(h.db, laptop.token, policy)).toBeNull();
		expect(await validateSessionToken(h.db, theirs.token, policy)).not.toBeNull();

		const entry = await h.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('action', '=', 'session.others_ended')
			.where('target_id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(entry.detail).toMatchObject({ count: 2 });
	});

	it('cannot end another user’s session', async () => {
		const user = await makeUser(h.db, 'trainee');
		const other = await makeUser(h.db, 'trainee');
		const theirs = await createSession(h.db, other.id, policy, client);
		await expect(
			h.db
				.transaction()
				.execute((trx) => endOwnSession(trx, actorOf(user), hashSecret(theirs.token)))
		).rejects.toThrow('already ended');
		expect(await validateSessionToken(h.db, theirs.token, policy)).not.toBeNull();
	});
});
