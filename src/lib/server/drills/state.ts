import type { Kysely } from 'kysely';
import type { Inject, Prompt, Scenario } from '../../scenarios/schema';
import type { Database, DrillInjectState } from '../db/schema';
import { realTimeWhen } from './clock';
import { loadAcks, type Ack } from './clocks';
import { explainWhen, releasedContent } from './conditions';
import { answerLookup, scoresOf, type DrillData } from './load';
import { loadObservations, type Observation } from './observations';
import { drillPeople, type DrillPerson } from './people';
import type { PromptScore } from './scoring';
import {
	header,
	loadFor,
	teamAnswer,
	timing,
	type DrillHeader,
	type PromptTiming,
	type TeamAnswer
} from './state-common';

// What the screens show, as two shapes: the facilitator's console (everything, here), and
// the participant's view (participant-state.ts). Readers (leads, admins, auditors of ended
// drills) get the facilitator shape; observers the participant shape.

export { participantState } from './participant-state';
export type {
	MatrixChoice,
	ParticipantFeedItem,
	ParticipantPromptState,
	ParticipantState
} from './participant-state';
export type { DrillHeader, PromptTiming, TeamAnswer } from './state-common';
export type { Observation } from './observations';

export type MselState = 'upcoming' | DrillInjectState;

export type FacilitatorPrompt = {
	prompt: Prompt;
	timing: PromptTiming;
	current: TeamAnswer | null;
	history: TeamAnswer[];
	score: PromptScore;
};

export type FacilitatorInject = {
	injectId: string;
	atMs: number;
	adhoc: boolean;
	state: MselState;
	releasedMs: number | null;
	releasedAt: string | null;
	variantId: string | null;
	reason: string | null;
	/** The branch condition with what the answers say now; null without one. */
	condition: string | null;
	variants: { id: string; condition: string }[];
	/** The text as released (the chosen variant), or the inject's own while upcoming. */
	title: string;
	channel: Inject['channel'];
	from: string;
	body: string;
	artefacts: Inject['artefacts'];
	to: string[];
	facilitatorNotes: string;
	questions: string[];
	acks: { name: string; scenarioMs: number }[];
	prompts: FacilitatorPrompt[];
};

export type FacilitatorState = DrillHeader & {
	objectives: Scenario['objectives'];
	people: DrillPerson[];
	/** The next scheduled inject, for the countdown; null when none is waiting. */
	next: { injectId: string; title: string; atMs: number; dueAt: string | null } | null;
	msel: FacilitatorInject[];
	/** Free-text answers waiting for a grade (or a new grade after the answer changed). */
	gradingQueue: { promptId: string; injectId: string; question: string; answer: TeamAnswer }[];
	observations: Observation[];
};

function facilitatorInjects(
	data: DrillData,
	scores: Map<string, PromptScore>,
	acks: Ack[],
	now: Date
): FacilitatorInject[] {
	const look = answerLookup(data);
	return data.msel.entries.map((entry) => {
		const inject = entry.inject;
		const row = data.injects.get(inject.id);
		const content = releasedContent(inject, row?.variant_id ?? null);
		return {
			injectId: inject.id,
			atMs: entry.atMs,
			adhoc: entry.adhoc,
			state: row?.state ?? 'upcoming',
			releasedMs: row?.scenarioMs ?? null,
			releasedAt: row?.released_at.toISOString() ?? null,
			variantId: row?.variant_id ?? null,
			reason: row?.reason ?? null,
			condition: inject.when ? explainWhen(inject.when, look) : null,
			variants: inject.variants.map((v) => ({ id: v.id, condition: explainWhen(v.when, look) })),
			...content,
			channel: inject.channel,
			to: inject.to,
			facilitatorNotes: inject.facilitatorNotes,
			questions: inject.questions,
			acks: acks
				.filter((a) => a.injectId === inject.id)
				.map((a) => ({ name: a.name, scenarioMs: a.scenarioMs })),
			prompts: inject.prompts.map((prompt) => ({
				prompt,
				timing: timing(data, prompt.id, now),
				current: teamAnswer(data, prompt.id),
				history: data.answers
					.filter((a) => a.promptId === prompt.id)
					.map((a) => ({
						answer: a.answer,
						byName: a.byName,
						at: a.at.toISOString(),
						scenarioMs: a.scenarioMs
					})),
				score: scores.get(prompt.id)!
			}))
		};
	});
}

/** The console: everything about the drill now. The caller has checked the viewer may see it. */
export async function facilitatorState(
	db: Kysely<Database>,
	drillId: string,
	now: Date
): Promise<FacilitatorState> {
	const data = await loadFor(db, drillId);
	const [people, acks, observations] = await Promise.all([
		drillPeople(db, drillId),
		loadAcks(db, drillId),
		loadObservations(db, drillId)
	]);
	const scores = scoresOf(data);
	const msel = facilitatorInjects(data, scores, acks, now);
	const waiting =
		data.drill.status === 'ended' || data.drill.status === 'cancelled'
			? undefined
			: msel.find((m) => m.state === 'upcoming' && !m.adhoc);
	return {
		...header(data, now),
		objectives: data.scenario.objectives,
		people,
		next: waiting
			? {
					injectId: waiting.injectId,
					title: waiting.title,
					atMs: waiting.atMs,
					dueAt: realTimeWhen(data.drill.clock, waiting.atMs, now)?.toISOString() ?? null
				}
			: null,
		msel,
		gradingQueue: msel.flatMap((m) =>
			m.prompts
				.filter(
					(p) => p.prompt.type === 'free-text' && p.score.status === 'awaiting-grade' && p.current
				)
				.map((p) => ({
					promptId: p.prompt.id,
					injectId: m.injectId,
					question: p.prompt.question,
					answer: p.current!
				}))
		),
		observations
	};
}
