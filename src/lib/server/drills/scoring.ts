import type { Audience, ClockAnchor, Deadline, PlanContent } from '../../plans/content';
import { stageInWords } from '../../plans/matrix-words';
import {
	anchorTimes,
	describeRequirement,
	stageDueDates
} from '../../plans/notification-expectation';
import type { Prompt } from '../../scenarios/schema';
import { scenarioTimeMinutes } from '../../scenarios/schema';
import { choiceValues, scoreChoice, scoreNotification } from '../../scenarios/scoring';
import { pickedIds, type DrillAnswer } from './answer-shape';

// A prompt's score in a drill, explained: the rules are those of src/lib/scenarios/scoring.ts
// (scenarios/README.md, "Scoring"); this adds what was answered, graded and overridden, and
// for notification answers the matrix values they were scored against. Nothing computed is
// stored: only grades and overrides are.

export type ScoreStatus = 'scored' | 'awaiting-grade' | 'unanswered';

export type FreeTextGrade = {
	level: string;
	points: number;
	comment: string;
	by: string;
	byName: string;
	at: string;
	/** The answer graded: a newer answer needs grading again. */
	answerId: string;
};

export type ScoreOverride = {
	points: number;
	reason: string;
	by: string;
	byName: string;
	at: string;
};

export type ChoiceLine = {
	id: string;
	text: string;
	/** Correct option or expected item. */
	right: boolean;
	/** What picking it earns (right) or costs (wrong). */
	value: number;
	picked: boolean;
	feedback: string | null;
};

export type StakeholderVerdict = 'notified' | 'missing' | 'over-notified' | 'also-told';

export type StageDueLine = {
	name: string;
	/** As the plan says it: "Early warning within 24h of awareness". */
	words: string;
	deadlines: (Deadline & { anchorMs: number })[];
	/** Scenario ms when due (earliest deadline); may be negative for a story that began earlier. */
	dueMs: number;
	dueAt: string;
};

export type StakeholderLine = {
	key: string;
	stakeholder: string;
	audience: Audience | null;
	notifier: string | null;
	required: boolean;
	/** Why they are required: "every SEV1 incident", "personal data affected", … */
	because: string[];
	notified: boolean;
	verdict: StakeholderVerdict;
	/** The first stage is the one scored for timeliness; later ones are shown as due dates. */
	stages: StageDueLine[];
	onTime: boolean | null;
	/** Due minus answered, in scenario ms (negative: late); null without a deadline. */
	marginMs: number | null;
};

export type NotificationBreakdown = {
	declared: string;
	expectedSeverity: string;
	severityVerdict: 'exact' | 'one-level-higher' | 'wrong';
	severity: { points: number; max: number };
	stakeholders: { points: number; max: number; unit: number };
	timeliness: { points: number; max: number };
	total: number;
	answeredMs: number;
	anchorsMs: Record<ClockAnchor, number>;
	lines: StakeholderLine[];
};

export type PromptScore = {
	promptId: string;
	injectId: string;
	type: Prompt['type'];
	question: string;
	objective: string;
	max: number;
	/** Final points: the override, else the computed score; null while awaiting a grade. */
	points: number | null;
	/** Before any override; null when not computable (unanswered free text, no grade). */
	computed: number | null;
	status: ScoreStatus;
	answer: DrillAnswer | null;
	answerId: string | null;
	answeredMs: number | null;
	choices: ChoiceLine[] | null;
	grade: FreeTextGrade | null;
	notification: NotificationBreakdown | null;
	override: ScoreOverride | null;
	feedback: string | null;
};

export type ScoringContext = {
	plan: Pick<PlanContent, 'severityScale' | 'matrix'>;
	/** When the drill started: scenario time is laid on the calendar from here. */
	start: Date | null;
};

export type CurrentAnswer = { id: string; answer: DrillAnswer; scenarioMs: number };

const round = (n: number) => Math.round(n * 100) / 100;

function choiceLines(prompt: Prompt, picked: string[]): ChoiceLine[] | null {
	if (
		prompt.type !== 'single-choice' &&
		prompt.type !== 'multiple-choice' &&
		prompt.type !== 'checklist'
	)
		return null;
	const values = new Map(choiceValues(prompt).map((v) => [v.id, v]));
	const entries =
		prompt.type === 'checklist'
			? prompt.items.map((i) => ({ id: i.id, text: i.text, feedback: i.feedback }))
			: prompt.options.map((o) => ({ id: o.id, text: o.text, feedback: o.feedback }));
	return entries.map((e) => ({
		id: e.id,
		text: e.text,
		right: values.get(e.id)!.right,
		value: round(values.get(e.id)!.value),
		picked: picked.includes(e.id),
		feedback: e.feedback ?? null
	}));
}

