import type {
	AnswerView,
	InjectView,
	OptionView,
	PromptView,
	StakeholderChoice
} from '$lib/components/drills/types';
import type { MatrixRow } from '$lib/plans/content';
import { appliesWhenInWords, onlyWhenInWords, stageInWords } from '$lib/plans/matrix-words';
import type { Prompt } from '$lib/scenarios/schema';
import { pickedIds, type DrillAnswer } from '$lib/server/drills/answer-shape';
import type {
	DrillHeader,
	FacilitatorInject,
	FacilitatorPrompt,
	FacilitatorState,
	ParticipantFeedItem,
	ParticipantPromptState,
	ParticipantState,
	TeamAnswer
} from '$lib/server/drills/state';
import { renderMarkdown } from '$lib/server/markdown/render';
import type { Kysely } from 'kysely';
import { channels } from '$lib/scenarios/schema';
import type { SessionUser } from '$lib/server/auth/session';
import type { Database } from '$lib/server/db/schema';
import { drillEventTypes } from '$lib/server/drills/events';
import { drillPlan } from '$lib/server/drills/load';
import { drillAccess } from '$lib/server/drills/membership';
import { asyncProgress, windowOf } from '$lib/server/drills/async';
import { facilitatorState, participantState } from '$lib/server/drills/state';
import { connectedUsers } from './events/presence.server';

// The drill state as the drill page shows it: bodies rendered from markdown (once per
// text), answers in words, prompts in the one shape the prompt form takes. The participant
// side is built only from participantState, so it cannot carry more than that does.

const rendered = new Map<string, string>();
/** Inject texts never change once released: render each once (bounded). */
function html(markdown: string): string {
	const hit = rendered.get(markdown);
	if (hit !== undefined) return hit;
	const out = renderMarkdown(markdown);
	rendered.set(markdown, out);
	if (rendered.size > 500) rendered.delete(rendered.keys().next().value!);
	return out;
}

const roleNames = (header: DrillHeader, ids: readonly string[]) =>
	ids.map((id) => header.roles.find((r) => r.id === id)?.name ?? id);

function injectView(
	header: DrillHeader,
	i: {
		injectId: string;
		title: string;
		channel: InjectView['channel'];
		from: string;
		body: string;
		artefacts: InjectView['artefacts'];
		to: string[];
	},
	scenarioMs: number,
	releasedAt: string | null
): InjectView {
	return {
		id: i.injectId,
		title: i.title,
		channel: i.channel,
		from: i.from,
		to: roleNames(header, i.to),
		bodyHtml: html(i.body),
		artefacts: i.artefacts,
		scenarioMs,
		releasedAt,
		adhoc: i.injectId.startsWith('adhoc-')
	};
}

function answerView(a: TeamAnswer | null): AnswerView | null {
	if (!a) return null;
	const v = a.answer;
	return {
		picked: pickedIds(v),
		text: 'text' in v ? v.text : '',
		severity: 'severity' in v ? v.severity : '',
		notified: 'notified' in v ? v.notified : [],
		by: a.byName,
		at: a.at,
		scenarioMs: a.scenarioMs
	};
}

const leftOf = (closesAtMs: number | null, nowMs: number, open: boolean) =>
	open && closesAtMs !== null ? Math.max(0, closesAtMs - nowMs) : null;

// ---------------------------------------------------------------- participants

function participantPrompt(p: ParticipantPromptState, nowMs: number): PromptView {
	return {
		id: p.id,
		type: p.type,
		question: p.question,
		options: p.options.map((o): OptionView => ({ ...o })),
		feedback: p.feedback,
		open: p.timing.open,
		closedReason: p.timing.closedReason,
		closesAt: p.timing.closesAt,
		leftMs: leftOf(p.timing.closesAtMs, nowMs, p.timing.open),
		answer: answerView(p.answer),
		outcome: null,
		canAnswer: p.canAnswer
	};
}

export function participantPage(state: ParticipantState) {
	const feed = state.feed.map((item: ParticipantFeedItem) => ({
		inject: injectView(state, item, item.scenarioMs, item.releasedAt),
		forMe: item.forMe,
		acked: item.acked,
		prompts: item.prompts.map((p) => participantPrompt(p, state.scenarioMs))
	}));
	return {
		me: {
			participant: state.me.participant,
			roles: roleNames(state, state.me.roles)
		},
		severityScale: state.severityScale.map((l) => ({ id: l.id, name: l.name })),
		matrix: state.matrix as StakeholderChoice[],
		// Newest first: what just came in is what the team reads first.
		feed: feed.reverse()
	};
}

