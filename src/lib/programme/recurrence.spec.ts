import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toWallTime } from '../zoned-time';
import {
	checkRecurrence,
	describeRule,
	expand,
	HORIZON_MONTHS,
	MAX_PER_HORIZON,
	normaliseRule,
	presetLabel,
	presetRule,
	presets,
	RecurrenceError,
	withUntil,
	type Recurrence
} from './recurrence';

const year = (y: number) => ({
	from: new Date(Date.UTC(y, 0, 1)),
	to: new Date(Date.UTC(y + 1, 0, 1))
});
const iso = (d: Date) => d.toISOString().slice(0, 16);
const refused = (f: () => unknown, message: RegExp) => {
	expect(f).toThrow(RecurrenceError);
	expect(f).toThrow(message);
};

describe('expanding a rule over local wall time', () => {
	it('keeps 10:00 in Europe/London across the spring and autumn changes', () => {
		const r = {
			rrule: 'FREQ=WEEKLY;BYDAY=SU',
			startsLocal: '2027-03-21T10:00',
			timeZone: 'Europe/London'
		};
		const got = expand(r, { from: new Date('2027-03-01Z'), to: new Date('2027-04-05Z') });
		expect(got.map((o) => o.key)).toEqual([
			'2027-03-21T10:00',
			'2027-03-28T10:00',
			'2027-04-04T10:00'
		]);
		// GMT before 28 March, BST (UTC+1) from that day.
		expect(got.map((o) => iso(o.at))).toEqual([
			'2027-03-21T10:00',
			'2027-03-28T09:00',
			'2027-04-04T09:00'
		]);
		const autumn = expand(
			{ ...r, startsLocal: '2027-10-24T10:00' },
			{ from: new Date('2027-10-20Z'), to: new Date('2027-11-01Z') }
		);
		expect(autumn.map((o) => iso(o.at))).toEqual(['2027-10-24T09:00', '2027-10-31T10:00']);
	});

	it('reads a time the clocks skip with the offset before the gap (New York, spring)', () => {
		// 14 March 2027: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist that day.
		const r = {
			rrule: 'FREQ=WEEKLY;BYDAY=SU',
			startsLocal: '2027-03-07T02:30',
			timeZone: 'America/New_York'
		};
		const got = expand(r, { from: new Date('2027-03-01Z'), to: new Date('2027-03-22Z') });
		expect(got.map((o) => o.key)).toEqual([
			'2027-03-07T02:30',
			'2027-03-14T02:30',
			'2027-03-21T02:30'
		]);
		expect(got.map((o) => iso(o.at))).toEqual([
			'2027-03-07T07:30',
			'2027-03-14T07:30',
			'2027-03-21T06:30'
		]);
		expect(toWallTime(got[1].at, r.timeZone)).toBe('2027-03-14T03:30');
	});

	it('takes the first of a time that happens twice (New York, autumn)', () => {
		// 7 November 2027: 01:30 happens at EDT, then again at EST; the first is 05:30 UTC.
		const r = {
			rrule: 'FREQ=WEEKLY;BYDAY=SU',
			startsLocal: '2027-10-31T01:30',
			timeZone: 'America/New_York'
		};
		const got = expand(r, { from: new Date('2027-10-30Z'), to: new Date('2027-11-15Z') });
		expect(got.map((o) => iso(o.at))).toEqual([
			'2027-10-31T05:30',
			'2027-11-07T05:30',
			'2027-11-14T06:30'
		]);
	});

	it('follows Australia/Sydney, whose summer time spans the new year', () => {
		// Summer time (UTC+11) ends 4 April 2027 and starts again 3 October 2027.
		const r = {
			rrule: 'FREQ=MONTHLY;BYDAY=1SU',
			startsLocal: '2027-03-07T09:00',
			timeZone: 'Australia/Sydney'
		};
		const got = expand(r, { from: new Date('2027-03-01Z'), to: new Date('2027-11-01Z') });
		expect(got.map((o) => o.key.slice(0, 10))).toEqual([
			'2027-03-07',
			'2027-04-04',
			'2027-05-02',
			'2027-06-06',
			'2027-07-04',
			'2027-08-01',
			'2027-09-05',
			'2027-10-03'
		]);
		expect(iso(got[0].at)).toBe('2027-03-06T22:00');
		expect(iso(got[1].at)).toBe('2027-04-03T23:00');
		expect(iso(got[7].at)).toBe('2027-10-02T22:00');
	});

	it('skips months without the 31st, as RFC 5545 says', () => {
		const r = {
			rrule: 'FREQ=MONTHLY;BYMONTHDAY=31',
			startsLocal: '2027-01-31T10:00',
			timeZone: 'UTC'
		};
		expect(expand(r, year(2027)).map((o) => o.key.slice(5, 10))).toEqual([
			'01-31',
			'03-31',
			'05-31',
			'07-31',
			'08-31',
			'10-31',
			'12-31'
		]);
	});

	it('gives the last day of every month with BYMONTHDAY=-1', () => {
		const r = {
			rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
			startsLocal: '2028-01-31T10:00',
			timeZone: 'UTC'
		};
		const days = expand(r, year(2028)).map((o) => o.key.slice(5, 10));
		expect(days.slice(0, 3)).toEqual(['01-31', '02-29', '03-31']);
		expect(days).toHaveLength(12);
	});

	it('repeats 29 February only in leap years', () => {
		const r = { rrule: 'FREQ=YEARLY', startsLocal: '2028-02-29T10:00', timeZone: 'UTC' };
		const got = expand(r, { from: new Date('2028-01-01Z'), to: new Date('2037-01-01Z') });
		expect(got.map((o) => o.key.slice(0, 4))).toEqual(['2028', '2032', '2036']);
	});

	it('honours COUNT and UNTIL', () => {
		const base = { startsLocal: '2027-01-05T10:00', timeZone: 'Europe/London' };
		expect(expand({ ...base, rrule: 'FREQ=WEEKLY;COUNT=3' }, year(2027))).toHaveLength(3);
		const until = withUntil('FREQ=WEEKLY', '2027-01-19');
		expect(expand({ ...base, rrule: until }, year(2027)).map((o) => o.key)).toEqual([
			'2027-01-05T10:00',
			'2027-01-12T10:00',
			'2027-01-19T10:00'
		]);
	});

	it('gives only occurrences inside the range asked for', () => {
		const r = {
			rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU',
			startsLocal: '2027-01-05T10:00',
			timeZone: 'Europe/London'
		};
		const got = expand(r, {
			from: new Date('2027-04-06T09:00Z'),
			to: new Date('2027-10-05T09:00Z')
		});
		expect(got.map((o) => o.key)).toEqual([
			'2027-04-06T10:00',
			'2027-07-06T10:00',
			'2027-10-05T10:00'
		]);
		const later = expand(r, {
			from: new Date('2027-04-06T09:00:01Z'),
			to: new Date('2027-10-05T08:59Z')
		});
		expect(later.map((o) => o.key)).toEqual(['2027-07-06T10:00']);
	});
});

