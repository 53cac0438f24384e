import { editors, expect5, UNKNOWN_ID, type RouteRule, type SampleValues } from './access-kit';

// Access rules for assigned practice. Leads and admins assign, cancel and follow progress;
// a trainee opens only their own assignment (another trainee's does not exist for them);
// auditors have no part in practice. Every write probe is refused by its input or the
// record's state, so the samples stay as they were.

const own = (v: SampleValues) => `/practice/assignments/${v.assignmentId}`;
const others = (v: SampleValues) => `/practice/assignments/${v.othersAssignmentId}`;
const cancelled = (v: SampleValues) => `/practice/assignments/${v.cancelledAssignmentId}`;

export const assignmentsRules: Record<string, RouteRule> = {
	'/practice/assignments': {
		sample: '/practice/assignments',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{ method: 'GET', path: '/practice/assignments?status=overdue', expect: editors('ok') },
			{
				method: 'POST',
				path: '/practice/assignments?/assign',
				form: { scenarioId: '', dueDate: '', note: '' },
				expect: editors('invalid')
			},
			// A scenario that needs a facilitator cannot be practised alone.
			{
				method: 'POST',
				path: '/practice/assignments?/assign',
				form: { scenarioId: 'ransomware-double-extortion', traineeIds: UNKNOWN_ID, dueDate: '' },
				expect: editors('invalid')
			},
			{
				method: 'POST',
				path: '/practice/assignments?/cancel',
				form: { assignmentId: UNKNOWN_ID },
				expect: editors('not_found')
			}
		]
	},
	'/practice/assignments/[assignmentId]': {
		sample: own,
		probes: [
			{ method: 'GET', expect: expect5('login', 'ok', 'ok', 'ok', 'forbidden') },
			{
				method: 'GET',
				path: others,
				expect: expect5('login', 'ok', 'ok', 'not_found', 'forbidden')
			},
			{
				method: 'GET',
				path: `/practice/assignments/${UNKNOWN_ID}`,
				expect: expect5('login', 'not_found', 'not_found', 'not_found', 'forbidden')
			},
			{
				method: 'GET',
				path: '/practice/assignments/not-a-uuid',
				expect: expect5('login', 'not_found', 'not_found', 'not_found', 'forbidden')
			},
			{ method: 'POST', path: (v) => `${cancelled(v)}?/cancel`, expect: editors('conflict') },
			{
				method: 'POST',
				path: `/practice/assignments/${UNKNOWN_ID}?/cancel`,
				expect: editors('not_found')
			}
		]
	},
	'/practice/assignments/progress': {
		sample: '/practice/assignments/progress',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'GET',
				path: (v) => `/practice/assignments/progress?trainee=${v.traineeId}`,
				expect: editors('ok')
			},
			{
				method: 'GET',
				path: `/practice/assignments/progress?trainee=${UNKNOWN_ID}`,
				expect: editors('not_found')
			}
		]
	}
};
