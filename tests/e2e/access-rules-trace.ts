import {
	editors,
	everyone,
	readers,
	UNKNOWN_ID,
	type RouteRule,
	type SampleValues
} from './access-kit';

// Access rules for the plan change trace: linking actions to plan drafts, the trace page and its API.
//
// Leads and admins link (and unlink); auditors read the trace but may not link; trainees see
// neither, not even for an action they own. The version page's panel of the actions a version
// resolves is covered by the plan rules (its unlink buttons post to the link page below).

const linkPage = (v: SampleValues, actionId: keyof SampleValues = 'actionId') =>
	`/lessons/actions/${v[actionId]}/plan`;
/** A section every plan made from the template has. */
const SECTION = 'escalation';

export const traceRules: Record<string, RouteRule> = {
	'/lessons/trace': {
		sample: '/lessons/trace',
		probes: [
			{ method: 'GET', expect: readers('ok') },
			{
				method: 'GET',
				path: (v) => `/lessons/trace?drill=${v.endedDrillId}`,
				expect: readers('ok')
			},
			{
				method: 'GET',
				path: (v) => `/lessons/trace?incident=${v.incidentId}`,
				expect: readers('ok')
			},
			{
				method: 'GET',
				path: (v) => `/lessons/trace?finding=${v.findingId}`,
				expect: readers('ok')
			},
			{ method: 'GET', path: (v) => `/lessons/trace?action=${v.actionId}`, expect: readers('ok') },
			{
				method: 'GET',
				path: (v) => `/lessons/trace?plan=${v.planId}&section=${SECTION}`,
				expect: readers('ok')
			},
			{
				method: 'GET',
				path: `/lessons/trace?action=${UNKNOWN_ID}`,
				expect: readers('not_found')
			},
			{
				method: 'GET',
				path: (v) => `/lessons/trace?drill=${v.endedDrillId}&action=${v.actionId}`,
				expect: readers('invalid')
			}
		]
	},
	'/lessons/actions/[actionId]/plan': {
		sample: (v) => linkPage(v),
		probes: [
			// The trainee owns this action, and still may not change the plan for it.
			{ method: 'GET', expect: editors('ok') },
			{ method: 'GET', path: (v) => linkPage(v, 'othersActionId'), expect: editors('ok') },
			{
				method: 'GET',
				path: (v) => `${linkPage(v)}?plan=${v.planId}`,
				expect: editors('ok')
			},
			{ method: 'GET', path: `/lessons/actions/${UNKNOWN_ID}/plan`, expect: editors('not_found') },
			// Let through the gate, then refused for its input (no plan named): nothing linked.
			{
				method: 'POST',
				path: (v) => `${linkPage(v)}?/link`,
				form: { sectionKeys: 'no-such-section' },
				expect: editors('invalid')
			},
			// A version the action is not linked to.
			{
				method: 'POST',
				path: (v) => `${linkPage(v)}?/unlink`,
				form: { versionId: UNKNOWN_ID },
				expect: editors('not_found')
			}
		]
	},
	'/api/v1/trace': {
		sample: (v) => `/api/v1/trace?action=${v.actionId}`,
		probes: [
			{ method: 'GET', expect: readers('ok', 'forbidden', 'unauthorized') },
			{
				method: 'GET',
				path: (v) => `/api/v1/trace?section=${v.planId}:${SECTION}`,
				expect: readers('ok', 'forbidden', 'unauthorized')
			},
			{
				method: 'GET',
				path: (v) => `/api/v1/trace?drill=${v.endedDrillId}`,
				expect: readers('ok', 'forbidden', 'unauthorized')
			},
			{
				method: 'GET',
				path: `/api/v1/trace?finding=${UNKNOWN_ID}`,
				expect: readers('not_found', 'forbidden', 'unauthorized')
			},
			{
				method: 'GET',
				path: '/api/v1/trace',
				expect: readers('invalid', 'forbidden', 'unauthorized')
			},
			{ method: 'POST', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	}
};
