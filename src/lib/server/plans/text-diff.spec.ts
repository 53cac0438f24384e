import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WordPart } from '../../plans/diff-types';
import { textDiff } from './text-diff';

const oldOf = (parts: WordPart[]) =>
	parts
		.filter((p) => p.kind !== 'added')
		.map((p) => p.text)
		.join('');
const newOf = (parts: WordPart[]) =>
	parts
		.filter((p) => p.kind !== 'removed')
		.map((p) => p.text)
		.join('');
const changes = (parts: WordPart[]) =>
	parts.filter((p) => p.kind !== 'same').map((p) => `${p.kind}:${p.text.trim()}`);

// Texts made of a few words, spaces, punctuation and line breaks, so random pairs share a lot.
const text = fc
	.array(fc.constantFrom('call', 'the', 'CISO', ' ', ' ', '\n', '\n\n', '.', '**', '- ', 'é'), {
		maxLength: 80
	})
	.map((t) => t.join(''));

describe('text diff', () => {
	it('joins its kept and removed parts into the old text and its kept and added parts into the new', () => {
		fc.assert(
			fc.property(fc.oneof(text, fc.string()), fc.oneof(text, fc.string()), (a, b) => {
				const parts = textDiff(a, b, Infinity)!;
				expect(oldOf(parts)).toBe(a);
				expect(newOf(parts)).toBe(b);
			}),
			{ numRuns: 500 }
		);
	});

	it('never shows an empty part or two neighbouring parts of one kind', () => {
		fc.assert(
			fc.property(text, text, (a, b) => {
				const parts = textDiff(a, b, Infinity)!;
				expect(parts.every((p) => p.text !== '')).toBe(true);
				expect(parts.every((p, i) => i === 0 || parts[i - 1].kind !== p.kind)).toBe(true);
			})
		);
	});

	it('marks only the reworded words of one line in a long section', () => {
		const lines = Array.from({ length: 200 }, (_, i) => `Step ${i}: page the duty manager.`);
		const edited = lines.map((l, i) => (i === 120 ? 'Step 120: phone the duty executive.' : l));
		const parts = textDiff(lines.join('\n'), edited.join('\n'), Infinity)!;
		expect(changes(parts)).toEqual([
			'removed:page',
			'added:phone',
			'removed:manager',
			'added:executive'
		]);
	});

	it('shows a rewritten line whole rather than as a soup of words', () => {
		const parts = textDiff(
			'Intro.\nRestore from the offline backups first.\nEnd.',
			'Intro.\nCall legal before any public statement.\nEnd.',
			Infinity
		)!;
		expect(changes(parts)).toEqual([
			'removed:Restore from the offline backups first.',
			'added:Call legal before any public statement.'
		]);
	});

	it('compares each changed line with its counterpart when many lines change at once', () => {
		const old = Array.from({ length: 60 }, (_, i) => `Line ${i} says contain the host.`);
		const next = old.map((l) => l.replace('contain', 'isolate'));
		const parts = textDiff(old.join('\n'), next.join('\n'), Infinity)!;
		expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(
			Array(60).fill('contain')
		);
	});

	it('gives up (null) once the deadline has passed instead of running on', () => {
		const old = Array.from({ length: 3_000 }, (_, i) => `Line ${i}.`);
		const next = old.map((l, i) => (i % 20 ? l : `Moved line ${i}.`));
		expect(textDiff(old.join('\n'), next.join('\n'), Infinity)).not.toBeNull();
		expect(textDiff(old.join('\n'), next.join('\n'), performance.now() - 1)).toBeNull();
	});
});
