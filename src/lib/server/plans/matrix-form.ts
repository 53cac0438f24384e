import { type MatrixRow, type PlanContent, type SeverityLevel } from '../../plans/content';
import { formatDuration } from '../../plans/durations';
import { ConflictError, InvalidFormError, InvalidInputError } from '../errors';

// The editor of one matrix row is a plain HTML form, so it works without JavaScript: fields
// named after where they sit in the row (`sev-SEV1-stage-0-deadline-1-within`), buttons
// that add or remove a stage, a deadline or a contact and show the form again, and one that
// saves. This reads such a form into what it shows (strings, as typed), never trusting a
// count or an index from it. matrix-form-save.ts turns it into a row.

export const MAX_STAGES = 5;
export const MAX_DEADLINES = 3;
export const MAX_CONTACTS = 10;
const MAX_LEVELS = 10;
const MAX_FACTS = 40;

export type DeadlineInput = { within: string; anchor: string };
export type StageInput = { name: string; deadlines: DeadlineInput[] };
export type ContactInput = { name: string; email: string; phone: string; oob: string };

/** A row as its form shows it: every value a string, as typed. */
export type RowFormState = {
	/** The draft revision the editing started from, carried through every round trip. */
	revision: string;
	stakeholder: string;
	audience: string;
	notifier: string;
	approver: string;
	template: string;
	appliesWhen: string[];
	onlyWhen: string[];
	contacts: ContactInput[];
	/** Stages by severity id; none means not notified at that level. */
	levels: Record<string, StageInput[]>;
};

const blankContact = (): ContactInput => ({ name: '', email: '', phone: '', oob: '' });
const blankDeadline = (): DeadlineInput => ({ within: '', anchor: 'declaration' });

/** The form for a stored row, or for a new one when `row` is null. */
export function rowFormState(
	row: MatrixRow | null,
	scale: SeverityLevel[],
	revision: number
): RowFormState {
	const levels: Record<string, StageInput[]> = {};
	for (const l of scale) {
		const rule = row?.notifications[l.id];
		levels[l.id] = rule?.notify
			? rule.stages.map((s) => ({
					name: s.name,
					deadlines: s.deadlines.map((d) => ({
						within: formatDuration(d.within),
						anchor: d.anchor
					}))
				}))
			: [];
	}
	return {
		revision: String(revision),
		stakeholder: row?.stakeholder ?? '',
		audience: row?.audience ?? '',
		notifier: row?.notifier ?? '',
		approver: row?.approver ?? '',
		template: row?.messageTemplate ?? '',
		appliesWhen: [...(row?.appliesWhen ?? [])],
		onlyWhen: [...(row?.onlyWhen ?? [])],
		contacts: row?.contacts.length
			? row.contacts.map((c) => ({
					name: c.name,
					email: c.email,
					phone: c.phone,
					oob: c.outOfBand
				}))
			: [blankContact()],
		levels
	};
}

const LEVEL = '([A-Z][A-Z0-9-]{0,15})';
const stageName = new RegExp(`^sev-${LEVEL}-stage-(\\d+)-name$`);
const deadlineField = new RegExp(`^sev-${LEVEL}-stage-(\\d+)-deadline-(\\d+)-(within|anchor)$`);
const contactField = /^contact-(\d+)-(name|email|phone|oob)$/;

function bounded(index: string, max: number, message: string, field: string): number {
	const n = Number(index);
	if (index.length > 4 || n >= max) throw new InvalidInputError(message, field);
	return n;
}

/** The values of a group of checkboxes; more than there are facts is a hand-made form. */
function ticked(form: FormData, name: string): string[] {
	const values = form.getAll(name).filter((v): v is string => typeof v === 'string');
	if (values.length > MAX_FACTS)
		throw new InvalidInputError(`Tick at most ${MAX_FACTS} incident facts.`, name);
	return [...new Set(values)];
}

