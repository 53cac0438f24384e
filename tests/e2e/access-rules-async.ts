import {
	editors,
	expect5,
	UNKNOWN_ID,
	type Probe,
	type RouteRule,
	type SampleValues
} from './access-kit';

// Access rules for team drills over a window. The grading queue is for leads and admins (it
// lists the drills they facilitate); grading there is the drill's facilitator's, so a drill
// that does not exist answers "not found". A window drill (a draft opening tomorrow, the demo
// trainee in it, the lead facilitating) is read like a live draft, and nobody moves its clock
// by hand: its facilitator is refused by the drill's mode, everyone else at the door.

const windowDrill = (v: SampleValues) => `/drills/${v.asyncDrillId}`;

export const asyncRules: Record<string, RouteRule> = {
	'/drills/grading': {
		sample: '/drills/grading',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'POST',
				path: '/drills/grading?/grade',
				form: { drillId: UNKNOWN_ID, promptId: 'q-first', level: 'Strong' },
				expect: editors('not_found')
			},
			{
				method: 'POST',
				path: '/drills/grading?/grade',
				form: { drillId: 'not-a-uuid', promptId: 'q-first', level: 'Strong' },
				expect: editors('not_found')
			}
		]
	}
};

/** Probes of the drill page (`/drills/[drillId]`) on a window drill, added to its rule. */
export const windowDrillProbes: Probe[] = [
	// Auditors read ended drills only; the trainee is in it.
	{ method: 'GET', path: windowDrill, expect: expect5('login', 'ok', 'ok', 'ok', 'not_found') },
	...(['start', 'pause', 'resume'] as const).map((name): Probe => ({
		method: 'POST',
		path: (v) => `${windowDrill(v)}?/${name}`,
		expect: expect5('login', 'forbidden', 'conflict', 'forbidden', 'forbidden')
	})),
	// Answers wait for the window to open.
	{
		method: 'POST',
		path: (v) => `${windowDrill(v)}?/answer`,
		form: { promptId: 'q-first', promptType: 'single-choice', option: 'bank-now' },
		expect: expect5('login', 'forbidden', 'conflict', 'conflict', 'forbidden')
	}
];
