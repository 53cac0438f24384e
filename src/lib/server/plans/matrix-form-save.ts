import {
	keyFromTitle,
	planContentSchema,
	type Audience,
	type ClockAnchor,
	type MatrixRow,
	type PlanContent
} from '../../plans/content';
import { parseDuration, type Duration } from '../../plans/durations';
import type { IncidentFact } from '../../plans/incident-facts';
import { ConflictError, InvalidFormError } from '../errors';
import type { RowFormState } from './matrix-form';

// From the row editor's form to a matrix row in the draft: durations read as people type
// them, then the plan's own rules, every problem reported next to the field it is about.

/** Stands in for a duration that did not parse, so the plan's rules can still check the rest. */
const PLACEHOLDER: Duration = { amount: 1, unit: 'hours' };

type Placed = { content: PlanContent; key: string };

/**
 * The content with the form's row in place of the row `key`, or added at the end (with a key
 * made from its stakeholder) when `key` is null. Throws InvalidFormError with an error per
 * field; nothing is half-applied.
 */
export function putRow(content: PlanContent, state: RowFormState, key: string | null): Placed {
	const errors: Record<string, string> = {};
	const notifications: MatrixRow['notifications'] = {};
	for (const level of content.severityScale) {
		const stages = (state.levels[level.id] ?? []).map((stage, k) => ({
			name: stage.name,
			deadlines: stage.deadlines.map((d, j) => {
				const field = `sev-${level.id}-stage-${k}-deadline-${j}-within`;
				if (!d.within.trim()) {
					errors[field] = 'Say within how long, e.g. 72h or 1 month.';
					return { within: PLACEHOLDER, anchor: d.anchor as ClockAnchor };
				}
				const within = parseDuration(d.within);
				if (!within.ok) errors[field] = within.message;
				return {
					within: within.ok ? within.duration : PLACEHOLDER,
					anchor: d.anchor as ClockAnchor
				};
			})
		}));
		notifications[level.id] = { notify: stages.length > 0, stages };
	}
	// Blank contact lines are left out; errors still point at the line the user sees.
	const contactLines = state.contacts
		.map((c, line) => ({ c, line }))
		.filter(({ c }) => c.name.trim() || c.email.trim() || c.phone.trim() || c.oob.trim());

	const index =
		key === null ? content.matrix.length : content.matrix.findIndex((r) => r.key === key);
	if (index < 0)
		throw new ConflictError(
			'This stakeholder was removed from the draft after you opened it. Your input is kept below: copy what you need and add the stakeholder again.'
		);
	// `new` is the address of the page that adds a row, so no row may be keyed so.
	const taken = new Set([...content.matrix.map((r) => r.key), 'new']);
	const row = {
		key: key ?? keyFromTitle(state.stakeholder.trim() || 'stakeholder', taken),
		stakeholder: state.stakeholder,
		audience: state.audience as Audience,
		contacts: contactLines.map(({ c }) => ({
			name: c.name,
			email: c.email,
			phone: c.phone,
			outOfBand: c.oob
		})),
		appliesWhen: state.appliesWhen as IncidentFact[],
		// Left out when empty, as rows without it are stored, so an unchanged row stays equal.
		...(state.onlyWhen.length ? { onlyWhen: state.onlyWhen as IncidentFact[] } : {}),
		notifications,
		notifier: state.notifier,
		approver: state.approver,
		messageTemplate: state.template
	};
	const matrix = [...content.matrix];
	matrix.splice(index, key === null ? 0 : 1, row);
	const parsed = planContentSchema.safeParse({ ...content, matrix });
	if (!parsed.success)
		for (const issue of parsed.error.issues) {
			const [part, at, ...path] = issue.path;
			const field =
				part === 'matrix' && at === index
					? fieldOf(path, (j) => contactLines[j]?.line ?? j)
					: 'form';
			errors[field] ??= issue.message;
		}
	if (Object.keys(errors).length || !parsed.success) throw new InvalidFormError(errors);
	return { content: parsed.data, key: row.key };
}

/** The form field a problem with the row at `path` is about (inputs are named this way). */
export function fieldOf(path: PropertyKey[], contactLine: (j: number) => number): string {
	const [field, a, b, c, d, e, f] = path.map(String);
	switch (field) {
		case 'key':
			return 'stakeholder';
		case 'messageTemplate':
			return 'template';
		case 'stakeholder':
		case 'audience':
		case 'notifier':
		case 'approver':
		case 'appliesWhen':
		case 'onlyWhen':
			return field;
		case 'contacts':
			if (a === undefined || b === undefined) return 'contacts';
			return `contact-${contactLine(Number(a))}-${b === 'outOfBand' ? 'oob' : b}`;
		case 'notifications': {
			// notifications.SEV1.stages.0.deadlines.1.within.amount
			const level = `sev-${a}`;
			if (c === undefined) return level;
			const stage = `${level}-stage-${c}`;
			if (d === 'name') return `${stage}-name`;
			if (d === 'deadlines' && e !== undefined)
				return `${stage}-deadline-${e}-${f === 'anchor' ? 'anchor' : 'within'}`;
			return stage;
		}
		default:
			return 'form';
	}
}