// ---------------------------------------------------------------- facilitators

/** A matrix row as the stakeholder list of a notification form shows it. */
export function stakeholderChoice(row: MatrixRow, levels: readonly string[]): StakeholderChoice {
	const channels = row.contacts.flatMap((c) =>
		[c.name, c.email, c.phone, c.outOfBand ? `out of band: ${c.outOfBand}` : ''].filter(Boolean)
	);
	return {
		key: row.key,
		stakeholder: row.stakeholder,
		audience: row.audience,
		notifier: row.notifier,
		channels: [...new Set(channels)],
		appliesWhen: appliesWhenInWords(row.appliesWhen),
		onlyWhen: onlyWhenInWords(row.onlyWhen),
		deadlines: Object.fromEntries(
			levels.map((l) => {
				const rule = row.notifications[l];
				return [l, rule?.notify ? rule.stages.map(stageInWords) : null];
			})
		)
	};
}

/** An answer in words: the options' texts, the text, or "SEV2; notify: CISO, DPO". */
export function answerWords(
	prompt: Prompt,
	answer: DrillAnswer,
	matrix: readonly MatrixRow[]
): string {
	if ('text' in answer) return answer.text;
	if ('severity' in answer) {
		const names = answer.notified.map((k) => matrix.find((r) => r.key === k)?.stakeholder ?? k);
		return `${answer.severity}; notify: ${names.length ? names.join(', ') : 'nobody'}`;
	}
	const picked = pickedIds(answer);
	const choices =
		prompt.type === 'checklist'
			? prompt.items
			: prompt.type === 'single-choice' || prompt.type === 'multiple-choice'
				? prompt.options
				: [];
	const texts = picked.map((id) => choices.find((c) => c.id === id)?.text ?? id);
	return texts.length ? texts.join(' · ') : 'nothing chosen';
}

function facilitatorPrompt(
	fp: FacilitatorPrompt,
	nowMs: number,
	canAnswer: boolean,
	matrix: readonly MatrixRow[]
) {
	const p = fp.prompt;
	const options: OptionView[] =
		p.type === 'checklist'
			? p.items.map((i) => ({ id: i.id, text: i.text, correct: i.expected, feedback: i.feedback }))
			: p.type === 'single-choice' || p.type === 'multiple-choice'
				? p.options.map((o) => ({
						id: o.id,
						text: o.text,
						correct: o.correct,
						feedback: o.feedback
					}))
				: [];
	const view: PromptView = {
		id: p.id,
		type: p.type,
		question: p.question,
		options,
		feedback: null,
		open: fp.timing.open,
		closedReason: fp.timing.closedReason,
		closesAt: fp.timing.closesAt,
		leftMs: leftOf(fp.timing.closesAtMs, nowMs, fp.timing.open),
		answer: answerView(fp.current),
		outcome: fp.timing.released
			? { points: fp.score.points, max: fp.score.max, status: fp.score.status }
			: null,
		canAnswer: canAnswer && fp.timing.released && fp.timing.open
	};
	const s = fp.score;
	return {
		view,
		released: fp.timing.released,
		objective: p.objective,
		rubric: p.type === 'free-text' ? p.rubric : [],
		expectedSeverity: p.type === 'notification' ? p.expectedSeverity : null,
		current: fp.current
			? {
					words: answerWords(p, fp.current.answer, matrix),
					by: fp.current.byName,
					atMs: fp.current.scenarioMs
				}
			: null,
		history: fp.history.map((h) => ({
			words: answerWords(p, h.answer, matrix),
			by: h.byName,
			atMs: h.scenarioMs
		})),
		grade: s.grade
			? {
					level: s.grade.level,
					points: s.grade.points,
					comment: s.grade.comment,
					by: s.grade.byName
				}
			: null,
		override: s.override
			? { points: s.override.points, reason: s.override.reason, by: s.override.byName }
			: null,
		computed: s.computed,
		notification: s.notification
			? {
					declared: s.notification.declared,
					expected: s.notification.expectedSeverity,
					severityVerdict: s.notification.severityVerdict,
					parts: [
						['Severity', s.notification.severity],
						['Stakeholders', s.notification.stakeholders],
						['Timeliness', s.notification.timeliness]
					] as const,
					lines: s.notification.lines.map((l) => ({
						key: l.key,
						stakeholder: l.stakeholder,
						verdict: l.verdict,
						because: l.because,
						stage: l.stages[0]?.words ?? null,
						onTime: l.onTime,
						marginMs: l.marginMs
					}))
				}
			: null
	};
}

