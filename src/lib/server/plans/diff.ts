import type { MatrixRow, PlanContent, SeverityLevel } from '../../plans/content';
import { audienceLabels, normaliseLineEndings, sectionNumbers } from '../../plans/content';
import type { FieldChange, PlanDiff, RowDiff, SectionDiff, WordPart } from '../../plans/diff-types';
import { appliesWhenInWords, onlyWhenInWords, ruleInWords } from '../../plans/matrix-words';
import { textDiff } from './text-diff';

// A diff of a huge or hostile plan stays bounded: past this budget, or past the edit limits
// in text-diff.ts, a section is shown whole (old and new side by side) instead of word by word.
const TOTAL_BUDGET_MS = 400;

/** Keys of `a` in the longest run they share, in order, with `b` (everything else moved). */
function stableKeys(a: string[], b: string[]): Set<string> {
	const n = a.length;
	const m = b.length;
	const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--)
			lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
	const keep = new Set<string>();
	for (let i = 0, j = 0; i < n && j < m;) {
		if (a[i] === b[j]) {
			keep.add(a[i]);
			i++;
			j++;
		} else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
		else j++;
	}
	return keep;
}

function diffSections(a: PlanContent, b: PlanContent, deadline: number) {
	const oldNumbers = sectionNumbers(a.sections);
	const newNumbers = sectionNumbers(b.sections);
	const oldByKey = new Map(a.sections.map((s, i) => [s.key, { s, number: oldNumbers[i] }]));
	const newKeys = new Set(b.sections.map((s) => s.key));
	const shared = stableKeys(
		a.sections.map((s) => s.key).filter((k) => newKeys.has(k)),
		b.sections.map((s) => s.key).filter((k) => oldByKey.has(k))
	);
	let fallbacks = 0;
	const out: SectionDiff[] = [];
	b.sections.forEach((s, i) => {
		const before = oldByKey.get(s.key);
		if (!before) {
			out.push({
				key: s.key,
				status: 'added',
				oldNumber: null,
				newNumber: newNumbers[i],
				oldTitle: null,
				newTitle: s.title,
				moved: false,
				renamed: false,
				levelChanged: false,
				words: [{ kind: 'added', text: s.body }],
				wholeSection: null
			});
			return;
		}
		const bodyChanged = before.s.body !== s.body;
		let words: WordPart[] | null = null;
		let wholeSection: SectionDiff['wholeSection'] = null;
		if (bodyChanged) {
			words = textDiff(before.s.body, s.body, deadline);
			if (!words) {
				fallbacks++;
				wholeSection = { old: before.s.body, new: s.body };
			}
		}
		const moved = !shared.has(s.key);
		const renamed = before.s.title !== s.title;
		const levelChanged = before.s.level !== s.level;
		out.push({
			key: s.key,
			status: bodyChanged || moved || renamed || levelChanged ? 'changed' : 'unchanged',
			oldNumber: before.number,
			newNumber: newNumbers[i],
			oldTitle: before.s.title,
			newTitle: s.title,
			moved,
			renamed,
			levelChanged,
			words,
			wholeSection
		});
	});
	// Removed sections go where they stood, after the section that preceded them.
	a.sections.forEach((s, i) => {
		if (newKeys.has(s.key)) return;
		const removed: SectionDiff = {
			key: s.key,
			status: 'removed',
			oldNumber: oldNumbers[i],
			newNumber: null,
			oldTitle: s.title,
			newTitle: null,
			moved: false,
			renamed: false,
			levelChanged: false,
			words: [{ kind: 'removed', text: s.body }],
			wholeSection: null
		};
		const prevKey = i > 0 ? a.sections[i - 1].key : null;
		const at = prevKey ? out.findIndex((d) => d.key === prevKey) : -1;
		out.splice(at + 1, 0, removed);
	});
	return { sections: out, fallbacks };
}

/** Fields long enough that a change is shown word by word rather than as two whole texts. */
const WORDY_FIELDS = new Set(['Criteria', 'Message template']);

// Line endings are normalised on the way in; text stored before that was still compares
// equal when only its line endings differ.
function compareFields(fields: [string, string, string][], deadline: number): FieldChange[] {
	return fields
		.map(([field, from, to]) => [field, normaliseLineEndings(from), normaliseLineEndings(to)])
		.filter(([, from, to]) => from !== to)
		.map(([field, from, to]) => ({
			field,
			from,
			to,
			words: WORDY_FIELDS.has(field) && from && to ? textDiff(from, to, deadline) : null
		}));
}