/** Sparse indices as they came, compacted in their order. */
function compact<T>(sparse: Map<number, T>): T[] {
	return [...sparse.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

/**
 * The row form as posted. An index past its bound (six stages, a contact numbered 10^9) is a
 * hand-made form: a clear 400 before any work is sized by it.
 */
export function readRowForm(form: FormData): RowFormState {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const stages = new Map<
		string,
		Map<number, { name: string; deadlines: Map<number, DeadlineInput> }>
	>();
	const contacts = new Map<number, ContactInput>();
	const stageOf = (level: string, index: string) => {
		const i = bounded(
			index,
			MAX_STAGES,
			`A row has at most ${MAX_STAGES} stages at a level.`,
			`sev-${level}`
		);
		if (!stages.has(level) && stages.size >= MAX_LEVELS)
			throw new InvalidInputError(`A plan has at most ${MAX_LEVELS} severity levels.`);
		const byIndex = stages.get(level) ?? new Map();
		stages.set(level, byIndex);
		const stage = byIndex.get(i) ?? { name: '', deadlines: new Map() };
		byIndex.set(i, stage);
		return stage;
	};
	for (const [name, value] of form) {
		if (typeof value !== 'string') continue;
		let m: RegExpExecArray | null;
		if ((m = stageName.exec(name))) stageOf(m[1], m[2]).name = value;
		else if ((m = deadlineField.exec(name))) {
			const stage = stageOf(m[1], m[2]);
			const j = bounded(
				m[3],
				MAX_DEADLINES,
				`A stage has at most ${MAX_DEADLINES} deadlines.`,
				`sev-${m[1]}-stage-${m[2]}`
			);
			const deadline = stage.deadlines.get(j) ?? { within: '', anchor: '' };
			deadline[m[4] as 'within' | 'anchor'] = value;
			stage.deadlines.set(j, deadline);
		} else if ((m = contactField.exec(name))) {
			const j = bounded(
				m[1],
				MAX_CONTACTS,
				`A row has at most ${MAX_CONTACTS} contacts.`,
				'contacts'
			);
			const contact = contacts.get(j) ?? blankContact();
			contact[m[2] as keyof ContactInput] = value;
			contacts.set(j, contact);
		}
	}
	const levels: Record<string, StageInput[]> = {};
	for (const [level, byIndex] of stages)
		levels[level] = compact(byIndex).map((s) => ({
			name: s.name,
			deadlines: compact(s.deadlines)
		}));
	return {
		revision: text('revision'),
		stakeholder: text('stakeholder'),
		audience: text('audience'),
		notifier: text('notifier'),
		approver: text('approver'),
		template: text('template'),
		appliesWhen: ticked(form, 'appliesWhen'),
		onlyWhen: ticked(form, 'onlyWhen'),
		contacts: compact(contacts),
		levels
	};
}

/** What the user typed, for the page to show again after a refusal; null when unreadable. */
export function echoRowForm(form: FormData): { row: RowFormState } | Record<string, never> {
	try {
		return { row: readRowForm(form) };
	} catch {
		return {};
	}
}

/**
 * Applies an "add" or "remove" button of the form (`add-stage:SEV1`, `remove-deadline:SEV1:0:1`,
 * `add-contact`, …) and returns the form to show next. Unknown levels or indices are ignored:
 * the form shows what it holds.
 */
export function applyRowChange(
	state: RowFormState,
	change: string,
	scale: SeverityLevel[]
): RowFormState {
	const next = structuredClone(state);
	const [verb, level = '', a = '', b = ''] = change.split(':');
	const stages = scale.some((l) => l.id === level) ? (next.levels[level] ??= []) : null;
	const i = Number(a);
	const j = Number(b);
	const atMost = (field: string, message: string) => {
		throw new InvalidFormError({ [field]: message });
	};
	switch (verb) {
		case 'add-stage':
			if (!stages) break;
			if (stages.length >= MAX_STAGES)
				atMost(`sev-${level}`, `A row has at most ${MAX_STAGES} stages at ${level}.`);
			stages.push({ name: stages.length ? '' : 'Notify', deadlines: [blankDeadline()] });
			break;
		case 'remove-stage':
			stages?.splice(i, 1);
			break;
		case 'add-deadline':
			if (!stages?.[i]) break;
			if (stages[i].deadlines.length >= MAX_DEADLINES)
				atMost(`sev-${level}-stage-${i}`, `A stage has at most ${MAX_DEADLINES} deadlines.`);
			stages[i].deadlines.push(blankDeadline());
			break;
		case 'remove-deadline':
			stages?.[i]?.deadlines.splice(j, 1);
			break;
		case 'add-contact':
			if (next.contacts.length >= MAX_CONTACTS)
				atMost('contacts', `A row has at most ${MAX_CONTACTS} contacts.`);
			next.contacts.push(blankContact());
			break;
		case 'remove-contact':
			next.contacts.splice(Number(level), 1);
			break;
		default:
			throw new InvalidInputError('The form asked for a change the editor does not know.');
	}
	return next;
}

function rowIndex(content: PlanContent, key: string): number {
	const i = content.matrix.findIndex((r) => r.key === key);
	if (i < 0)
		throw new ConflictError('That stakeholder is no longer in this draft; reload the matrix.');
	return i;
}

/** Moves a row one place up or down; at either end it stays. */
export function moveRow(content: PlanContent, key: string, direction: 'up' | 'down'): PlanContent {
	const i = rowIndex(content, key);
	const j = direction === 'up' ? i - 1 : i + 1;
	if (j < 0 || j >= content.matrix.length) return content;
	const matrix = [...content.matrix];
	[matrix[i], matrix[j]] = [matrix[j], matrix[i]];
	return { ...content, matrix };
}

export function removeRow(content: PlanContent, key: string): PlanContent {
	rowIndex(content, key);
	return { ...content, matrix: content.matrix.filter((r) => r.key !== key) };
}