export type ConsolePrompt = ReturnType<typeof facilitatorPrompt>;

function mselItem(
	state: FacilitatorState,
	m: FacilitatorInject,
	canAnswer: boolean,
	matrix: readonly MatrixRow[]
) {
	return {
		inject: injectView(state, m, m.releasedMs ?? m.atMs, m.releasedAt),
		atMs: m.atMs,
		adhoc: m.adhoc,
		state: m.state,
		releasedMs: m.releasedMs,
		variantId: m.variantId,
		reason: m.reason,
		condition: m.condition,
		variants: m.variants,
		notesHtml: m.facilitatorNotes ? html(m.facilitatorNotes) : '',
		questions: m.questions,
		acks: m.acks,
		prompts: m.prompts.map((p) => facilitatorPrompt(p, state.scenarioMs, canAnswer, matrix))
	};
}

/** The console; `runs`: this viewer is a facilitator of the drill (else read-only). */
export function consolePage(
	state: FacilitatorState,
	matrix: readonly MatrixRow[],
	levels: string[],
	runs: boolean,
	connected: ReadonlySet<string>
) {
	const live = state.status === 'running' || state.status === 'paused';
	return {
		next: state.next,
		people: state.people.map((p) => ({
			...p,
			roleNames: roleNames(state, p.roles),
			connected: connected.has(p.userId)
		})),
		msel: state.msel.map((m) => mselItem(state, m, runs && live, matrix)),
		gradingQueue: state.gradingQueue.map((g) => {
			const item = state.msel.find((m) => m.injectId === g.injectId);
			const prompt = item?.prompts.find((p) => p.prompt.id === g.promptId)?.prompt;
			return {
				promptId: g.promptId,
				injectTitle: item?.title ?? g.injectId,
				question: g.question,
				answer: g.answer.answer && 'text' in g.answer.answer ? g.answer.answer.text : '',
				by: g.answer.byName,
				atMs: g.answer.scenarioMs,
				max: prompt?.points ?? 0,
				rubric: prompt?.type === 'free-text' ? prompt.rubric : []
			};
		}),
		observations: state.observations,
		objectives: state.objectives.map((o) => ({ id: o.id, text: o.text, capability: o.capability })),
		matrix: matrix.map((r) => stakeholderChoice(r, levels))
	};
}

// ---------------------------------------------------------------- the page

/**
 * The drill page for this user: the console for its facilitators (and, read-only, for leads,
 * admins and auditors who are not in it), the feed for participants and observers.
 */
export async function drillPageData(
	db: Kysely<Database>,
	user: SessionUser,
	drillId: string,
	now: Date
) {
	const { drill, as } = await drillAccess(db, user, drillId);
	const events = {
		url: `/drills/${drill.id}/events`,
		// The state below reflects every event up to here: the stream starts after it.
		since: drill.lastSeq,
		types: Object.keys(drillEventTypes)
	};
	if (as === 'facilitator' || as === 'reader') {
		const [state, plan] = await Promise.all([
			facilitatorState(db, drill.id, now),
			drillPlan(db, drill.planVersionId)
		]);
		const levels = plan.content.severityScale.map((l) => l.id);
		return {
			view: 'console' as const,
			runs: as === 'facilitator' && drill.mode !== 'solo',
			window: windowOf(drill),
			progress: await asyncProgress(db, drill),
			header: headerOf(state),
			events,
			severityScale: plan.content.severityScale.map((l) => ({ id: l.id, name: l.name })),
			console: consolePage(
				state,
				plan.content.matrix,
				levels,
				as === 'facilitator',
				connectedUsers(drill.id)
			),
			channels: [...channels],
			participant: null
		};
	}
	const state = await participantState(db, drill.id, user.id, now);
	return {
		view: 'participant' as const,
		runs: drill.mode === 'solo' && as === 'participant',
		window: windowOf(drill),
		progress: null,
		header: headerOf(state),
		events,
		severityScale: state.severityScale.map((l) => ({ id: l.id, name: l.name })),
		console: null,
		channels: [],
		participant: participantPage(state)
	};
}

function headerOf(h: DrillHeader) {
	return {
		id: h.id,
		title: h.title,
		mode: h.mode,
		status: h.status,
		speed: h.speed,
		scenarioMs: h.scenarioMs,
		readAt: h.readAt,
		startedAt: h.startedAt,
		endedAt: h.endedAt,
		scenario: h.scenario,
		plan: h.plan,
		roles: h.roles
	};
}
