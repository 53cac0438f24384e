import { describe, expect, it } from 'vitest';
import { approximateBytes, BoundedCache } from './bounded-cache';

const strings = (maxEntries: number, maxBytes: number) =>
	new BoundedCache<string, string>({ maxEntries, maxBytes }, (v) => v.length);

describe('a bounded cache', () => {
	it('drops the least recently used entry beyond its entry limit', () => {
		const cache = strings(2, 1000);
		cache.set('a', 'A');
		cache.set('b', 'B');
		cache.get('a');
		cache.set('c', 'C');
		expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
		expect(cache.size).toBe(2);
	});

	it('drops the oldest entries until it fits its byte limit', () => {
		const cache = strings(100, 10);
		cache.set('a', 'xxxx');
		cache.set('b', 'yyyy');
		cache.set('c', 'zzzz');
		expect(cache.get('a')).toBeUndefined();
		expect(cache.bytes).toBe(8);
	});

	it('serves but never keeps a value larger than the whole budget', () => {
		const cache = strings(10, 5);
		expect(cache.getOrSet('big', () => 'far too long')).toBe('far too long');
		expect(cache.size).toBe(0);
		expect(cache.bytes).toBe(0);
	});

	it('counts a replaced value once', () => {
		const cache = strings(10, 100);
		cache.set('a', 'xxxx');
		cache.set('a', 'yy');
		expect(cache.bytes).toBe(2);
	});

	it('estimates the size of plain data from its strings', () => {
		expect(approximateBytes({ html: 'x'.repeat(1000) })).toBeGreaterThan(2000);
		expect(approximateBytes([1, 2, 3])).toBeLessThan(100);
	});
});
