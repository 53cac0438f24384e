import type { ClockAnchor, MatrixRow, NotificationStage } from './content';
import { clockAnchors, rowAppliesTo } from './content';
import { deadlineFrom } from './durations';
import { factLabel, type IncidentFact } from './incident-facts';

// Who must be told, and by when, for an incident at a severity with some facts holding. The
// one rule shared by the scenario format (a notification prompt's expectation), drill scoring
// and the pages that explain a score; scenarios/README.md ("Scoring") documents it.

/** Why a stakeholder is on the list. */
export type Requirement =
	/**
	 * A matrix row notified at the severity: `facts` are its "applies when" facts that hold
	 * (empty: every incident), `onlyWhen` the facts it also needed (a country, say).
	 */
	| { source: 'matrix'; facts: IncidentFact[]; onlyWhen: IncidentFact[] }
	/** Named by the scenario's `mustNotify`. */
	| { source: 'must-notify' };

export type ExpectedStakeholder = {
	key: string;
	/** The matrix row, or null when `mustNotify` names a key the matrix does not have. */
	row: MatrixRow | null;
	/** At least one reason; the matrix reason first. */
	because: Requirement[];
};

/** "Personal data affected" reads "personal data affected" mid-sentence; "DORA …" stays. */
const inSentence = (label: string) =>
	/^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;

/**
 * "every SEV1 incident", "personal data affected, and affects the United Kingdom",
 * "named by the scenario".
 */
export function describeRequirement(r: Requirement, severityId: string): string {
	if (r.source === 'must-notify') return 'named by the scenario';
	const any = r.facts.length
		? r.facts.map((f) => inSentence(factLabel(f))).join(' or ')
		: `every ${severityId} incident`;
	if (r.onlyWhen.length === 0) return any;
	return `${any}, and ${r.onlyWhen.map((f) => inSentence(factLabel(f))).join(' and ')}`;
}

/** A row applies when its conditions hold (see rowAppliesTo in content.ts). */
export const rowApplies = (row: MatrixRow, facts: readonly IncidentFact[]) =>
	rowAppliesTo(row, facts);

/**
 * The stakeholders expected at `severityId`: the matrix rows notified at that severity whose
 * conditions hold for `facts`, then those `mustNotify` adds, in matrix order.
 */
export function expectedStakeholders(
	matrix: readonly MatrixRow[],
	severityId: string,
	facts: readonly IncidentFact[],
	mustNotify: readonly string[]
): ExpectedStakeholder[] {
	const named = new Set(mustNotify);
	const out: ExpectedStakeholder[] = [];
	for (const row of matrix) {
		const because: Requirement[] = [];
		if (row.notifications[severityId]?.notify && rowApplies(row, facts))
			because.push({
				source: 'matrix',
				facts: row.appliesWhen.filter((f) => facts.includes(f)),
				onlyWhen: row.onlyWhen ?? []
			});
		if (named.has(row.key)) because.push({ source: 'must-notify' });
		if (because.length) out.push({ key: row.key, row, because });
	}
	const inMatrix = new Set(matrix.map((r) => r.key));
	for (const key of named)
		if (!inMatrix.has(key)) out.push({ key, row: null, because: [{ source: 'must-notify' }] });
	return out;
}

/** When each clock anchor happened, in minutes of scenario time (negative: before the start). */
export type AnchorTimes = Record<ClockAnchor, number>;

/**
 * The anchors of one answer: those the scenario states, else awareness at the start of the
 * exercise (0) and declaration, classification and determination when the team answered.
 */
export function anchorTimes(
	stated: Partial<Record<ClockAnchor, number>>,
	answeredAt: number
): AnchorTimes {
	const times = {} as AnchorTimes;
	for (const anchor of clockAnchors)
		times[anchor] = stated[anchor] ?? (anchor === 'awareness' ? 0 : answeredAt);
	return times;
}

export type StageDue = { stage: string; due: Date };

/** When a stage is due: the earliest of its deadlines, each counted from its own anchor. */
export function stageDue(stage: NotificationStage, anchors: AnchorTimes, start: Date): Date {
	const dues = stage.deadlines.map((d) =>
		deadlineFrom(new Date(start.getTime() + anchors[d.anchor] * 60_000), d.within)
	);
	return new Date(Math.min(...dues.map((d) => d.getTime())));
}

/**
 * Every stage of a row at a severity with its due time. Scenario time is laid on the
 * calendar from `start` (the drill's start), which business days and months need.
 */
export function stageDueDates(
	row: MatrixRow,
	severityId: string,
	anchors: AnchorTimes,
	start: Date
): StageDue[] {
	const rule = row.notifications[severityId];
	if (!rule?.notify) return [];
	return rule.stages.map((s) => ({ stage: s.name, due: stageDue(s, anchors, start) }));
}
