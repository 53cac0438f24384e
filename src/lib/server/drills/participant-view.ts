import type { Inject, Prompt } from '../../scenarios/schema';
import { releasedContent } from './conditions';

// What a participant's browser may hold: released text, artefacts and questions of prompts.
// Never facilitator notes, correct answers, option points or feedback before the prompt
// closes, branch conditions, variants not taken, or anything not yet released. Event
// payloads for participants are built here too, so the page and the stream agree.

export type ParticipantOption = {
	id: string;
	text: string;
	/** Only once the prompt is closed. */
	correct?: boolean;
	feedback?: string;
};

export type ParticipantPrompt = {
	id: string;
	type: Prompt['type'];
	question: string;
	points: number;
	timeLimit: string | null;
	closed: boolean;
	/** Choice prompts: options; checklists: items (correct = expected). */
	options: ParticipantOption[];
	/** Free text: the rubric levels, only once closed. */
	rubric: { level: string; points: number; description: string }[] | null;
	/** The prompt's feedback, only once closed. */
	feedback: string | null;
};

export type ParticipantInject = {
	injectId: string;
	title: string;
	channel: Inject['channel'];
	from: string;
	body: string;
	artefacts: Inject['artefacts'];
	to: string[];
	/** Scenario ms of the release. */
	scenarioMs: number;
	releasedAt: string;
	prompts: ParticipantPrompt[];
};

export function participantPrompt(p: Prompt, closed: boolean): ParticipantPrompt {
	const reveal = <T>(value: T) => (closed ? value : undefined);
	const options: ParticipantOption[] =
		p.type === 'single-choice' || p.type === 'multiple-choice'
			? p.options.map((o) => ({
					id: o.id,
					text: o.text,
					correct: reveal(o.correct),
					feedback: reveal(o.feedback)
				}))
			: p.type === 'checklist'
				? p.items.map((i) => ({
						id: i.id,
						text: i.text,
						correct: reveal(i.expected),
						feedback: reveal(i.feedback)
					}))
				: [];
	return {
		id: p.id,
		type: p.type,
		question: p.question,
		points: p.points,
		timeLimit: p.timeLimit ?? null,
		closed,
		options: options.map((o) => JSON.parse(JSON.stringify(o)) as ParticipantOption),
		rubric:
			p.type === 'free-text' && closed
				? p.rubric.map((r) => ({ level: r.level, points: r.points, description: r.description }))
				: null,
		feedback: closed ? (p.feedback ?? null) : null
	};
}

export function participantInject(
	inject: Inject,
	release: { variantId: string | null; scenarioMs: number; releasedAt: Date },
	isClosed: (promptId: string) => boolean
): ParticipantInject {
	const content = releasedContent(inject, release.variantId);
	return {
		injectId: inject.id,
		title: content.title,
		channel: inject.channel,
		from: content.from,
		body: content.body,
		artefacts: content.artefacts,
		to: inject.to,
		scenarioMs: release.scenarioMs,
		releasedAt: release.releasedAt.toISOString(),
		prompts: inject.prompts.map((p) => participantPrompt(p, isClosed(p.id)))
	};
}
