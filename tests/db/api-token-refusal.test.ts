import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../src/lib/server/audit/log';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { authenticate } from '../../src/lib/server/http/authenticate';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// The hook reaches the app's database through the runtime; here that is the test database.
const runtime = vi.hoisted(() => ({ handle: undefined as DatabaseHandle | undefined }));
vi.mock('../../src/lib/server/runtime', () => ({
	db: () => runtime.handle!.db,
	appConfig: () => ({ sessionIdleMs: 3_600_000, sessionMaxMs: 86_400_000 })
}));

beforeAll(async () => {
	runtime.handle = await createTestDatabase();
});
afterAll(() => runtime.handle!.close());

async function callMe(token: string) {
	const url = new URL('http://localhost/api/v1/me');
	const event = {
		url,
		request: new Request(url, { headers: { authorization: `Bearer ${token}` } }),
		cookies: { get: () => undefined, delete: () => {} },
		locals: {}
	} as unknown as RequestEvent;
	return authenticate({ event, resolve: async () => new Response('ok') });
}

describe('a bearer token past its expiry', () => {
	it('is refused on the next request with 401 token_expired naming when it expired', async () => {
		const db = runtime.handle!.db;
		const user = await makeUser(db, 'lead');
		const { id, token } = await db
			.transaction()
			.execute((trx) =>
				createApiToken(trx, systemActor('test'), user.id, 'nightly', new Date(Date.now() + 60_000))
			);
		expect((await callMe(token)).status).toBe(200);

		const expiredAt = new Date(Date.now() - 1000);
		await db
			.updateTable('api_tokens')
			.set({ expires_at: expiredAt })
			.where('id', '=', id)
			.execute();
		const refused = await callMe(token);
		expect(refused.status).toBe(401);
		const body = await refused.json();
		expect(body.error.code).toBe('token_expired');
		expect(body.error.message).toContain(expiredAt.toISOString());
	});

	it('while an unknown token is simply invalid', async () => {
		const refused = await callMe(`hw_${'a'.repeat(32)}`);
		expect(refused.status).toBe(401);
		expect((await refused.json()).error.code).toBe('invalid_token');
	});
});
