import { scenarioTimeAt } from './clock';
import type { DrillListItem } from './list';
import { seesEverything, type DrillRelation } from './membership';
import type { Drill } from './rows';
import type { FacilitatorState, ParticipantState } from './state';

// Drills as the API answers them: camelCase, one place per record kind. The states and
// results are already made for their viewer by the domain; this names which view it is.

export function drillListObject(d: DrillListItem) {
	return {
		id: d.id,
		title: d.title,
		mode: d.mode,
		status: d.status,
		scenarioId: d.scenarioId,
		planVersionId: d.planVersionId,
		createdBy: d.createdByName,
		createdAt: d.createdAt,
		startedAt: d.startedAt,
		endedAt: d.endedAt,
		/** The caller's place in the drill; null when they only read it. */
		memberAs: d.myKind
	};
}

/**
 * The drill now: `view` says which shape follows, the console's (facilitators, and leads,
 * admins and auditors reading it) or the participant's (participants and observers).
 */
export function drillStateObject(
	as: DrillRelation,
	state: FacilitatorState | ParticipantState
): { view: 'facilitator' | 'participant'; as: DrillRelation } & (
	FacilitatorState | ParticipantState
) {
	return { view: seesEverything(as) ? 'facilitator' : 'participant', as, ...state };
}

export function answerObject(a: {
	answerId: string;
	promptId: string;
	scenarioMs: number;
	at: Date;
}) {
	return { id: a.answerId, promptId: a.promptId, scenarioMs: a.scenarioMs, at: a.at };
}

/** The drill's clock after a change: its status, speed and scenario time now. */
export function clockObject(d: Drill, now: Date) {
	return {
		id: d.id,
		status: d.status,
		speed: d.clock.speed,
		scenarioMs: scenarioTimeAt(d.clock, now)
	};
}
