import { overseers, type RouteRule } from './access-kit';

// The audit trail and its exports: admins and auditors read and export it; leads and
// trainees do not (403), and nobody signed out (to the login page). A filter the server
// refuses still answers the page (with the field's error) but refuses an export (400).

export const auditRules: Record<string, RouteRule> = {
	'/audit': {
		sample: '/audit',
		probes: [
			{ method: 'GET', expect: overseers('ok') },
			{
				method: 'GET',
				path: (v) => `/audit?type=plan_version&id=${v.approvedId}`,
				expect: overseers('ok')
			},
			{ method: 'GET', path: '/audit?from=2026-02-30', expect: overseers('ok') },
			{ method: 'POST', path: '/audit?/verify', expect: overseers('ok') }
		]
	},
	'/audit/export.[format]': {
		sample: '/audit/export.csv',
		probes: [
			{ method: 'GET', expect: overseers('ok') },
			{
				method: 'GET',
				path: (v) => `/audit/export.json?type=plan_version&id=${v.approvedId}`,
				expect: overseers('ok')
			},
			{ method: 'GET', path: '/audit/export.csv?from=2026-02-30', expect: overseers('invalid') },
			{ method: 'GET', path: '/audit/export.xml', expect: overseers('not_found') }
		]
	}
};
