import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password';

describe('password rules', () => {
	it('refuses fewer than 12 characters', () => {
		expect(passwordProblem('short pass')).toMatch(/at least 12/);
	});
	it('refuses passwords on the common-password list, whatever their case', () => {
		expect(passwordProblem('password1234')).toMatch(/commonly used/);
		expect(passwordProblem('QWERTYUIOP123')).toMatch(/commonly used/);
	});
	it('refuses a password built from the email address', () => {
		expect(passwordProblem('lee.lead-is-the-best', { email: 'lee.lead@example.org' })).toMatch(
			/email/
		);
	});
	it('accepts a long passphrase with no symbols or digits', () => {
		expect(passwordProblem('purple elephants dance at noon')).toBeNull();
	});
	it('generates passwords that pass its own rules and differ each time', () => {
		const a = generatePassword();
		expect(passwordProblem(a)).toBeNull();
		expect(a).not.toBe(generatePassword());
	});
	it('hashes with argon2id and verifies only the right password', async () => {
		const hash = await hashPassword('purple elephants dance at noon');
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(hash, 'purple elephants dance at noon')).toBe(true);
		expect(await verifyPassword(hash, 'purple elephants dance at nine')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});
});
