import { everyone, UNKNOWN_SECRET, type RouteRule } from './access-kit';

// Access rules for the exercise programme's calendar routes. The feed comes first: the
// calendar page's probes make every role a new feed address, which retires the sample's.
const FEED_SHAPED = 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst';

export const calendarRules: Record<string, RouteRule> = {
	// Public: the secret address is the credential, whoever asks (signed in or not).
	'/calendar/feed/[token].ics': {
		sample: (v) => `/calendar/feed/${v.feedToken}.ics`,
		probes: [
			{ method: 'GET', expect: everyone('ok', 'ok') },
			{
				method: 'GET',
				path: `/calendar/feed/${FEED_SHAPED}.ics`,
				expect: everyone('not_found', 'not_found')
			},
			{
				method: 'GET',
				path: `/calendar/feed/${UNKNOWN_SECRET}.ics`,
				expect: everyone('not_found', 'not_found')
			}
		]
	},
	'/calendar': {
		sample: '/calendar',
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			{
				method: 'GET',
				path: '/calendar?month=2027-03&view=list&kind=drill&kind=action-due&state=planned&mine=1',
				expect: everyone('ok')
			},
			// A month that is not one falls back to this month.
			{ method: 'GET', path: '/calendar?month=99999-99&state=nonsense', expect: everyone('ok') },
			{ method: 'POST', path: '/calendar?/createFeed', expect: everyone('ok') },
			// Each role has a feed now (made just above): stopping it works once…
			{ method: 'POST', path: '/calendar?/revokeFeed', expect: everyone('ok') },
			// …and then there is none to stop.
			{ method: 'POST', path: '/calendar?/revokeFeed', expect: everyone('not_found') }
		]
	},
	'/api/v1/schedule': {
		sample: '/api/v1/schedule',
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'GET',
				path: '/api/v1/schedule?from=2027-01-01&to=2027-03-31&mine=1',
				expect: everyone('ok', 'unauthorized')
			},
			{
				method: 'GET',
				path: '/api/v1/schedule?from=2027-03-01&to=2027-01-01',
				expect: everyone('invalid', 'unauthorized')
			},
			{
				method: 'GET',
				path: '/api/v1/schedule?from=2027-01-01&to=2029-01-01',
				expect: everyone('invalid', 'unauthorized')
			},
			{ method: 'POST', json: {}, expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	}
};
