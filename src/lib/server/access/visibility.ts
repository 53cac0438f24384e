import { can } from '../../permissions';
import type { SessionUser } from '../auth/session';

// What a user may list and open, as data the repository queries apply, so that a page, an
// action, the API and a stream can never disagree. A record outside a user's view does not
// exist for them: it answers "not found", never "forbidden".

export type PlanView = {
	/** Only the approved version in force of each plan: no drafts, history or diffs. */
	inForceOnly: boolean;
};

export type ScenarioView = {
	/** Only valid, solo-ready scenarios, and only their participant view. */
	soloOnly: boolean;
};

export const planView = (user: Pick<SessionUser, 'role'>): PlanView => ({
	inForceOnly: !can(user.role, 'plans.read_all')
});

export const scenarioView = (user: Pick<SessionUser, 'role'>): ScenarioView => ({
	soloOnly: !can(user.role, 'scenarios.read_all')
});

export type DrillView = {
	/** Every drill (leads and admins). */
	all: boolean;
	/** Otherwise the drills this user is a member of… */
	memberId: string;
	/** …and, for auditors, every ended drill (read-only). */
	ended: boolean;
};

export const drillView = (user: Pick<SessionUser, 'id' | 'role'>): DrillView => ({
	all: can(user.role, 'drills.read_all'),
	memberId: user.id,
	ended: can(user.role, 'drills.read_ended')
});
