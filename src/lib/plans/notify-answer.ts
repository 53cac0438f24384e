import { audienceLabels, type Contact, type MatrixRow, type SeverityLevel } from './content';
import { approxMinutes } from './durations';
import { factLabel, isIncidentFact, type IncidentFact } from './incident-facts';
import { appliesWhenInWords, onlyWhenInWords, stageInWords } from './matrix-words';
import { expectedStakeholders } from './notification-expectation';

// "At SEV2, with personal data affected, who must we tell, by when, and how do we reach them?"
// answered by the same rule drills score with. The server answers it (in the version page and
// in its `notify` endpoint), so the page need not carry the whole matrix to the browser.

export type NotifyAnswer = {
	/** Null until a severity of the plan's scale is chosen: no answer is guessed for one. */
	level: { id: string; name: string } | null;
	facts: IncidentFact[];
	/** Soonest first: the list is read top down under time pressure. */
	required: {
		key: string;
		stakeholder: string;
		/** "Internal · by SOC analyst · approved by CISO · required: every SEV2 incident" */
		detail: string;
		stages: string[];
		contacts: Contact[];
	}[];
	/** Rows notified at this level that other facts would make required. */
	conditional: { key: string; stakeholder: string; condition: string }[];
};

/** The question as the address asks it (`?sev=SEV2&fact=personal-data`), bounded. */
export function notifyQuestionOf(params: URLSearchParams): {
	severity: string;
	facts: IncidentFact[];
} {
	return {
		severity: params.get('sev')?.slice(0, 16) ?? '',
		facts: [...new Set(params.getAll('fact').slice(0, 40))].filter(isIncidentFact)
	};
}

/** Both conditions of a row in words: "personal data affected, and only when all of: …". */
export function rowCondition(row: MatrixRow): string {
	return [appliesWhenInWords(row.appliesWhen), onlyWhenInWords(row.onlyWhen)]
		.filter(Boolean)
		.join(', and only when all of: ');
}

export function notifyAnswer(
	matrix: readonly MatrixRow[],
	severityScale: readonly Pick<SeverityLevel, 'id' | 'name'>[],
	severity: string,
	facts: readonly IncidentFact[]
): NotifyAnswer {
	const found = severityScale.find((l) => l.id === severity);
	if (!found) return { level: null, facts: [...facts], required: [], conditional: [] };
	const level = { id: found.id, name: found.name };
	const firstDeadline = (r: MatrixRow) =>
		Math.min(
			...(r.notifications[level.id]?.stages[0]?.deadlines ?? []).map((d) => approxMinutes(d.within))
		);
	const why = (r: MatrixRow) =>
		r.appliesWhen.length === 0
			? `every ${level.id} incident`
			: r.appliesWhen
					.filter((f) => facts.includes(f))
					.map(factLabel)
					.join('; ');
	const required = expectedStakeholders(matrix, level.id, facts, [])
		.flatMap((e) => (e.row ? [e.row] : []))
		.sort((a, b) => firstDeadline(a) - firstDeadline(b));
	const requiredKeys = new Set(required.map((r) => r.key));
	return {
		level,
		facts: [...facts],
		required: required.map((r) => ({
			key: r.key,
			stakeholder: r.stakeholder,
			detail:
				`${audienceLabels[r.audience]} · by ${r.notifier}` +
				(r.approver ? ` · approved by ${r.approver}` : '') +
				` · required: ${why(r)}`,
			stages: r.notifications[level.id].stages.map(stageInWords),
			contacts: r.contacts
		})),
		conditional: matrix
			.filter((r) => r.notifications[level.id]?.notify && !requiredKeys.has(r.key))
			.map((r) => ({ key: r.key, stakeholder: r.stakeholder, condition: rowCondition(r) }))
	};
}
