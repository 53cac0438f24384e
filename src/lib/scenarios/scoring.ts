import type { MatrixRow, SeverityLevel } from '../plans/content';
import { externalAudiences } from '../plans/content';
import {
	anchorTimes,
	expectedStakeholders,
	stageDueDates,
	type ExpectedStakeholder
} from '../plans/notification-expectation';
import type { Prompt } from './schema';
import { scenarioTimeMinutes } from './schema';

// How an answer to a prompt is scored: the rules scenarios/README.md ("Scoring") states, as
// code, so the documentation, the validator's warnings and the drills cannot disagree.

type ChoicePrompt = Extract<Prompt, { type: 'single-choice' | 'multiple-choice' | 'checklist' }>;
type NotificationPrompt = Extract<Prompt, { type: 'notification' }>;

const round = (n: number) => Math.round(n * 100) / 100;
const clamp = (n: number, max: number) => Math.min(max, Math.max(0, n));

/**
 * What each option (or checklist item) is worth: for a right one, the points it earns when
 * picked; for a wrong one in a multiple choice or checklist, what picking it costs.
 */
export function choiceValues(p: ChoicePrompt): { id: string; right: boolean; value: number }[] {
	const entries =
		p.type === 'checklist'
			? p.items.map((i) => ({ id: i.id, right: i.expected, points: i.points }))
			: p.options.map((o) => ({ id: o.id, right: o.correct, points: o.points }));
	if (p.type === 'single-choice')
		return entries.map((e) => ({ ...e, value: e.points ?? (e.right ? p.points : 0) }));
	const right = entries.filter((e) => e.right);
	const stated = right.reduce((sum, e) => sum + (e.points ?? 0), 0);
	const unstated = right.filter((e) => e.points === undefined).length;
	// Right entries without points share what the stated ones leave of the prompt's points.
	const share = unstated ? Math.max(0, (p.points - stated) / unstated) : 0;
	// A wrong pick costs as much as an average right one unless it says otherwise.
	const cost = right.length ? p.points / right.length : p.points;
	return entries.map((e) => ({
		id: e.id,
		right: e.right,
		value: e.points ?? (e.right ? share : cost)
	}));
}

/** The score of picking these options (or ticking these items); never below 0 or above the prompt's points. */
export function scoreChoice(p: ChoicePrompt, picked: readonly string[]): number {
	const values = choiceValues(p).filter((v) => picked.includes(v.id));
	if (p.type === 'single-choice') return round(clamp(values[0]?.value ?? 0, p.points));
	const total = values.reduce((sum, v) => sum + (v.right ? v.value : -v.value), 0);
	return round(clamp(total, p.points));
}

/** Shares of a notification prompt's points. */
export const notificationWeights = { severity: 0.3, stakeholders: 0.5, timeliness: 0.2 };

export type NotificationAnswer = {
	severity: string;
	/** Matrix keys of everyone the team notifies. */
	notified: readonly string[];
	/** When the team answered, in minutes of scenario time. */
	answeredAt: number;
};

export type NotificationScore = {
	severity: number;
	stakeholders: number;
	timeliness: number;
	total: number;
	expected: ExpectedStakeholder[];
	missing: string[];
	/** External stakeholders told although not required (each costs points). */
	overNotified: string[];
	/** Internal stakeholders told although not required (shown, not scored). */
	alsoTold: string[];
	late: string[];
};

/** Scores a notification answer against the plan in force; `start` lays scenario time on the calendar. */
export function scoreNotification(
	p: NotificationPrompt,
	plan: { severityScale: readonly SeverityLevel[]; matrix: readonly MatrixRow[] },
	answer: NotificationAnswer,
	start: Date
): NotificationScore {
	const P = p.points;
	const scale = plan.severityScale.map((l) => l.id);
	const wanted = scale.indexOf(p.expectedSeverity);
	const given = scale.indexOf(answer.severity);
	const severityShare =
		wanted >= 0 && given === wanted ? 1 : wanted > 0 && given === wanted - 1 ? 0.5 : 0;

	const inPlan = new Set(plan.matrix.map((r) => r.key));
	const expected = expectedStakeholders(plan.matrix, p.expectedSeverity, p.facts, p.mustNotify);
	const required = expected.filter((e) => e.row);
	const requiredKeys = new Set(required.map((e) => e.key));
	const told = new Set(answer.notified.filter((k) => inPlan.has(k)));
	const missing = required.filter((e) => !told.has(e.key)).map((e) => e.key);
	const extra = plan.matrix.filter((r) => told.has(r.key) && !requiredKeys.has(r.key));
	const overNotified = extra
		.filter((r) => externalAudiences.includes(r.audience))
		.map((r) => r.key);
	const alsoTold = extra.filter((r) => !externalAudiences.includes(r.audience)).map((r) => r.key);

	const stakeholderPart = notificationWeights.stakeholders * P;
	const unit = stakeholderPart / Math.max(required.length, 1);
	const hits = required.length - missing.length;
	const earned = required.length ? hits * unit : stakeholderPart;
	const stakeholders = clamp(earned - overNotified.length * unit, stakeholderPart);

	const stated = Object.fromEntries(
		Object.entries(p.clock ?? {}).map(([anchor, v]) => [anchor, scenarioTimeMinutes(v!)])
	);
	const anchors = anchorTimes(stated, answer.answeredAt);
	const answered = new Date(start.getTime() + answer.answeredAt * 60_000);
	const late = required
		.filter((e) => told.has(e.key))
		.filter((e) => {
			const first = stageDueDates(e.row!, p.expectedSeverity, anchors, start)[0];
			return first !== undefined && answered.getTime() > first.due.getTime();
		})
		.map((e) => e.key);
	const onTime = hits - late.length;
	const timelinessPart = notificationWeights.timeliness * P;
	const timeliness = required.length ? (onTime / required.length) * timelinessPart : timelinessPart;

	const severity = severityShare * notificationWeights.severity * P;
	return {
		severity: round(severity),
		stakeholders: round(stakeholders),
		timeliness: round(timeliness),
		total: round(clamp(severity + stakeholders + timeliness, P)),
		expected,
		missing,
		overNotified,
		alsoTold,
		late
	};
}
