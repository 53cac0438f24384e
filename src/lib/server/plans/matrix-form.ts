import {
	audiences,
	keyFromTitle,
	planContentSchema,
	type Audience,
	type MatrixRow,
	type PlanContent
} from '../../plans/content';

// The matrix editor is one HTML table of inputs named row-<i>-<field>; this turns a
// submitted table into matrix rows, and validation issues back into those input names,
// so each error shows on its row and field.

export const MAX_CONTACTS_PER_ROW = 2;

export type MatrixFormResult =
	| { ok: true; content: PlanContent }
	| { ok: false; errors: Record<string, string>; values: Record<string, string> };

const str = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export function matrixFromForm(form: FormData, content: PlanContent): MatrixFormResult {
	const errors: Record<string, string> = {};
	const values: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') values[k] = v;

	const count = Math.min(Number(form.get('rows')) || 0, 250);
	const rows: MatrixRow[] = [];
	const formIndex: number[] = [];
	const taken = new Set<string>();
	for (let i = 0; i < count; i++) {
		const f = (field: string) => str(form, `row-${i}-${field}`);
		if (form.get(`row-${i}-remove`)) continue;
		const stakeholder = f('stakeholder');
		const isBlankNewRow = !f('key') && !stakeholder && !f('notifier');
		if (isBlankNewRow) continue;
		const audience = f('audience');
		if (!(audiences as readonly string[]).includes(audience))
			errors[`row-${i}-audience`] = 'Choose an audience.';
		const notifications: MatrixRow['notifications'] = {};
		for (const level of content.severityScale) {
			const notify = form.get(`row-${i}-notify-${level.id}`) !== null;
			const minutesText = f(`minutes-${level.id}`);
			let withinMinutes: number | null = null;
			if (minutesText) {
				const n = Number(minutesText);
				if (!Number.isInteger(n) || n <= 0)
					errors[`row-${i}-minutes-${level.id}`] = 'Use a positive whole number of minutes.';
				else withinMinutes = n;
			}
			notifications[level.id] = { notify, withinMinutes: notify ? withinMinutes : null };
		}
		const contacts = Array.from({ length: MAX_CONTACTS_PER_ROW }, (_, j) => ({
			name: f(`c${j}-name`),
			email: f(`c${j}-email`),
			phone: f(`c${j}-phone`),
			outOfBand: f(`c${j}-oob`)
		})).filter((c) => c.name || c.email || c.phone || c.outOfBand);
		const key = f('key') || keyFromTitle(stakeholder || 'stakeholder', taken);
		taken.add(key);
		rows.push({
			key,
			stakeholder,
			audience: audience as Audience,
			contacts,
			notifications,
			notifier: f('notifier'),
			approver: f('approver'),
			messageTemplate: String(form.get(`row-${i}-template`) ?? '')
		});
		formIndex.push(i);
	}

	const next = { ...content, matrix: rows };
	const parsed = planContentSchema.safeParse(next);
	if (parsed.success && Object.keys(errors).length === 0) return { ok: true, content: parsed.data };
	for (const issue of parsed.success ? [] : parsed.error.issues) {
		const [part, rowIndex, field, sub, leaf] = issue.path as (string | number)[];
		if (part !== 'matrix' || typeof rowIndex !== 'number') {
			errors.form ??= issue.message;
			continue;
		}
		const i = formIndex[rowIndex];
		const name =
			field === 'notifications'
				? `row-${i}-minutes-${String(sub)}`
				: field === 'contacts' && typeof sub === 'number'
					? `row-${i}-c${sub}-${leaf === 'outOfBand' ? 'oob' : String(leaf)}`
					: `row-${i}-${String(field)}`;
		errors[name] ??= issue.message;
	}
	return { ok: false, errors, values };
}
