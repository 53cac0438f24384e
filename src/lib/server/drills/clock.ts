import type { DrillStatus } from '../db/schema';

// The drill clock is data: the speed and the last re-anchor (the scenario time at a real
// moment). Scenario time is computed from them, never counted in memory, so a restart or a
// second instance reads the same time. Pure: every function takes `now`.

export const SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export type Speed = (typeof SPEEDS)[number];

export const isSpeed = (value: unknown): value is Speed =>
	typeof value === 'number' && (SPEEDS as readonly number[]).includes(value);

export type DrillClock = {
	status: DrillStatus;
	speed: number;
	/** The real moment of the last re-anchor while running; null while not running. */
	realAt: Date | null;
	/** Scenario time at the last re-anchor, in ms from the start of the exercise. */
	scenarioMs: number;
};

/** Scenario time in ms at `now`: it advances only while running, at the clock's speed. */
export function scenarioTimeAt(clock: DrillClock, now: Date): number {
	if (clock.status !== 'running' || !clock.realAt) return clock.scenarioMs;
	// A `now` behind the anchor (another instance's clock a little behind) adds nothing,
	// so scenario time never runs backwards.
	const elapsed = Math.max(0, now.getTime() - clock.realAt.getTime());
	// A stretched (fractional) speed must not lose the last ms to rounding: 135 real minutes at
	// 1/9 are 15 scenario minutes, not 899 999 ms.
	return clock.scenarioMs + Math.floor(elapsed * clock.speed + 1e-6);
}

export type ClockChange = {
	status?: DrillStatus;
	speed?: number;
	/** Jump forward to this scenario time (solo: the next inject's offset); never back. */
	jumpToMs?: number;
};

/**
 * Writes the current scenario time into the anchor and applies the change: start, pause,
 * resume, a speed change or a jump. Time is continuous across it (a jump only moves forward).
 */
export function reanchor(clock: DrillClock, now: Date, change: ClockChange): DrillClock {
	const current = scenarioTimeAt(clock, now);
	const status = change.status ?? clock.status;
	return {
		status,
		speed: change.speed ?? clock.speed,
		realAt: status === 'running' ? now : null,
		scenarioMs: Math.max(current, Math.floor(change.jumpToMs ?? current))
	};
}

/**
 * When scenario time will reach `scenarioMs` at the current speed (for a countdown), or null
 * while the clock stands still. A moment already passed gives `now`.
 */
export function realTimeWhen(clock: DrillClock, scenarioMs: number, now: Date): Date | null {
	if (clock.status !== 'running' || !clock.realAt) return null;
	const current = scenarioTimeAt(clock, now);
	if (scenarioMs <= current) return now;
	return new Date(now.getTime() + Math.ceil((scenarioMs - current) / clock.speed));
}

/** The clock columns of a re-anchored clock, for an update of the drills row. */
export const clockColumns = (clock: DrillClock) => ({
	status: clock.status,
	speed: clock.speed,
	clock_real_at: clock.realAt,
	clock_scenario_ms: clock.scenarioMs
});

/** ISO 8601 duration of a scenario time, e.g. PT1H5M, for ad-hoc injects and exports. */
export function isoDuration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const d = Math.floor(total / 86_400);
	const h = Math.floor((total % 86_400) / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
	if (!d && !time) return 'PT0S';
	return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
}
