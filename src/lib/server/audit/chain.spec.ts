import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain';

const content = {
	seq: 1,
	occurredAt: new Date('2026-11-27T10:00:00.000Z'),
	actorId: null,
	actorLabel: 'system',
	action: 'user.created',
	targetType: 'user',
	targetId: 'u1',
	ip: null,
	detail: { b: 1, a: { d: [1, 2], c: 'x' } }
};

describe('audit chain hashing', () => {
	it('writes object keys in a fixed order at every depth', () => {
		expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
	});
	it('gives the same hash for the same content whatever the key order', () => {
		const reordered = { ...content, detail: { a: { c: 'x', d: [1, 2] }, b: 1 } };
		expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, content));
	});
	it('changes the hash when any field or the previous hash changes', () => {
		const base = chainHash(GENESIS_HASH, content);
		expect(chainHash('1'.repeat(64), content)).not.toBe(base);
		expect(chainHash(GENESIS_HASH, { ...content, actorLabel: 'mallory' })).not.toBe(base);
		expect(chainHash(GENESIS_HASH, { ...content, detail: { b: 2, a: content.detail.a } })).not.toBe(
			base
		);
	});
});
