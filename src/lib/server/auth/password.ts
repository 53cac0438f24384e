import { hash, verify } from '@node-rs/argon2';
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random';
import { dictionary } from '@zxcvbn-ts/language-common';

const random: RandomReader = {
	read: (bytes) => void crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>)
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// argon2id (the library's default algorithm) with OWASP's minimum memory cost.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Why a new password is refused, or null. Length and commonness only (NIST SP 800-63B). */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
	if (password.length < MIN_PASSWORD_LENGTH)
		return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
	if (password.length > MAX_PASSWORD_LENGTH)
		return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
	const lower = password.toLowerCase();
	if (common.has(lower)) return 'This password is on a list of commonly used passwords.';
	if (/^(.)\1+$/.test(password)) return 'This password repeats one character.';
	const local = context.email?.split('@')[0]?.toLowerCase();
	if (local && local.length >= 4 && lower.includes(local))
		return 'The password must not contain your email address.';
	return null;
}

/** A password for demo accounts and one-time passwords: 4 groups of 5, ~100 bits. */
export function generatePassword(): string {
	const chars = generateRandomString(random, 'abcdefghjkmnpqrstuvwxyz23456789', 20);
	return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5)).join('-');
}
