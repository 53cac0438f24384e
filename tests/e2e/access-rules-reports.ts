import { everyone, expect5, readers, UNKNOWN_ID, type RouteRule } from './access-kit';

// Access rules for the PDF reports, the verify page and the list of generated reports.
//
// Everyone signed in may have the after-action report of an ended drill they may see: a
// trainee only of drills they took part in (the ended drill has the demo trainee in it, the
// private one does not). Plan version reports and evidence packs are for admins, leads and
// auditors, and so are the verify page and the list of reports. A draft has no report (409).

const ZERO_HASH = '0'.repeat(64);

export const reportsRules: Record<string, RouteRule> = {
	'/api/v1/reports/aar/[drillId].pdf': {
		sample: (v) => `/api/v1/reports/aar/${v.endedDrillId}.pdf`,
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'GET',
				path: (v) => `/api/v1/reports/aar/${v.privateDrillId}.pdf`,
				expect: expect5('unauthorized', 'conflict', 'conflict', 'not_found', 'not_found')
			},
			{
				method: 'GET',
				path: `/api/v1/reports/aar/${UNKNOWN_ID}.pdf`,
				expect: everyone('not_found', 'unauthorized')
			},
			{ method: 'POST', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	},
	'/api/v1/reports/plan-version/[versionId].pdf': {
		sample: (v) => `/api/v1/reports/plan-version/${v.approvedId}.pdf`,
		probes: [
			{ method: 'GET', expect: readers('ok', 'forbidden', 'unauthorized') },
			{
				method: 'GET',
				path: (v) => `/api/v1/reports/plan-version/${v.supersededId}.pdf`,
				expect: readers('ok', 'forbidden', 'unauthorized')
			},
			{
				method: 'GET',
				path: (v) => `/api/v1/reports/plan-version/${v.draftId}.pdf`,
				expect: readers('conflict', 'forbidden', 'unauthorized')
			},
			{
				method: 'GET',
				path: `/api/v1/reports/plan-version/${UNKNOWN_ID}.pdf`,
				expect: readers('not_found', 'forbidden', 'unauthorized')
			},
			{ method: 'POST', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	},
	'/api/v1/reports/evidence-pack.pdf': {
		sample: '/api/v1/reports/evidence-pack.pdf?from=2026-01-01&to=2026-11-30',
		probes: [
			{ method: 'GET', expect: readers('ok', 'forbidden', 'unauthorized') },
			{
				method: 'GET',
				path: '/api/v1/reports/evidence-pack.pdf?from=2026-12-01&to=2026-01-01',
				expect: readers('invalid', 'forbidden', 'unauthorized')
			},
			{ method: 'POST', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	},
	'/api/v1/reports/verify': {
		sample: '/api/v1/reports/verify',
		probes: [
			{
				method: 'POST',
				json: { sha256: ZERO_HASH },
				expect: readers('ok', 'forbidden', 'unauthorized')
			},
			{
				method: 'POST',
				json: { sha256: 'not a hash' },
				expect: readers('unprocessable', 'forbidden', 'unauthorized')
			},
			{ method: 'GET', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	},
	'/api/v1/reports': {
		sample: '/api/v1/reports',
		probes: [
			{ method: 'GET', expect: readers('ok', 'forbidden', 'unauthorized') },
			{ method: 'POST', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	},
	'/reports': {
		sample: '/reports',
		probes: [
			{ method: 'GET', expect: readers('ok') },
			{
				method: 'POST',
				path: '/reports?/verify',
				form: { sha256: ZERO_HASH },
				expect: readers('ok')
			},
			{
				method: 'POST',
				path: '/reports?/verify',
				form: {},
				expect: readers('invalid')
			}
		]
	}
};
