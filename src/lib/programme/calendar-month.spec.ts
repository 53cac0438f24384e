import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	daysBetween,
	gridRange,
	isDateOnly,
	isMonthKey,
	monthGrid,
	monthTitle
} from './calendar-month';

describe('calendar months', () => {
	it('builds whole weeks from Monday to Sunday around the month', () => {
		// March 2027 starts on a Monday and ends on a Wednesday.
		const weeks = monthGrid('2027-03');
		expect(weeks[0][0]).toEqual({ date: '2027-03-01', inMonth: true });
		expect(weeks.at(-1)![6]).toEqual({ date: '2027-04-04', inMonth: false });
		expect(weeks.every((w) => w.length === 7)).toBe(true);
		expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
	});

	it('reaches back into the previous month when the 1st is not a Monday', () => {
		// 1 February 2026 is a Sunday.
		expect(gridRange('2026-02')).toEqual({ from: '2026-01-26', to: '2026-03-01' });
	});

	it('steps months across year ends', () => {
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2027-01', -1)).toBe('2026-12');
		expect(monthTitle('2027-01')).toBe('January 2027');
	});

	it('counts days across a leap day', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
	});

	it('refuses dates and months that do not exist', () => {
		expect(isDateOnly('2027-02-29')).toBe(false);
		expect(isDateOnly('2028-02-29')).toBe(true);
		expect(isDateOnly('2027-13-01')).toBe(false);
		expect(isMonthKey('2027-00')).toBe(false);
		expect(isMonthKey('2027-12')).toBe(true);
		expect(isMonthKey('27-12')).toBe(false);
	});
});