describe('checking a rule', () => {
	const at = (rrule: string, startsLocal = '2027-01-05T10:00'): Recurrence => ({
		rrule,
		startsLocal,
		timeZone: 'Europe/London'
	});

	it('writes the rule in one canonical form', () => {
		expect(normaliseRule('rrule:byday=1tu;freq=monthly;interval=3')).toBe(
			'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU'
		);
		expect(normaliseRule('FREQ=WEEKLY;UNTIL=20271231')).toBe('FREQ=WEEKLY;UNTIL=20271231T235900');
	});

	it('refuses anything more often than daily, and hour or minute parts', () => {
		refused(() => checkRecurrence(at('FREQ=HOURLY')), /at most daily/);
		refused(() => checkRecurrence(at('FREQ=WEEKLY;BYHOUR=9,15')), /BYHOUR is not used/);
	});

	it(`refuses a rule giving more than ${MAX_PER_HORIZON} drills in ${HORIZON_MONTHS} months`, () => {
		refused(() => checkRecurrence(at('FREQ=DAILY')), /more than 60/);
		refused(() => checkRecurrence(at('FREQ=WEEKLY;BYDAY=MO,WE,FR')), /more than 60/);
		expect(checkRecurrence(at('FREQ=WEEKLY;BYDAY=MO'))).toBe('FREQ=WEEKLY;BYDAY=MO');
		expect(checkRecurrence(at('FREQ=DAILY;COUNT=20'))).toBe('FREQ=DAILY;COUNT=20');
	});

	it('refuses malformed and unsupported rules, naming the problem', () => {
		refused(() => checkRecurrence(at('')), /Give the rule/);
		refused(() => checkRecurrence(at('every tuesday')), /KEY=VALUE/);
		refused(() => checkRecurrence(at('INTERVAL=2')), /needs a FREQ/);
		refused(() => checkRecurrence(at('FREQ=FORTNIGHTLY')), /not a frequency/);
		refused(() => checkRecurrence(at('FREQ=WEEKLY;BYDAY=XX')), /BYDAY lists days/);
		refused(() => checkRecurrence(at('FREQ=MONTHLY;BYMONTHDAY=32')), /BYMONTHDAY/);
		refused(() => checkRecurrence(at('FREQ=WEEKLY;COUNT=3;UNTIL=20271231')), /not both/);
		refused(() => checkRecurrence(at('DTSTART=20270105T100000;FREQ=WEEKLY')), /rule alone/);
		refused(() => checkRecurrence(at('FREQ=WEEKLY;FREQ=DAILY')), /given twice/);
		refused(() => checkRecurrence(at('FREQ=YEARLY;BYWEEKNO=20')), /not supported/);
		refused(() => checkRecurrence(at('FREQ=WEEKLY', '2027-02-30T10:00')), /date and time/);
		refused(() => checkRecurrence({ ...at('FREQ=WEEKLY'), timeZone: 'Mars/Olympus' }), /time zone/);
		expect(new RecurrenceError('x').field).toBe('rrule');
	});

	it('says the rule in words with its time and zone', () => {
		expect(describeRule(at('FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU'))).toBe(
			'every 3 months on the 1st Tuesday, at 10:00 (Europe/London)'
		);
		expect(describeRule(at('FREQ=WEEKLY;COUNT=4'))).toBe(
			'every week for 4 times, at 10:00 (Europe/London)'
		);
	});
});

