import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	isoDuration,
	realTimeWhen,
	reanchor,
	scenarioTimeAt,
	SPEEDS,
	type ClockChange,
	type DrillClock
} from './clock';

const T0 = new Date('2026-03-10T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const started = (): DrillClock =>
	reanchor({ status: 'draft', speed: 1, realAt: null, scenarioMs: 0 }, T0, { status: 'running' });

describe('drill clock', () => {
	it('runs at its speed from the start', () => {
		const clock = reanchor(started(), T0, { speed: 60 });
		expect(scenarioTimeAt(clock, at(1000))).toBe(60_000);
	});

	it('stands still while paused and goes on from where it stopped', () => {
		let clock = started();
		clock = reanchor(clock, at(10_000), { status: 'paused' });
		expect(scenarioTimeAt(clock, at(999_999))).toBe(10_000);
		clock = reanchor(clock, at(50_000), { status: 'running' });
		expect(scenarioTimeAt(clock, at(55_000))).toBe(15_000);
	});

	it('keeps the time reached when the speed changes', () => {
		let clock = started();
		clock = reanchor(clock, at(2000), { speed: 30 });
		expect(scenarioTimeAt(clock, at(2000))).toBe(2000);
		expect(scenarioTimeAt(clock, at(3000))).toBe(32_000);
	});

	it('jumps forward but never back', () => {
		let clock = reanchor(started(), at(60_000), { jumpToMs: 15 * 60_000 });
		expect(scenarioTimeAt(clock, at(60_000))).toBe(15 * 60_000);
		clock = reanchor(clock, at(61_000), { jumpToMs: 0 });
		expect(scenarioTimeAt(clock, at(61_000))).toBe(15 * 60_000 + 1000);
	});

	it('adds nothing for a real time before the anchor (a clock a little behind)', () => {
		const clock = reanchor(started(), at(10_000), {});
		expect(scenarioTimeAt(clock, at(9_000))).toBe(10_000);
	});

	it('says when a later scenario time will be reached, and nothing while paused', () => {
		const clock = reanchor(started(), T0, { speed: 10 });
		expect(realTimeWhen(clock, 60_000, T0)).toEqual(at(6000));
		expect(realTimeWhen(clock, 0, at(5))).toEqual(at(5));
		expect(realTimeWhen(reanchor(clock, T0, { status: 'paused' }), 60_000, T0)).toBeNull();
	});

	it('writes scenario times as ISO durations', () => {
		expect(isoDuration(0)).toBe('PT0S');
		expect(isoDuration(65 * 60_000)).toBe('PT1H5M');
		expect(isoDuration(26 * 3_600_000 + 1500)).toBe('P1DT2H1S');
	});
});

// Any sequence of pauses, resumes, speed changes and jumps at increasing real moments.
const change = fc.oneof(
	fc.constant<ClockChange>({ status: 'paused' }),
	fc.constant<ClockChange>({ status: 'running' }),
	fc.constantFrom(...SPEEDS).map((speed): ClockChange => ({ speed })),
	fc.nat({ max: 10_000_000 }).map((jumpToMs): ClockChange => ({ jumpToMs }))
);
const steps = fc.array(fc.tuple(fc.nat({ max: 3_600_000 }), change), { maxLength: 40 });

describe('drill clock properties', () => {
	it('never goes backwards, whatever happens to it', () => {
		fc.assert(
			fc.property(steps, (list) => {
				let clock = started();
				let real = 0;
				let last = 0;
				for (const [gap, c] of list) {
					const before = scenarioTimeAt(clock, at(real + gap));
					expect(before).toBeGreaterThanOrEqual(last);
					real += gap;
					clock = reanchor(clock, at(real), c);
					last = scenarioTimeAt(clock, at(real));
					expect(last).toBeGreaterThanOrEqual(before);
				}
			})
		);
	});

	it('never skips: a re-anchor without a jump keeps the time exactly', () => {
		fc.assert(
			fc.property(
				steps,
				fc.nat({ max: 3_600_000 }),
				change.filter((c) => c.jumpToMs === undefined),
				(list, gap, c) => {
					let clock = started();
					let real = 0;
					for (const [g, step] of list) {
						real += g;
						clock = reanchor(clock, at(real), step);
					}
					real += gap;
					const before = scenarioTimeAt(clock, at(real));
					expect(scenarioTimeAt(reanchor(clock, at(real), c), at(real))).toBe(before);
				}
			)
		);
	});

	it('advances by exactly running time × speed between re-anchors', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...SPEEDS),
				fc.nat({ max: 86_400_000 }),
				fc.nat({ max: 10_000_000 }),
				(speed, elapsed, from) => {
					const clock: DrillClock = { status: 'running', speed, realAt: T0, scenarioMs: from };
					expect(scenarioTimeAt(clock, at(elapsed))).toBe(from + elapsed * speed);
				}
			)
		);
	});

	it('reaches the countdown target at the moment it promises', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...SPEEDS),
				fc.nat({ max: 10_000_000 }),
				fc.integer({ min: 1, max: 10_000_000 }),
				(speed, from, ahead) => {
					const clock: DrillClock = { status: 'running', speed, realAt: T0, scenarioMs: from };
					const when = realTimeWhen(clock, from + ahead, T0)!;
					expect(scenarioTimeAt(clock, when)).toBeGreaterThanOrEqual(from + ahead);
					expect(scenarioTimeAt(clock, new Date(when.getTime() - 1))).toBeLessThan(from + ahead);
				}
			)
		);
	});
});
