import { describe, expect, it } from 'vitest';
import { frameworks } from '../../../programme/catalogue';
import { InvalidInputError } from '../../errors';
import { readEvidencePackParams } from './params';

const today = '2026-11-30';
const enabled = ['iso-27001', 'pci-dss'];
const read = (input: Record<string, unknown> | URLSearchParams, on: string[] = enabled) =>
	readEvidencePackParams(input, { today, enabled: on });

/** The field the error names (and that it is an InvalidInputError at all). */
function fieldOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(InvalidInputError);
		return (e as InvalidInputError).field;
	}
	throw new Error('expected an InvalidInputError');
}

describe('evidence pack parameters', () => {
	it('defaults to the 12 months ending today and the frameworks switched on, in catalogue order', () => {
		expect(read({})).toEqual({
			from: '2025-12-01',
			to: '2026-11-30',
			frameworks: ['pci-dss', 'iso-27001']
		});
	});

	it('reads a query string, trims, drops duplicates and keeps catalogue order', () => {
		const q = new URLSearchParams({
			from: ' 2026-01-01 ',
			to: '2026-06-30',
			frameworks: 'nist-800-53, dora,dora,,baseline'
		});
		expect(read(q)).toEqual({
			from: '2026-01-01',
			to: '2026-06-30',
			frameworks: ['baseline', 'dora', 'nist-800-53']
		});
	});

	it('fills the missing end of the period from the other', () => {
		expect(read({ to: '2026-06-30' })).toMatchObject({ from: '2025-07-01', to: '2026-06-30' });
		expect(read({ from: '2025-01-01' })).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
		// Never past today.
		expect(read({ from: '2026-03-01' })).toMatchObject({ from: '2026-03-01', to: today });
	});

	it('accepts a one-day period and exactly three years, not a day more', () => {
		expect(read({ from: today, to: today })).toMatchObject({ from: today, to: today });
		expect(read({ from: '2023-12-01', to: '2026-11-30' }).from).toBe('2023-12-01');
		expect(fieldOf(() => read({ from: '2023-11-30', to: '2026-11-30' }))).toBe('to');
	});

	it('names the field of each mistake', () => {
		expect(fieldOf(() => read({ from: '2026-02-30' }))).toBe('from');
		expect(fieldOf(() => read({ from: '1.1.2026' }))).toBe('from');
		expect(fieldOf(() => read({ from: 20260101 }))).toBe('from');
		expect(fieldOf(() => read({ to: 'tomorrow' }))).toBe('to');
		expect(fieldOf(() => read({ from: '2026-06-01', to: '2026-05-31' }))).toBe('to');
		expect(fieldOf(() => read({ to: '2026-12-01' }))).toBe('to');
		expect(fieldOf(() => read({ from: '2026-12-01' }))).toBe('from');
		expect(fieldOf(() => read({ frameworks: 'iso-27001,sox' }))).toBe('frameworks');
		expect(fieldOf(() => read({ frameworks: 'x'.repeat(2000) }))).toBe('frameworks');
	});

	it('takes at most as many frameworks as the catalogue has', () => {
		const all = frameworks.map((f) => f.id);
		expect(read({ frameworks: all.join(',') }).frameworks).toEqual(all);
		expect(fieldOf(() => read({ frameworks: [...all, all[0]].join(',') }))).toBe('frameworks');
	});

	it('refuses a pack with no framework given and none switched on', () => {
		expect(fieldOf(() => read({}, []))).toBe('frameworks');
		expect(fieldOf(() => read({ frameworks: ' , ' }, []))).toBe('frameworks');
		// Unknown ids switched on (a framework since removed) do not count.
		expect(fieldOf(() => read({}, ['retired-framework']))).toBe('frameworks');
		expect(read({ frameworks: 'soc2' }, []).frameworks).toEqual(['soc2']);
	});
});