describe('presets', () => {
	it('fit the first occurrence: its weekday, its place in the month, its day', () => {
		// 5 January 2027 is the first Tuesday of the month.
		const start = '2027-01-05T10:00';
		expect(presetRule('weekly', start)).toBe('FREQ=WEEKLY;BYDAY=TU');
		expect(presetRule('fortnightly', start)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
		expect(presetRule('monthly-weekday', start)).toBe('FREQ=MONTHLY;BYDAY=1TU');
		expect(presetRule('monthly-day', start)).toBe('FREQ=MONTHLY;BYMONTHDAY=5');
		expect(presetRule('quarterly', start)).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU');
		expect(presetRule('yearly', start)).toBe('FREQ=YEARLY');
		expect(presetLabel('quarterly', start)).toBe('Every 3 months on the first Tuesday');
		// 29 January 2027 is the fifth Friday: "the last Friday".
		expect(presetRule('monthly-weekday', '2027-01-29T10:00')).toBe('FREQ=MONTHLY;BYDAY=-1FR');
	});

	it('each begins on its first occurrence', () => {
		for (const p of presets) {
			const r = {
				rrule: presetRule(p, '2027-01-29T10:00'),
				startsLocal: '2027-01-29T10:00',
				timeZone: 'UTC'
			};
			expect(checkRecurrence(r)).toBeTruthy();
			expect(expand(r, year(2027))[0].key, p).toBe('2027-01-29T10:00');
		}
	});
});

describe('properties', () => {
	const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney'];
	const recurrence = fc.record({
		preset: fc.constantFrom(...presets),
		timeZone: fc.constantFrom(...zones),
		date: fc.date({
			min: new Date('2026-01-01Z'),
			max: new Date('2030-12-31Z'),
			noInvalidDate: true
		}),
		hour: fc.integer({ min: 0, max: 23 }),
		minute: fc.constantFrom(0, 15, 30, 45)
	});
	type Generated = typeof recurrence extends fc.Arbitrary<infer T> ? T : never;
	const build = (v: Generated): Recurrence => {
		const startsLocal = `${v.date.toISOString().slice(0, 10)}T${String(v.hour).padStart(2, '0')}:${String(v.minute).padStart(2, '0')}`;
		return { rrule: presetRule(v.preset, startsLocal), startsLocal, timeZone: v.timeZone };
	};
	const horizon = (r: Recurrence) => {
		const from = new Date(`${r.startsLocal}:00Z`);
		const to = new Date(from);
		to.setUTCMonth(to.getUTCMonth() + HORIZON_MONTHS);
		return { from: new Date(from.getTime() - 86_400_000), to };
	};

	it('keeps the wall time of every occurrence (or the hour after, when the clocks skip it)', () => {
		fc.assert(
			fc.property(recurrence, (v) => {
				const r = build(v);
				for (const o of expand(r, horizon(r))) {
					expect(o.key.slice(11)).toBe(r.startsLocal.slice(11));
					const shown = toWallTime(o.at, r.timeZone);
					if (shown !== o.key) {
						// Only a skipped time moves, and then by the gap (an hour in these zones).
						expect(new Date(`${shown}:00Z`).getTime() - new Date(`${o.key}:00Z`).getTime()).toBe(
							3_600_000
						);
					}
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('gives strictly increasing instants and distinct keys', () => {
		fc.assert(
			fc.property(recurrence, (v) => {
				const r = build(v);
				const got = expand(r, horizon(r));
				expect(got.length).toBeGreaterThan(0);
				for (let i = 1; i < got.length; i++) {
					expect(got[i].at.getTime()).toBeGreaterThan(got[i - 1].at.getTime());
					expect(got[i].key > got[i - 1].key).toBe(true);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it(`never lets a checked rule give more than ${MAX_PER_HORIZON} drills in ${HORIZON_MONTHS} months`, () => {
		const rule = fc.record({
			freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY'),
			interval: fc.integer({ min: 1, max: 10 }),
			days: fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR'], { minLength: 1 }),
			count: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined })
		});
		fc.assert(
			fc.property(rule, (g) => {
				const rrule = [
					`FREQ=${g.freq}`,
					`INTERVAL=${g.interval}`,
					g.freq === 'WEEKLY' ? `BYDAY=${g.days.join(',')}` : '',
					g.count ? `COUNT=${g.count}` : ''
				]
					.filter(Boolean)
					.join(';');
				const r = { rrule, startsLocal: '2027-01-04T10:00', timeZone: 'Europe/London' };
				let accepted = true;
				try {
					checkRecurrence(r);
				} catch (e) {
					expect(e).toBeInstanceOf(RecurrenceError);
					accepted = false;
				}
				const n = expand(r, horizon(r)).length;
				expect(accepted).toBe(n <= MAX_PER_HORIZON);
				if (g.count) expect(n).toBeLessThanOrEqual(g.count);
			}),
			{ numRuns: 150 }
		);
	});
});
