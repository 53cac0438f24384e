import { adminOnly, everyone, readers, type RouteRule } from './access-kit';

// Access rules for the exercise programme: the programme page, its coverage and its API.
//
// Leads, admins and auditors read the requirement statuses and coverage; trainees do not.
// Only admins switch frameworks on or off: the probes name a framework that cannot be
// switched (unknown, or the always-on baseline), so an admin is let through the gate and
// refused for the input, and nothing changes.

export const programmeRules: Record<string, RouteRule> = {
	'/programme': {
		sample: '/programme',
		probes: [
			{ method: 'GET', expect: readers('ok') },
			{
				method: 'POST',
				path: '/programme?/enable',
				form: { framework: 'no-such-framework' },
				expect: adminOnly('invalid')
			},
			{
				method: 'POST',
				path: '/programme?/disable',
				form: { framework: 'baseline' },
				expect: adminOnly('invalid')
			}
		]
	},
	'/programme/coverage': {
		sample: '/programme/coverage',
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	'/api/v1/programme': {
		sample: '/api/v1/programme',
		probes: [
			{ method: 'GET', expect: readers('ok', 'forbidden', 'unauthorized') },
			{ method: 'POST', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	}
};
