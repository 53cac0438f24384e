import {
	editors,
	everyone,
	expect5,
	readers,
	UNKNOWN_ID,
	type Outcome,
	type RouteRule,
	type SampleValues
} from './access-kit';

// Access rules for the improvement plan, findings, corrective actions, my actions and their
// API. Readers of lessons (admins, leads, auditors) see everything; leads and admins change
// it; a trainee reaches only the actions they own (anything else does not exist for them).
// Every probe that passes the gate is refused by its input or the action's state, so the
// samples stay as they were.

const finding = (v: SampleValues) => `/lessons/findings/${v.findingId}`;
const mine = (v: SampleValues) => `/lessons/actions/${v.actionId}`;
const others = (v: SampleValues) => `/lessons/actions/${v.othersActionId}`;
const apiMine = (v: SampleValues) => `/api/v1/actions/${v.actionId}`;
const apiOthers = (v: SampleValues) => `/api/v1/actions/${v.othersActionId}`;
/** The API's answer to a visitor let through the gate: anonymous callers get 401. */
const api5 = (admin: Outcome, lead: Outcome, trainee: Outcome, auditor: Outcome) =>
	expect5('unauthorized', admin, lead, trainee, auditor);
/** Owners and leads work on an action; auditors only read it. */
const workers = (o: Outcome, trainee: Outcome = o) => expect5('login', o, o, trainee, 'forbidden');

export const improvementRules: Record<string, RouteRule> = {
	'/lessons': {
		sample: '/lessons',
		probes: [
			{ method: 'GET', expect: readers('ok') },
			{
				method: 'GET',
				path: '/lessons?status=open,in_progress&overdue=1&source=drill',
				expect: readers('ok')
			},
			// Bad filter values are dropped, not an error.
			{ method: 'GET', path: '/lessons?status=sideways&owner=nobody', expect: readers('ok') }
		]
	},
	'/lessons/actions.csv': {
		sample: '/lessons/actions.csv',
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	'/lessons/mine': {
		sample: '/lessons/mine',
		probes: [{ method: 'GET', expect: expect5('login', 'ok', 'ok', 'ok', 'forbidden') }]
	},
	'/lessons/findings': {
		sample: '/lessons/findings',
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	'/lessons/findings/new': {
		sample: '/lessons/findings/new',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'GET',
				path: (v) => `/lessons/findings/new?drill=${v.endedDrillId}`,
				expect: editors('ok')
			},
			{
				method: 'GET',
				path: (v) => `/lessons/findings/new?incident=${v.incidentId}`,
				expect: editors('ok')
			},
			{
				method: 'GET',
				path: `/lessons/findings/new?drill=${UNKNOWN_ID}`,
				expect: editors('not_found')
			},
			// A drill that has not ended gives no findings yet.
			{
				method: 'GET',
				path: (v) => `/lessons/findings/new?drill=${v.drillId}`,
				expect: editors('invalid')
			},
			// A finding without a source.
			{
				method: 'POST',
				form: { kind: 'strength', title: 'x', observation: 'x' },
				expect: editors('invalid')
			}
		]
	},
	'/lessons/findings/[findingId]': {
		sample: finding,
		probes: [
			{ method: 'GET', expect: readers('ok') },
			{ method: 'GET', path: `/lessons/findings/${UNKNOWN_ID}`, expect: readers('not_found') },
			{ method: 'GET', path: '/lessons/findings/not-a-uuid', expect: readers('not_found') },
			{
				method: 'POST',
				path: (v) => `${finding(v)}?/edit`,
				form: { revision: '0', kind: 'strength', title: 'Stale', observation: 'Stale on purpose.' },
				expect: editors('conflict')
			},
			// A due date before the start.
			{
				method: 'POST',
				path: (v) => `${finding(v)}?/addAction`,
				form: {
					action: 'x',
					element: 'training',
					organisation: 'SOC',
					ownerId: UNKNOWN_ID,
					startDate: '2026-05-02',
					dueDate: '2026-05-01'
				},
				expect: editors('invalid')
			}
		]
	},
	'/lessons/actions/[actionId]': {
		sample: mine,
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			{ method: 'GET', path: others, expect: expect5('login', 'ok', 'ok', 'not_found', 'ok') },
			{ method: 'GET', path: `/lessons/actions/${UNKNOWN_ID}`, expect: everyone('not_found') },
			// Verification has its own step with evidence; the owner's trainee gets as far as that.
			{
				method: 'POST',
				path: (v) => `${mine(v)}?/status`,
				form: { status: 'verified' },
				expect: workers('invalid')
			},
			{
				method: 'POST',
				path: (v) => `${others(v)}?/status`,
				form: { status: 'verified' },
				expect: workers('invalid', 'not_found')
			},
			{
				method: 'POST',
				path: (v) => `${mine(v)}?/note`,
				form: { note: ' ' },
				expect: workers('invalid')
			},
			{
				method: 'POST',
				path: (v) => `${others(v)}?/note`,
				form: { note: ' ' },
				expect: workers('invalid', 'not_found')
			},
			{
				method: 'POST',
				path: (v) => `${mine(v)}?/edit`,
				form: { revision: '0' },
				expect: editors('conflict')
			},
			// Only a done action is verified.
			{
				method: 'POST',
				path: (v) => `${mine(v)}?/verify`,
				form: { evidence: 'note', note: 'x', reference: 'x' },
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${mine(v)}?/cancel`,
				form: { reason: '' },
				expect: editors('invalid')
			}
		]
	},
	'/api/v1/findings': {
		sample: '/api/v1/findings',
		probes: [
			{ method: 'GET', expect: readers('ok', 'forbidden', 'unauthorized') },
			{
				method: 'GET',
				path: '/api/v1/findings?kind=weakness',
				expect: readers('unprocessable', 'forbidden', 'unauthorized')
			}
		]
	},
	'/api/v1/actions': {
		sample: '/api/v1/actions',
		probes: [
			// Trainees list their own actions.
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'GET',
				path: '/api/v1/actions?status=sideways',
				expect: everyone('unprocessable', 'unauthorized')
			}
		]
	},
	'/api/v1/actions/[actionId]': {
		sample: apiMine,
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{ method: 'GET', path: apiOthers, expect: api5('ok', 'ok', 'not_found', 'ok') },
			{
				method: 'GET',
				path: `/api/v1/actions/${UNKNOWN_ID}`,
				expect: everyone('not_found', 'unauthorized')
			},
			{
				method: 'PATCH',
				json: { status: 'verified' },
				expect: api5('invalid', 'invalid', 'invalid', 'forbidden')
			},
			{
				method: 'PATCH',
				path: apiOthers,
				json: { status: 'verified' },
				expect: api5('invalid', 'invalid', 'not_found', 'forbidden')
			},
			// Field edits need the revision read; an owner who is no lead may not make them.
			{
				method: 'PATCH',
				json: { revision: 0, dueDate: '2099-01-01' },
				expect: api5('conflict', 'conflict', 'forbidden', 'forbidden')
			},
			{
				method: 'PATCH',
				json: { colour: 'red' },
				expect: api5('unprocessable', 'unprocessable', 'unprocessable', 'forbidden')
			},
			{
				method: 'PATCH',
				form: { status: 'done' },
				expect: everyone('unsupported_media_type', 'unsupported_media_type')
			}
		]
	}
};
