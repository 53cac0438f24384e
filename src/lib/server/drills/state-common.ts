import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import type { DrillAnswer } from './answer-shape';
import { realTimeWhen, scenarioTimeAt } from './clock';
import { loadDrillData, promptWindow, type DrillData, type PromptWindow } from './load';
import { getDrill, type Drill } from './rows';

// What both screens' shapes share: the drill's header, a prompt's timing, the team's answer.

export type DrillHeader = {
	id: string;
	title: string;
	mode: Drill['mode'];
	status: Drill['status'];
	speed: number;
	scenarioMs: number;
	/** The server's clock when this was read: scenario time advances from here at `speed`. */
	readAt: string;
	startedAt: string | null;
	endedAt: string | null;
	/** Events up to here are in this state: follow the stream from it. */
	lastSeq: number;
	scenario: { id: string; version: number; origin: Drill['scenarioOrigin']; title: string };
	plan: { id: string; versionId: string; number: string; title: string };
	roles: { id: string; name: string }[];
};

export type TeamAnswer = {
	answer: DrillAnswer;
	byName: string;
	at: string;
	scenarioMs: number;
};

export type PromptTiming = PromptWindow & { closesAt: string | null };

export function header(data: DrillData, now: Date): DrillHeader {
	const d = data.drill;
	return {
		id: d.id,
		title: d.title,
		mode: d.mode,
		status: d.status,
		speed: d.clock.speed,
		scenarioMs: scenarioTimeAt(d.clock, now),
		readAt: now.toISOString(),
		startedAt: d.startedAt?.toISOString() ?? null,
		endedAt: d.endedAt?.toISOString() ?? null,
		lastSeq: d.lastSeq,
		scenario: {
			id: d.scenarioId,
			version: d.scenarioVersion,
			origin: d.scenarioOrigin,
			title: data.scenario.title
		},
		plan: {
			id: d.planId,
			versionId: d.planVersionId,
			number: data.plan.number,
			title: data.plan.planTitle
		},
		roles: data.scenario.roles.map((r) => ({ id: r.id, name: r.name }))
	};
}

export function timing(data: DrillData, promptId: string, now: Date): PromptTiming {
	const w = promptWindow(data, promptId, scenarioTimeAt(data.drill.clock, now));
	const at =
		w.open && w.closesAtMs !== null ? realTimeWhen(data.drill.clock, w.closesAtMs, now) : null;
	return { ...w, closesAt: at?.toISOString() ?? null };
}

export function teamAnswer(data: DrillData, promptId: string): TeamAnswer | null {
	const a = data.current.get(promptId);
	return a
		? { answer: a.answer, byName: a.byName, at: a.at.toISOString(), scenarioMs: a.scenarioMs }
		: null;
}

export async function loadFor(db: Kysely<Database>, drillId: string): Promise<DrillData> {
	const drill = await getDrill(db, drillId);
	if (!drill) throw new NotFoundError('No such drill.');
	return loadDrillData(db, drill);
}
