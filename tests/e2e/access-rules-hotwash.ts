import {
	editors,
	everyone,
	expect5,
	readers,
	UNKNOWN_ID,
	type RouteRule,
	type SampleValues
} from './access-kit';

// Access rules for the hot wash of a drill and real-incident reviews. The hot wash is read by
// everyone in the drill and by readers of ended drills; its participants and facilitator
// answer it; the facilitator or a lead runs it. Incident reviews: readers of lessons read
// them, leads and admins write them. Every probe that passes the gate is refused by its input
// or the record's state, so the samples stay as they were.

const hotwash = (v: SampleValues) => `/drills/${v.endedDrillId}/hotwash`;
const privateHotwash = (v: SampleValues) => `/drills/${v.privateDrillId}/hotwash`;
const review = (v: SampleValues) => `/lessons/incidents/${v.incidentId}`;

export const hotWashRules: Record<string, RouteRule> = {
	'/drills/[drillId]/hotwash': {
		sample: hotwash,
		probes: [
			// The trainee took part; the auditor reads ended drills; leads and admins read all.
			{ method: 'GET', expect: everyone('ok') },
			// A draft: no hot wash yet; the trainee is not in it, the auditor reads ended ones only.
			{
				method: 'GET',
				path: privateHotwash,
				expect: expect5('login', 'ok', 'ok', 'not_found', 'not_found')
			},
			{ method: 'GET', path: `/drills/${UNKNOWN_ID}/hotwash`, expect: everyone('not_found') },
			{ method: 'GET', path: '/drills/not-a-uuid/hotwash', expect: everyone('not_found') },
			// Participants and the facilitator answer (an empty answer is refused); the admin took
			// no part; auditors never answer.
			{
				method: 'POST',
				path: (v) => `${hotwash(v)}?/answer`,
				form: { wentWell: '', wentBadly: '', oneChange: '' },
				expect: expect5('login', 'forbidden', 'invalid', 'invalid', 'forbidden')
			},
			{
				method: 'POST',
				path: (v) => `${privateHotwash(v)}?/answer`,
				form: { wentWell: 'Too early.' },
				expect: expect5('login', 'conflict', 'conflict', 'not_found', 'forbidden')
			},
			{
				method: 'POST',
				path: (v) => `${hotwash(v)}?/summary`,
				form: { summary: 'x'.repeat(10_001) },
				expect: editors('invalid')
			},
			{
				method: 'POST',
				path: (v) => `${hotwash(v)}?/extend`,
				form: { closesAt: 'next week' },
				expect: editors('invalid')
			},
			// Closing: a drill that has not ended has no hot wash to close.
			{
				method: 'POST',
				path: (v) => `${privateHotwash(v)}?/close`,
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${hotwash(v)}?/promote`,
				form: { observationId: UNKNOWN_ID },
				expect: editors('not_found')
			}
		]
	},
	'/lessons/incidents': {
		sample: '/lessons/incidents',
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	'/lessons/incidents/new': {
		sample: '/lessons/incidents/new',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'POST',
				path: '/lessons/incidents/new?/save',
				form: { reference: '', title: 'No reference' },
				expect: editors('invalid')
			},
			// More rows: the form again, nothing saved.
			{
				method: 'POST',
				path: '/lessons/incidents/new?/more',
				form: { more: 'timeline' },
				expect: editors('ok')
			}
		]
	},
	'/lessons/incidents/[reviewId]': {
		sample: review,
		probes: [
			{ method: 'GET', expect: readers('ok') },
			{
				method: 'GET',
				path: `/lessons/incidents/${UNKNOWN_ID}`,
				expect: readers('not_found')
			},
			{ method: 'GET', path: '/lessons/incidents/not-a-uuid', expect: readers('not_found') }
		]
	},
	'/lessons/incidents/[reviewId]/edit': {
		sample: (v) => `${review(v)}/edit`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'GET',
				path: `/lessons/incidents/${UNKNOWN_ID}/edit`,
				expect: editors('not_found')
			},
			// Based on a revision long gone: refused before anything is read from the form.
			{
				method: 'POST',
				path: (v) => `${review(v)}/edit?/save`,
				form: { revision: '0', reference: 'INC-STALE' },
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${review(v)}/edit?/save`,
				form: { reference: 'INC-NO-REVISION' },
				expect: editors('invalid')
			},
			{
				method: 'POST',
				path: (v) => `${review(v)}/edit?/more`,
				form: { revision: '1', more: 'notifications' },
				expect: editors('ok')
			}
		]
	}
};
