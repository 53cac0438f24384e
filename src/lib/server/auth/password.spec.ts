import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './password';

describe('password rules', () => {
	it('refuses fewer than 12 characters', () => {
		expect(passwordProblem('short pass')).toMatch(/at least 12/);
	});

	it('refuses passwords on the common-password list, whatever their case', () => {
		expect(passwordProblem('password1234')).toMatch(/too easy to guess.*commonly used/);
		expect(passwordProblem('PASSWORD1234')).toMatch(/too easy to guess/);
	});

	it.each([
		['a keyboard walk with digits', 'qwertyuiop123'],
		['a keyboard walk in upper case', 'QWERTYUIOP123'],
		['a keyboard walk down the columns', '1qaz2wsx3edc4rfv'],
		['a keyboard row with symbols', 'zxcvbnm,./123'],
		['a common word with a year and a symbol', 'Password2024!'],
		['a common word with l33t and digits', 'P@ssw0rd12345'],
		['a common word around a year', 'summer2026summer'],
		['a common word with a year and symbols', 'Welcome2026!!'],
		['a repeated common word', 'letmein!letmein!'],
		['a long run of digits', '12345678901234'],
		['the app’s own name with a year', 'hotwash2026hotwash']
	])('refuses a near variant of a common password: %s (%s)', (_kind, password) => {
		expect(passwordProblem(password)).toMatch(/^This password is too easy to guess/);
	});

	it('says why a password is refused and what to do instead', () => {
		const problem = passwordProblem('qwertyuiop123');
		expect(problem).toMatch(/commonly used password|keyboard/);
		expect(problem).toMatch(/four or more words|password manager/);
	});

	it('refuses a password built from the email address', () => {
		expect(passwordProblem('lee.lead-is-the-best', { email: 'lee.lead@example.org' })).toMatch(
			/email/
		);
	});

	it.each([
		'purple elephants dance at noon',
		'correct horse battery staple',
		'a perfectly long passphrase',
		'my own long passphrase 42',
		'x7#kP2!qLm9z-tv'
	])('accepts a password that is long or random enough: %s', (password) => {
		expect(passwordProblem(password)).toBeNull();
	});

	it('generates passwords that pass its own rules and differ each time', () => {
		for (let i = 0; i < 50; i++) expect(passwordProblem(generatePassword())).toBeNull();
		expect(generatePassword()).not.toBe(generatePassword());
	});

	it('hashes with argon2id and verifies only the right password', async () => {
		const hash = await hashPassword('purple elephants dance at noon');
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(await verifyPassword(hash, 'purple elephants dance at noon')).toBe(true);
		expect(await verifyPassword(hash, 'purple elephants dance at nine')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});
});