function diffRows<T extends { key: string }>(
	a: T[],
	b: T[],
	label: (row: T) => string,
	fields: (row: T | undefined) => [string, string][],
	deadline: number
): RowDiff[] {
	const oldByKey = new Map(a.map((r) => [r.key, r]));
	const newKeys = new Set(b.map((r) => r.key));
	// Order matters (the plan lists rows as ordered): a row moved among the rows both
	// versions share is a change, reported once for the row that moved.
	const inPlace = stableKeys(
		a.map((r) => r.key).filter((k) => newKeys.has(k)),
		b.map((r) => r.key).filter((k) => oldByKey.has(k))
	);
	const oldPosition = new Map(a.map((r, i) => [r.key, i + 1]));
	const zip = (from: T | undefined, to: T | undefined) => {
		const f = fields(from);
		const t = fields(to);
		return compareFields(
			f.map(([name, value], i) => [name, value, t[i][1]]),
			deadline
		);
	};
	const out: RowDiff[] = b.map((row, i) => {
		const before = oldByKey.get(row.key);
		const changes = zip(before, row);
		if (before && !inPlace.has(row.key))
			changes.unshift({
				field: 'Position',
				from: `${oldPosition.get(row.key)} of ${a.length}`,
				to: `${i + 1} of ${b.length}`,
				words: null
			});
		return {
			key: row.key,
			label: label(row),
			status: !before ? 'added' : changes.length ? 'changed' : 'unchanged',
			changes
		};
	});
	for (const row of a)
		if (!newKeys.has(row.key))
			out.push({
				key: row.key,
				label: label(row),
				status: 'removed',
				changes: zip(row, undefined)
			});
	return out;
}

const severityFields = (l: SeverityLevel | undefined): [string, string][] => [
	['Name', l?.name ?? ''],
	['Criteria', l?.criteria ?? '']
];

/** A row field by field, in the words the plan page uses; a removed or added row is ''. */
function matrixFields(severityIds: string[]) {
	return (r: MatrixRow | undefined): [string, string][] => [
		['Stakeholder', r?.stakeholder ?? ''],
		['Audience', r ? audienceLabels[r.audience] : ''],
		['Applies when', r ? appliesWhenInWords(r.appliesWhen) : ''],
		['Only when all of', onlyWhenInWords(r?.onlyWhen)],
		...severityIds.map((id): [string, string] => [id, r ? ruleInWords(r.notifications[id]) : '']),
		['Notified by', r?.notifier ?? ''],
		['External approval by', r?.approver ?? ''],
		[
			'Contacts',
			(r?.contacts ?? [])
				.map((c) =>
					[c.name, c.email, c.phone, c.outOfBand && `out-of-band: ${c.outOfBand}`]
						.filter(Boolean)
						.join(', ')
				)
				.join('; ')
		],
		['Message template', r?.messageTemplate ?? '']
	];
}

/** Compares two versions: sections by stable key, severity levels by id, matrix rows by key. */
export function diffPlanContent(a: PlanContent, b: PlanContent): PlanDiff {
	const deadline = performance.now() + TOTAL_BUDGET_MS;
	const { sections, fallbacks } = diffSections(a, b, deadline);
	const asKeyed = (levels: SeverityLevel[]) => levels.map((l) => ({ ...l, key: l.id }));
	const severityScale = diffRows(
		asKeyed(a.severityScale),
		asKeyed(b.severityScale),
		(l) => `${l.id} ${l.name}`,
		severityFields,
		deadline
	);
	const severityIds = [...new Set([...a.severityScale, ...b.severityScale].map((l) => l.id))];
	const matrix = diffRows(
		a.matrix,
		b.matrix,
		(r) => r.stakeholder,
		matrixFields(severityIds),
		deadline
	);
	return {
		sections,
		severityScale,
		matrix,
		fallbacks,
		summary: {
			added: sections.filter((s) => s.status === 'added').length,
			removed: sections.filter((s) => s.status === 'removed').length,
			changed: sections.filter((s) => s.status === 'changed').length,
			moved: sections.filter((s) => s.moved).length,
			renamed: sections.filter((s) => s.renamed).length
		}
	};
}
