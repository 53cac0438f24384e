import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './dates';

describe('calendar dates', () => {
	it('accepts days that exist, including 29 February in a leap year', () => {
		for (const d of ['2026-01-31', '2028-02-29', '2026-12-01'])
			expect(isCalendarDate(d)).toBe(true);
	});

	it('refuses days that do not exist and other shapes', () => {
		for (const d of [
			'2026-02-30',
			'2027-02-29',
			'2026-04-31',
			'2026-13-01',
			'2026-00-10',
			'26-1-1',
			'2026-1-01',
			'+02026-01-01',
			''
		])
			expect(isCalendarDate(d)).toBe(false);
	});
});
