import { describe, expect, it } from 'vitest';
import { countdown, points, scenarioClock, span, timeOfDay } from './format';

describe('drill time formats', () => {
	it('shows scenario time as a clock from the start', () => {
		expect(scenarioClock(0)).toBe('T+00:00:00');
		expect(scenarioClock(3_930_000)).toBe('T+01:05:30');
		expect(scenarioClock(-90_000)).toBe('T−00:01:30');
		expect(scenarioClock(50 * 3_600_000)).toBe('T+50:00:00');
	});

	it('says spans as people do', () => {
		expect(span(45_000)).toBe('45 s');
		expect(span(260_000)).toBe('4 min 20 s');
		expect(span(7_500_000)).toBe('2 h 5 min');
		expect(span(74 * 3_600_000)).toBe('3 d 2 h');
		expect(span(-5)).toBe('0 s');
	});

	it('counts down to the second, rounding up', () => {
		expect(countdown(245_000)).toBe('4:05');
		expect(countdown(3_725_000)).toBe('1:02:05');
		expect(countdown(100)).toBe('0:01');
		expect(countdown(-1)).toBe('0:00');
	});

	it('gives the time of day in UTC and points without trailing zeros', () => {
		expect(timeOfDay('2026-03-01T14:05:59Z')).toBe('14:05 UTC');
		expect(timeOfDay(null)).toBe('—');
		expect(points(7.5)).toBe('7.5');
		expect(points(10)).toBe('10');
		expect(points(1 / 3)).toBe('0.33');
		expect(points(null)).toBe('—');
	});
});