/** The notification score with every stakeholder's line and the deadlines used. */
export function notificationBreakdown(
	prompt: Extract<Prompt, { type: 'notification' }>,
	plan: ScoringContext['plan'],
	answer: { severity: string; notified: string[] },
	answeredMs: number,
	start: Date
): NotificationBreakdown {
	const answeredAt = answeredMs / 60_000;
	const score = scoreNotification(prompt, plan, { ...answer, answeredAt }, start);
	const P = prompt.points;
	const stated = Object.fromEntries(
		Object.entries(prompt.clock ?? {}).map(([a, v]) => [a, scenarioTimeMinutes(v!)])
	);
	const anchors = anchorTimes(stated, answeredAt);
	const anchorsMs = Object.fromEntries(
		Object.entries(anchors).map(([a, m]) => [a, Math.round(m * 60_000)])
	) as Record<ClockAnchor, number>;
	const told = new Set(answer.notified);
	const late = new Set(score.late);
	const sev = prompt.expectedSeverity;

	const stagesOf = (row: NonNullable<(typeof score.expected)[number]['row']>): StageDueLine[] => {
		const rule = row.notifications[sev];
		return stageDueDates(row, sev, anchors, start).map((due, i) => ({
			name: due.stage,
			words: stageInWords(rule!.stages[i]),
			deadlines: rule!.stages[i].deadlines.map((d) => ({ ...d, anchorMs: anchorsMs[d.anchor] })),
			dueMs: due.due.getTime() - start.getTime(),
			dueAt: due.due.toISOString()
		}));
	};

	const lines: StakeholderLine[] = score.expected.map((e) => {
		const notified = told.has(e.key);
		const stages = e.row ? stagesOf(e.row) : [];
		const first = stages[0];
		return {
			key: e.key,
			stakeholder: e.row?.stakeholder ?? e.key,
			audience: e.row?.audience ?? null,
			notifier: e.row?.notifier ?? null,
			required: true,
			because: e.because.map((b) => describeRequirement(b, sev)),
			notified,
			verdict: notified ? 'notified' : 'missing',
			stages,
			onTime: notified ? !late.has(e.key) : false,
			marginMs: first ? first.dueMs - answeredMs : null
		};
	});
	for (const row of plan.matrix) {
		if (!told.has(row.key) || score.expected.some((e) => e.key === row.key)) continue;
		lines.push({
			key: row.key,
			stakeholder: row.stakeholder,
			audience: row.audience,
			notifier: row.notifier,
			required: false,
			because: [],
			notified: true,
			verdict: score.overNotified.includes(row.key) ? 'over-notified' : 'also-told',
			stages: [],
			onTime: null,
			marginMs: null
		});
	}

	const scale = plan.severityScale.map((l) => l.id);
	const wanted = scale.indexOf(sev);
	const given = scale.indexOf(answer.severity);
	const required = score.expected.filter((e) => e.row).length;
	return {
		declared: answer.severity,
		expectedSeverity: sev,
		severityVerdict:
			given === wanted
				? 'exact'
				: wanted > 0 && given === wanted - 1
					? 'one-level-higher'
					: 'wrong',
		severity: { points: score.severity, max: round(0.3 * P) },
		stakeholders: {
			points: score.stakeholders,
			max: round(0.5 * P),
			unit: round((0.5 * P) / Math.max(required, 1))
		},
		timeliness: { points: score.timeliness, max: round(0.2 * P) },
		total: score.total,
		answeredMs,
		anchorsMs,
		lines
	};
}

/** Scores one prompt from its current answer and its stored grade and override. */
export function scorePrompt(
	prompt: Prompt,
	injectId: string,
	current: CurrentAnswer | null,
	stored: { grade: FreeTextGrade | null; override: ScoreOverride | null },
	ctx: ScoringContext
): PromptScore {
	const answer = current?.answer ?? null;
	let computed: number | null = null;
	let status: ScoreStatus = answer ? 'scored' : 'unanswered';
	let notification: NotificationBreakdown | null = null;
	let grade: FreeTextGrade | null = null;
	// Unanswered prompts score 0 (and say so through their status).
	if (!answer) computed = 0;
	else if (prompt.type === 'free-text') {
		grade = stored.grade;
		if (grade && grade.answerId === current!.id) computed = Math.min(grade.points, prompt.points);
		else status = 'awaiting-grade';
	} else if (prompt.type === 'notification' && 'severity' in answer) {
		notification = notificationBreakdown(
			prompt,
			ctx.plan,
			answer,
			current!.scenarioMs,
			ctx.start ?? new Date(0)
		);
		computed = notification.total;
	} else if (prompt.type !== 'notification') computed = scoreChoice(prompt, pickedIds(answer));

	const override = stored.override;
	return {
		promptId: prompt.id,
		injectId,
		type: prompt.type,
		question: prompt.question,
		objective: prompt.objective,
		max: prompt.points,
		points: override ? override.points : computed,
		computed: status === 'awaiting-grade' ? null : computed,
		status,
		answer,
		answerId: current?.id ?? null,
		answeredMs: current?.scenarioMs ?? null,
		choices: choiceLines(prompt, pickedIds(answer)),
		grade: grade ?? (prompt.type === 'free-text' ? stored.grade : null),
		notification,
		override,
		feedback: prompt.feedback ?? null
	};
}
