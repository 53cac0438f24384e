import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	deadlineFrom,
	durationFromMinutes,
	durationUnits,
	formatDuration,
	parseDuration,
	type Duration
} from './durations';

const parsed = (text: string) => {
	const r = parseDuration(text);
	return r.ok ? r.duration : r.message;
};
const at = (iso: string) => new Date(iso);

describe('durations as people say them', () => {
	it('reads the short and the long forms, in any case and spacing', () => {
		expect(parsed('30m')).toEqual({ amount: 30, unit: 'minutes' });
		expect(parsed('4h')).toEqual({ amount: 4, unit: 'hours' });
		expect(parsed(' 72 Hours ')).toEqual({ amount: 72, unit: 'hours' });
		expect(parsed('3 days')).toEqual({ amount: 3, unit: 'days' });
		expect(parsed('1 month')).toEqual({ amount: 1, unit: 'months' });
		expect(parsed('4 business days')).toEqual({ amount: 4, unit: 'business-days' });
		expect(parsed('4 working  days')).toEqual({ amount: 4, unit: 'business-days' });
	});

	it('writes each unit the way it is typed', () => {
		expect(formatDuration({ amount: 30, unit: 'minutes' })).toBe('30m');
		expect(formatDuration({ amount: 72, unit: 'hours' })).toBe('72h');
		expect(formatDuration({ amount: 1, unit: 'days' })).toBe('1 day');
		expect(formatDuration({ amount: 1, unit: 'months' })).toBe('1 month');
		expect(formatDuration({ amount: 4, unit: 'business-days' })).toBe('4 business days');
	});

	it('reads back every duration it writes', () => {
		const maxOf: Record<Duration['unit'], number> = {
			minutes: 527_040,
			hours: 8_784,
			days: 366,
			'business-days': 262,
			months: 12
		};
		const duration = fc
			.constantFrom(...durationUnits)
			.chain((unit) =>
				fc.record({ unit: fc.constant(unit), amount: fc.integer({ min: 1, max: maxOf[unit] }) })
			);
		fc.assert(
			fc.property(duration, (d) => {
				expect(parseDuration(formatDuration(d))).toEqual({ ok: true, duration: d });
			})
		);
	});

	it('names the mistake: an unknown unit, no number, zero, and more than a year', () => {
		expect(parsed('72 hourz')).toBe(
			'Unknown unit "hourz": use m, h, days, business days or months.'
		);
		expect(parsed('')).toMatch(/^Write a number and a unit/);
		expect(parsed('soon')).toMatch(/^Write a number and a unit/);
		expect(parsed('-5h')).toMatch(/^Write a number and a unit/);
		expect(parsed('1.5h')).toMatch(/^Write a number and a unit/);
		expect(parsed('0h')).toBe('Use a positive duration.');
		expect(parsed('13 months')).toBe('A deadline can be at most a year.');
		expect(parsed('367 days')).toBe('A deadline can be at most a year.');
		expect(parsed('9000h')).toBe('A deadline can be at most a year.');
		expect(parsed('12 months')).toEqual({ amount: 12, unit: 'months' });
	});

	it('keeps a legacy deadline in minutes exact, in hours when it can', () => {
		expect(durationFromMinutes(4320)).toEqual({ amount: 72, unit: 'hours' });
		expect(durationFromMinutes(90)).toEqual({ amount: 90, unit: 'minutes' });
	});
});

describe('when a deadline falls', () => {
	it('counts hours and days as elapsed time', () => {
		expect(deadlineFrom(at('2026-03-27T22:00:00Z'), { amount: 72, unit: 'hours' })).toEqual(
			at('2026-03-30T22:00:00Z')
		);
	});

	it('keeps a month on the same day, clamped to the end of a shorter month', () => {
		const month = { amount: 1, unit: 'months' } as const;
		expect(deadlineFrom(at('2026-01-15T09:30:00Z'), month)).toEqual(at('2026-02-15T09:30:00Z'));
		expect(deadlineFrom(at('2026-01-31T09:30:00Z'), month)).toEqual(at('2026-02-28T09:30:00Z'));
		expect(deadlineFrom(at('2028-01-31T09:30:00Z'), month)).toEqual(at('2028-02-29T09:30:00Z'));
		expect(deadlineFrom(at('2026-12-31T23:00:00Z'), month)).toEqual(at('2027-01-31T23:00:00Z'));
		expect(deadlineFrom(at('2026-03-31T10:00:00Z'), { amount: 12, unit: 'months' })).toEqual(
			at('2027-03-31T10:00:00Z')
		);
	});

	it('skips Saturdays and Sundays when counting business days', () => {
		const four = { amount: 4, unit: 'business-days' } as const;
		// Thursday + 4 business days = Wednesday.
		expect(deadlineFrom(at('2026-12-03T16:00:00Z'), four)).toEqual(at('2026-12-09T16:00:00Z'));
		// A determination on a Saturday counts from Monday as the first business day.
		expect(deadlineFrom(at('2026-12-05T11:00:00Z'), { amount: 1, unit: 'business-days' })).toEqual(
			at('2026-12-07T11:00:00Z')
		);
		// Friday + 1 is Monday.
		expect(deadlineFrom(at('2026-12-04T08:00:00Z'), { amount: 1, unit: 'business-days' })).toEqual(
			at('2026-12-07T08:00:00Z')
		);
	});
});
