import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptLogin } from '../../src/lib/server/auth/login';
import {
	assertPasswordReentry,
	verifyPasswordReentry,
	type PasswordReentry
} from '../../src/lib/server/auth/reentry';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { InvalidInputError, RateLimitedError } from '../../src/lib/server/errors';
import { makeUser, policy, TEST_PASSWORD } from './fixtures';
import { createTestDatabase } from './test-database';

// Attempts are counted before the password is checked; these tests fire bursts in parallel,
// the way an attacker with many connections would, and count how many got a real answer.

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

let ipCounter = 0;
const freshIp = () => `198.18.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const login = (email: string, password: string, ip: string | null = freshIp()) =>
	attemptLogin(h.db, { email, password, ip, userAgent: 'vitest' }, policy);

const auditCount = async (label: string, action: string) =>
	Number(
		(
			await h.db
				.selectFrom('audit_log')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.where('actor_label', '=', label)
				.where('action', '=', action)
				.executeTakeFirstOrThrow()
		).n
	);

describe('login throttling under a burst', () => {
	it('lets at most five of 30 parallel wrong passwords for one account be checked', async () => {
		const user = await makeUser(h.db, 'lead');
		const results = await Promise.all(
			Array.from({ length: 30 }, () => login(user.email, 'a wrong guess, in parallel'))
		);
		const checked = results.filter((r) => r.outcome === 'invalid').length;
		expect(checked).toBeLessThanOrEqual(5);
		expect(results.filter((r) => r.outcome === 'throttled')).toHaveLength(30 - checked);
		expect(await auditCount(user.email, 'login.failure')).toBe(checked);
	});

	it('then refuses even the right password, saying when to try again', async () => {
		const user = await makeUser(h.db, 'trainee');
		await Promise.all(Array.from({ length: 30 }, () => login(user.email, 'wrong, wrong, wrong')));
		const result = await login(user.email, TEST_PASSWORD);
		expect(result.outcome).toBe('throttled');
		if (result.outcome === 'throttled') {
			expect(result.retryAfter).toBeGreaterThan(0);
			expect(result.retryAfter).toBeLessThanOrEqual(15 * 60);
		}
	});

	it('lets at most 20 of 40 parallel guesses from one address at many accounts be checked', async () => {
		const ip = '203.0.113.250';
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) => login(`spray-${i}@test.example`, 'guess', ip))
		);
		expect(results.filter((r) => r.outcome === 'invalid').length).toBeLessThanOrEqual(20);
		expect(results.filter((r) => r.outcome === 'throttled').length).toBeGreaterThanOrEqual(20);
	});

	it('does not count right passwords against the address (an office behind one address)', async () => {
		const ip = '203.0.113.251';
		const user = await makeUser(h.db, 'auditor');
		for (let i = 0; i < 25; i++)
			expect((await login(user.email, TEST_PASSWORD, ip)).outcome).toBe('ok');
		expect((await login(user.email, 'one wrong one', ip)).outcome).toBe('invalid');
	});

	it('starts the account’s count again after the right password', async () => {
		const user = await makeUser(h.db, 'lead');
		for (let i = 0; i < 4; i++) await login(user.email, 'wrong password');
		expect((await login(user.email, TEST_PASSWORD)).outcome).toBe('ok');
		for (let i = 0; i < 4; i++)
			expect((await login(user.email, 'wrong password')).outcome).toBe('invalid');
	});
});

describe('re-entering a password', () => {
	const reenter = (user: { id: string; email: string }, password: string, ip = freshIp()) =>
		verifyPasswordReentry(h.db, user, password, ip, { purpose: 'test' });

	it('checks at most five of 30 parallel wrong passwords, then refuses the right one with the wait', async () => {
		const user = await makeUser(h.db, 'admin');
		const settled = await Promise.allSettled(
			Array.from({ length: 30 }, () => reenter(user, 'a wrong guess, in parallel'))
		);
		const reasons = settled.map((s) => (s.status === 'rejected' ? s.reason : s.value));
		const wrong = reasons.filter((r) => r instanceof InvalidInputError).length;
		expect(wrong).toBeLessThanOrEqual(5);
		expect(reasons.filter((r) => r instanceof RateLimitedError)).toHaveLength(30 - wrong);
		expect(await auditCount(user.email, 'password.reentry_failure')).toBe(wrong);

		const right = reenter(user, TEST_PASSWORD);
		await expect(right).rejects.toBeInstanceOf(RateLimitedError);
		await expect(right).rejects.toMatchObject({
			status: 429,
			field: 'password',
			retryAfterSeconds: expect.any(Number)
		});
		expect(((await right.catch((e) => e)) as RateLimitedError).retryAfterSeconds).toBeGreaterThan(
			0
		);
	});

	it('shares the count with logins, so a signed-in thief gets no extra guesses', async () => {
		const user = await makeUser(h.db, 'lead');
		for (let i = 0; i < 5; i++) await reenter(user, 'wrong').catch(() => {});
		expect((await login(user.email, TEST_PASSWORD)).outcome).toBe('throttled');
	});

	it('gives a proof for the right password that only this user can use, and only fresh', async () => {
		const user = await makeUser(h.db, 'lead');
		const other = await makeUser(h.db, 'lead');
		const proof = await reenter(user, TEST_PASSWORD);
		expect(() => assertPasswordReentry(proof, user.id)).not.toThrow();
		expect(() => assertPasswordReentry(proof, other.id)).toThrow(InvalidInputError);
		const forged: PasswordReentry = { userId: user.id, verifiedAt: Date.now() };
		expect(() => assertPasswordReentry(forged, user.id)).toThrow(InvalidInputError);
		expect(() => assertPasswordReentry(undefined, user.id)).toThrow(InvalidInputError);
	});

	it('refuses a wrong password on the field the form names', async () => {
		const user = await makeUser(h.db, 'trainee');
		await expect(
			verifyPasswordReentry(h.db, user, 'not it at all', null, {
				purpose: 'password change',
				field: 'current',
				wrongMessage: 'This is not your current password.'
			})
		).rejects.toMatchObject({ field: 'current', message: 'This is not your current password.' });
	});
});
