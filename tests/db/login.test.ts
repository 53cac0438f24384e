import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptLogin } from '../../src/lib/server/auth/login';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { makeUser, policy, TEST_PASSWORD } from './fixtures';
import { createTestDatabase } from './test-database';

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;
const login = (email: string, password: string, ip = freshIp()) =>
	attemptLogin(h.db, { email, password, ip, userAgent: 'vitest' }, policy);

describe('login', () => {
	it('signs in with the right password, whatever the email’s case', async () => {
		const user = await makeUser(h.db, 'lead');
		const result = await login(user.email.toUpperCase(), TEST_PASSWORD);
		expect(result.outcome).toBe('ok');
	});

	it('gives the same answer for a wrong password and an unknown account', async () => {
		const user = await makeUser(h.db, 'lead');
		expect(await login(user.email, 'wrong password here')).toEqual({ outcome: 'invalid' });
		expect(await login('nobody@test.example', 'wrong password here')).toEqual({
			outcome: 'invalid'
		});
	});

	it('refuses a disabled account even with the right password', async () => {
		const user = await makeUser(h.db, 'trainee');
		await h.db
			.updateTable('users')
			.set({ disabled_at: new Date() })
			.where('id', '=', user.id)
			.execute();
		expect(await login(user.email, TEST_PASSWORD)).toEqual({ outcome: 'invalid' });
	});

	it('throttles an account after five failures, from any address, even for the right password', async () => {
		const user = await makeUser(h.db, 'lead');
		for (let i = 0; i < 5; i++)
			expect((await login(user.email, 'wrong password')).outcome).toBe('invalid');
		const result = await login(user.email, TEST_PASSWORD);
		expect(result.outcome).toBe('throttled');
		if (result.outcome === 'throttled') expect(result.retryAfter).toBeGreaterThan(0);
	});

	it('throttles an unknown account the same way, so throttling reveals nothing', async () => {
		for (let i = 0; i < 5; i++) await login('ghost@test.example', 'wrong password');
		expect((await login('ghost@test.example', 'wrong password')).outcome).toBe('throttled');
	});

	it('throttles one address that tries many accounts', async () => {
		const ip = '198.51.100.200';
		for (let i = 0; i < 20; i++) await login(`spray${i}@test.example`, 'wrong password', ip);
		const user = await makeUser(h.db, 'trainee');
		expect((await login(user.email, TEST_PASSWORD, ip)).outcome).toBe('throttled');
		expect((await login(user.email, TEST_PASSWORD, freshIp())).outcome).toBe('ok');
	});

	it('writes successes and failures to the audit trail without the password', async () => {
		const user = await makeUser(h.db, 'auditor');
		await login(user.email, 'not my password!!');
		await login(user.email, TEST_PASSWORD);
		const rows = await h.db
			.selectFrom('audit_log')
			.select(['action', 'detail', 'actor_label'])
			.where('actor_label', '=', user.email)
			.orderBy('seq')
			.execute();
		expect(rows.map((r) => r.action)).toEqual(['login.failure', 'login.success']);
		expect(JSON.stringify(rows)).not.toContain('not my password');
		expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
	});
});
