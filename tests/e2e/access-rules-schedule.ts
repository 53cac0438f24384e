import { expect5, UNKNOWN_ID, type RouteRule, type SampleValues } from './access-kit';

// Access rules for recurring series. Leads and admins read a series and change it; trainees
// and auditors are told it does not exist (they see its occurrences they are in, as drills)
// and may not post to it. Every probe that passes the gate is refused by its input or state:
// nothing here changes the series.

const series = (v: SampleValues) => `/drills/series/${v.seriesId}`;
const schedulers = (o: 'ok' | 'invalid' | 'conflict' | 'not_found') =>
	expect5('login', o, o, 'forbidden', 'forbidden');

export const scheduleRules: Record<string, RouteRule> = {
	'/drills/series/[seriesId]': {
		sample: series,
		probes: [
			{ method: 'GET', expect: expect5('login', 'ok', 'ok', 'not_found', 'not_found') },
			{
				method: 'GET',
				path: `/drills/series/${UNKNOWN_ID}`,
				expect: expect5('login', 'not_found', 'not_found', 'not_found', 'not_found')
			},
			{
				method: 'GET',
				path: '/drills/series/not-an-id',
				expect: expect5('login', 'not_found', 'not_found', 'not_found', 'not_found')
			},
			// A form without the revision it was based on.
			{
				method: 'POST',
				path: (v) => `${series(v)}?/edit`,
				form: { scheduledAt: '2030-01-07T10:00', rrule: 'FREQ=WEEKLY' },
				expect: schedulers('invalid')
			},
			// A stale revision: refused under the row lock, nothing ended.
			{
				method: 'POST',
				path: (v) => `${series(v)}?/end`,
				form: { revision: '999999', reason: 'Access probe' },
				expect: schedulers('conflict')
			},
			// A drill that is not one of this series' occurrences.
			{
				method: 'POST',
				path: (v) => `${series(v)}?/cancel`,
				form: { drillId: 'placeholder', reason: 'Access probe' },
				expect: schedulers('not_found')
			}
		]
	}
};
