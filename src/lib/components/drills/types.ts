// What the drill components show, in the shape the pages hand them. The pages build these
// from the drill state (src/lib/server/drills/state.ts) so that the components never see
// more than the viewer may: a participant's page data holds no correct answers, no
// facilitator notes and no upcoming injects.

import type { channels } from '$lib/scenarios/schema';

export type Channel = (typeof channels)[number];

export type ArtefactView = { kind: string; title: string; content: string };

/** A released inject as a viewer sees it. */
export type InjectView = {
	id: string;
	title: string;
	channel: Channel;
	from: string;
	/** Names of the roles it is addressed to. */
	to: string[];
	/** The body rendered from markdown and sanitised on the server. */
	bodyHtml: string;
	artefacts: ArtefactView[];
	/** When it was released, in scenario time (ms from the start). */
	scenarioMs: number;
	/** When it was released, real time (ISO). */
	releasedAt: string | null;
	adhoc?: boolean;
};

export type PromptType =
	'single-choice' | 'multiple-choice' | 'checklist' | 'free-text' | 'notification';

/** The team's current answer: the newest submission. */
export type AnswerView = {
	/** Option or checklist item ids picked (choice and checklist prompts). */
	picked: string[];
	text: string;
	severity: string;
	notified: string[];
	by: string;
	/** Real time (ISO) and scenario time of the submission. */
	at: string;
	scenarioMs: number;
};

/** A prompt's score, for those who may see it (facilitators; everyone on the results). */
export type PromptOutcome = {
	points: number | null;
	max: number;
	status: 'scored' | 'awaiting-grade' | 'unanswered';
};

export type OptionView = {
	id: string;
	text: string;
	/** Known only once the prompt is closed (participants) or always (facilitators). */
	correct?: boolean;
	feedback?: string;
};

/** A stakeholder of the drill plan's matrix, as the team picks whom to notify. */
export type StakeholderChoice = {
	key: string;
	stakeholder: string;
	audience: string;
	notifier: string;
	/** How they are reached: email, phone, out of band: … */
	channels: string[];
	/** "every incident", or the facts that make the row required. */
	appliesWhen: string;
	onlyWhen: string;
	/** By severity id: the stages in words, or null when not notified at that level. */
	deadlines: Record<string, string[] | null>;
};

export type PromptView = {
	id: string;
	type: PromptType;
	question: string;
	options: OptionView[];
	/** The prompt's own feedback, once closed. */
	feedback: string | null;
	/** Prompt is open for answers. */
	open: boolean;
	closedReason: string | null;
	/** Real time (ISO) it closes at the current speed; null without a limit or while paused. */
	closesAt: string | null;
	/** Scenario time left, for the paused clock and for reading without JavaScript. */
	leftMs: number | null;
	answer: AnswerView | null;
	outcome: PromptOutcome | null;
	/** This viewer may submit the team's answer. */
	canAnswer: boolean;
};
