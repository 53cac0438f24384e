import { hash, verify } from '@node-rs/argon2';
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

const random: RandomReader = {
	read: (bytes) => void crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>)
};

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// argon2id (the library's default algorithm) with OWASP's minimum memory cost.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

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

// A list of common passwords misses their near variants (`Password2024!`, `qwertyuiop123`,
// `summer2026summer`); zxcvbn estimates how many guesses a cracker needs, knowing those
// lists, keyboard walks, years, repeats and l33t. We ask for score 4, at least 10^10
// guesses: score 3 still lets a common word with a year and a symbol through (`Welcome2026!!`).
const MIN_SCORE = 4;
const strength = new ZxcvbnFactory({
	dictionary,
	graphs: adjacencyGraphs,
	// Edit-distance matching costs up to a third of a second per check and catches none of
	// the variants above that the rest misses; without it a 256-character password takes under 0.1 s.
	useLevenshteinDistance: false
});
// Words of this app that anyone guessing would try first.
const APP_WORDS = ['hotwash', 'incident', 'tabletop', 'drill', 'playbook'];

const warnings: Record<string, string> = {
	straightRow: 'a row of keys on the keyboard',
	keyPattern: 'a keyboard pattern',
	simpleRepeat: 'a repeated character',
	extendedRepeat: 'a repeated pattern',
	sequences: 'a sequence like abc or 6543',
	recentYears: 'a recent year',
	dates: 'a date',
	topTen: 'one of the ten most used passwords',
	topHundred: 'one of the hundred most used passwords',
	common: 'a commonly used password',
	similarToCommon: 'a commonly used password with small changes',
	wordByItself: 'a single word',
	namesByThemselves: 'a name',
	commonNames: 'a common name',
	userInputs: 'your email address or this app’s name'
};

function tooGuessable(result: ZxcvbnResult): string {
	const why = result.feedback.warning ? warnings[result.feedback.warning] : undefined;
	return (
		`This password is too easy to guess${why ? `: it is built from ${why}` : ''}. ` +
		'Use four or more words that do not belong together, or let a password manager make one.'
	);
}

/**
 * Why a new password is refused, or null: its length, and how easily it is guessed (a
 * common password or a near variant of one). No rules about symbols (NIST SP 800-63B).
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
	if (password.length < MIN_PASSWORD_LENGTH)
		return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
	if (password.length > MAX_PASSWORD_LENGTH)
		return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
	const local = context.email?.split('@')[0]?.toLowerCase();
	if (local && local.length >= 4 && password.toLowerCase().includes(local))
		return 'The password must not contain your email address.';
	const userInputs = [...APP_WORDS, ...(context.email ? [context.email, local ?? ''] : [])];
	const result = strength.check(password, userInputs.filter(Boolean));
	return result.score >= MIN_SCORE ? null : tooGuessable(result);
}

/** A password for demo accounts and one-time passwords: 4 groups of 5, ~100 bits. */
export function generatePassword(): string {
	const chars = generateRandomString(random, 'abcdefghjkmnpqrstuvwxyz23456789', 20);
	return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5)).join('-');
}
