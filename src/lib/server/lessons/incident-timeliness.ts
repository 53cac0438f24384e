import type { ClockAnchor, MatrixRow, PlanContent } from '../../plans/content';
import { deadlineFrom } from '../../plans/durations';
import { appliesWhenInWords, deadlineInWords, onlyWhenInWords } from '../../plans/matrix-words';

// A real incident's notifications against the communication matrix of the plan version in
// force: for each message recorded, the deadline of its stage at the declared severity,
// counted from that deadline's anchor (awareness, declaration, classification or
// determination as the review records them), and whether it went out in time. Then the
// matrix rows notified at that severity for which no message was recorded.

export type IncidentMoments = {
	severity: string;
	awareAt: Date;
	declaredAt: Date | null;
	classifiedAt: Date | null;
	determinedAt: Date | null;
};

export type RecordedNotification = {
	rowKey: string;
	/** Index of the stage in the row's rule at the severity (0: the first message). */
	stage: number;
	notifiedAt: Date;
	note?: string;
};

export type DeadlineCheck = {
	/** "within 24h of awareness" */
	words: string;
	anchor: ClockAnchor;
	anchorAt: Date | null;
	due: Date | null;
};

export type Timeliness =
	| { verdict: 'on_time'; due: Date; marginMinutes: number }
	| { verdict: 'late'; due: Date; lateByMinutes: number }
	/** Some deadline counts from a moment the review does not record, and no known one was missed. */
	| { verdict: 'anchor_unknown'; due: Date | null; missing: ClockAnchor[] }
	/** The row is not notified at the declared severity, or has no such stage there. */
	| { verdict: 'not_required' }
	/** The row is not in the matrix of this version. */
	| { verdict: 'unknown_row' };

export type NotificationCheck = RecordedNotification & {
	stakeholder: string;
	stageName: string;
	deadlines: DeadlineCheck[];
} & Timeliness;

export type MissingNotification = {
	rowKey: string;
	stakeholder: string;
	/** No message to this row at all (otherwise some stages were recorded). */
	never: boolean;
	/** The row applies to every incident at the severity; otherwise only under these conditions. */
	everyIncident: boolean;
	conditions: string;
	stages: { index: number; name: string; due: Date | null; words: string }[];
};

export type IncidentTimeliness = {
	notifications: NotificationCheck[];
	missing: MissingNotification[];
};

export function anchorTime(m: IncidentMoments, anchor: ClockAnchor): Date | null {
	switch (anchor) {
		case 'awareness':
			return m.awareAt;
		case 'declaration':
			return m.declaredAt;
		case 'classification':
			return m.classifiedAt;
		case 'determination':
			return m.determinedAt;
	}
}

const MINUTE = 60_000;

function stageDeadlines(row: MatrixRow, severity: string, stage: number, m: IncidentMoments) {
	const rule = row.notifications[severity];
	const s = rule?.notify ? rule.stages[stage] : undefined;
	if (!s) return null;
	const deadlines: DeadlineCheck[] = s.deadlines.map((d) => {
		const anchorAt = anchorTime(m, d.anchor);
		return {
			words: deadlineInWords(d),
			anchor: d.anchor,
			anchorAt,
			due: anchorAt ? deadlineFrom(anchorAt, d.within) : null
		};
	});
	const known = deadlines.filter((d) => d.due).map((d) => d.due!.getTime());
	return {
		name: s.name,
		deadlines,
		// A stage is due at the earliest of its deadlines: with one unknown, this is an upper bound.
		due: known.length ? new Date(Math.min(...known)) : null,
		missing: [...new Set(deadlines.filter((d) => !d.anchorAt).map((d) => d.anchor))]
	};
}

/** Each recorded notification against its deadline, and the rows never (fully) notified. */
export function notificationTimeliness(
	review: IncidentMoments & { notifications: readonly RecordedNotification[] },
	content: Pick<PlanContent, 'matrix'>
): IncidentTimeliness {
	const rows = new Map(content.matrix.map((r) => [r.key, r]));
	const notifications: NotificationCheck[] = review.notifications.map((n) => {
		const row = rows.get(n.rowKey);
		if (!row)
			return { ...n, stakeholder: n.rowKey, stageName: '', deadlines: [], verdict: 'unknown_row' };
		const stage = stageDeadlines(row, review.severity, n.stage, review);
		if (!stage)
			return {
				...n,
				stakeholder: row.stakeholder,
				stageName: `Stage ${n.stage + 1}`,
				deadlines: [],
				verdict: 'not_required'
			};
		const base = {
			...n,
			stakeholder: row.stakeholder,
			stageName: stage.name,
			deadlines: stage.deadlines
		};
		const at = n.notifiedAt.getTime();
		if (stage.due && at > stage.due.getTime())
			return {
				...base,
				verdict: 'late',
				due: stage.due,
				lateByMinutes: Math.ceil((at - stage.due.getTime()) / MINUTE)
			};
		if (stage.missing.length)
			return { ...base, verdict: 'anchor_unknown', due: stage.due, missing: stage.missing };
		return {
			...base,
			verdict: 'on_time',
			due: stage.due!,
			marginMinutes: Math.floor((stage.due!.getTime() - at) / MINUTE)
		};
	});

	const missing: MissingNotification[] = [];
	for (const row of content.matrix) {
		const rule = row.notifications[review.severity];
		if (!rule?.notify || rule.stages.length === 0) continue;
		const told = new Set(
			review.notifications.filter((n) => n.rowKey === row.key).map((n) => n.stage)
		);
		const stages = rule.stages
			.map((s, index) => ({ s, index }))
			.filter(({ index }) => !told.has(index))
			.map(({ s, index }) => ({
				index,
				name: s.name,
				due: stageDeadlines(row, review.severity, index, review)?.due ?? null,
				words: s.deadlines.map(deadlineInWords).join(' and ')
			}));
		if (stages.length === 0) continue;
		const everyIncident = row.appliesWhen.length === 0 && (row.onlyWhen ?? []).length === 0;
		const only = onlyWhenInWords(row.onlyWhen);
		missing.push({
			rowKey: row.key,
			stakeholder: row.stakeholder,
			never: told.size === 0,
			everyIncident,
			conditions: everyIncident
				? ''
				: [
						row.appliesWhen.length ? appliesWhenInWords(row.appliesWhen) : '',
						only ? `only when ${only}` : ''
					]
						.filter(Boolean)
						.join('; '),
			stages
		});
	}
	return { notifications, missing };
}

/** "late by 95 min" → "late by 1 h 35 min" for anything over an hour. */
export function minutesInWords(minutes: number): string {
	if (minutes < 60) return `${minutes} min`;
	const h = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (h < 48) return rest ? `${h} h ${rest} min` : `${h} h`;
	const d = Math.floor(h / 24);
	return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
