import type { Role } from '../../src/lib/permissions';

// The words of the access rules: who visits, what they may get, the sample values known only
// once the server runs, and the expectations by group. access-rules.ts and the rule files of
// each part of the app (access-rules-*.ts) build on these.

export type Visitor = 'anonymous' | Role;

export type Outcome =
	/** 200 */
	| 'ok'
	/** 303/302 to /login */
	| 'login'
	/** 303/302 to / (the login page for somebody already signed in) */
	| 'home'
	/** 403 */
	| 'forbidden'
	/** 404 */
	| 'not_found'
	/** 401 with the JSON error shape of /api */
	| 'unauthorized'
	/** 405 */
	| 'method_not_allowed'
	/** 400: let through the gate, then refused for its (deliberately invalid) input */
	| 'invalid'
	/** 409: let through the gate, then refused by the state of the record (e.g. not a draft) */
	| 'conflict'
	/** 422: an API body that fails validation */
	| 'unprocessable'
	/** 413: a body over the size limit */
	| 'too_large'
	/** 415: a body of a content type the endpoint does not take (a form where JSON belongs) */
	| 'unsupported_media_type'
	/** 303/302 to another page of the app (e.g. a trainee sent on to the plan in force) */
	| 'redirect';

/** Values only known once the server runs, e.g. the id of a demo account. */
export type SampleValues = {
	traineeId: string;
	/** A custom scenario the access test uploads as the lead before it runs. */
	customScenarioId: string;
	/** A plan the access test makes: its version in force, the one it superseded, its draft. */
	planId: string;
	approvedId: string;
	supersededId: string;
	draftId: string;
	/** Drills the access test makes (drill-fixture.ts): a draft with the trainee in it, … */
	drillId: string;
	/** …the same ended, and a draft the trainee is not in. */
	endedDrillId: string;
	privateDrillId: string;
	/** Lessons the access test makes (lessons-fixture.ts) from the ended drill: an area for
	 * improvement, an action on it owned by the demo trainee, one owned by the demo admin,
	 * and a real-incident review (incident-fixture.ts). */
	findingId: string;
	actionId: string;
	othersActionId: string;
	incidentId: string;
	/** Assigned practice (assignments-fixture.ts): the demo trainee's, the second demo
	 * trainee's, and a cancelled one of the demo trainee's. */
	assignmentId: string;
	othersAssignmentId: string;
	cancelledAssignmentId: string;
	/** A team drill over a window opening tomorrow, the demo trainee in it (async-fixture.ts). */
	asyncDrillId: string;
	/** The demo auditor's calendar feed token (calendar-fixture.ts). */
	feedToken: string;
	/** A recurring series the demo lead set up, the demo trainee in it (series-fixture.ts). */
	seriesId: string;
};

/** How samples read in test titles. */
export const placeholderValues: SampleValues = {
	traineeId: '<trainee id>',
	customScenarioId: '<custom scenario>',
	planId: '<plan>',
	approvedId: '<approved>',
	supersededId: '<superseded>',
	draftId: '<draft>',
	drillId: '<drill>',
	endedDrillId: '<ended drill>',
	privateDrillId: '<drill without the trainee>',
	findingId: '<finding>',
	actionId: '<trainee’s action>',
	othersActionId: '<admin’s action>',
	incidentId: '<incident review>',
	assignmentId: '<trainee’s assignment>',
	othersAssignmentId: '<another trainee’s assignment>',
	cancelledAssignmentId: '<cancelled assignment>',
	asyncDrillId: '<window drill>',
	feedToken: '<feed token>',
	seriesId: '<series>'
};

export type Sample = string | ((values: SampleValues) => string);

export type Probe = {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Defaults to the rule's sample path. */
	path?: Sample;
	/** Sent as an urlencoded form (any method but GET). */
	form?: Record<string, string>;
	/** Sent as a JSON body instead of a form. */
	json?: unknown;
	/** A server-sent event stream: only the status and content type are read. */
	stream?: boolean;
	/** The request ends the session it is sent with, so it gets a session of its own. */
	endsSession?: boolean;
	expect: Record<Visitor, Outcome>;
};

export type RouteRule = { sample: Sample; probes: Probe[] };

// A well-formed secret (32 base32 characters) that no invite or setup link ever had.
export const UNKNOWN_SECRET = 'abcdefghijklmnopqrstuvwxyz234567';
// A well-formed id that no user has.
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Expectations by group: editors are admins and leads, readers add auditors. */
export const expect5 = (
	anonymous: Outcome,
	admin: Outcome,
	lead: Outcome,
	trainee: Outcome,
	auditor: Outcome
): Record<Visitor, Outcome> => ({ anonymous, admin, lead, trainee, auditor });
export const everyone = (o: Outcome, anonymous: Outcome = 'login') =>
	expect5(anonymous, o, o, o, o);
export const editors = (o: Outcome, others: Outcome = 'forbidden', anonymous: Outcome = 'login') =>
	expect5(anonymous, o, o, others, others);
export const adminOnly = (o: Outcome) => expect5('login', o, 'forbidden', 'forbidden', 'forbidden');
/** The audit trail: admins and auditors. */
export const overseers = (o: Outcome) => expect5('login', o, 'forbidden', 'forbidden', o);
export const readers = (o: Outcome, trainee: Outcome = 'forbidden', anonymous: Outcome = 'login') =>
	expect5(anonymous, o, o, trainee, o);
