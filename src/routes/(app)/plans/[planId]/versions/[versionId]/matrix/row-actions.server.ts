import { redirect } from '@sveltejs/kit';
import { planView } from '$lib/server/access/visibility';
import { NotFoundError } from '$lib/server/errors';
import { action, page, type ActionEvent } from '$lib/server/http/route';
import { editDraftFromForm } from '../draft-form.server';
import { findEditableDraft } from '$lib/server/plans/editable';
import {
	applyRowChange,
	echoRowForm,
	readRowForm,
	removeRow,
	rowFormState
} from '$lib/server/plans/matrix-form';
import { putRow } from '$lib/server/plans/matrix-form-save';
import { contentOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';

// The pages that edit one matrix row (an existing one at matrix/[rowKey], a new one at
// matrix/new) share their load and actions; only which row they put back differs.

type Params = { planId: string; versionId: string; rowKey?: string };
type RowEvent = { params: Params; url: URL; locals: App.Locals; getClientAddress(): string };

const matrixPage = (p: Params) => `/plans/${p.planId}/versions/${p.versionId}/matrix`;

/** The row being edited: the one named in the path, or null for a new row. */
const rowKeyOf = (p: Params) => p.rowKey ?? null;

export const loadRow = page('plans.edit', async (event: RowEvent, user) => {
	const { plan, version } = await findEditableDraft(db(), planView(user), event.params);
	const content = contentOf(version);
	const key = rowKeyOf(event.params);
	const row = key === null ? null : content.matrix.find((r) => r.key === key);
	if (row === undefined)
		throw new NotFoundError('This draft has no such stakeholder in its matrix.');
	return {
		plan: { id: plan.id, title: plan.title },
		version: { id: version.id, revision: version.revision },
		severityScale: content.severityScale,
		rowKey: key,
		title: row?.stakeholder ?? null,
		row: rowFormState(row, content.severityScale, version.revision)
	};
});

export const rowActions = {
	save: action(
		'plans.edit',
		async (event: RowEvent & ActionEvent, context) => {
			const { form } = context;
			const state = readRowForm(form);
			let key = '';
			await editDraftFromForm(
				event.params,
				context,
				(content) => {
					const placed = putRow(content, state, rowKeyOf(event.params));
					key = placed.key;
					return placed.content;
				},
				`${rowKeyOf(event.params) ? 'edited' : 'added'} the communication matrix row "${state.stakeholder.trim()}"`
			);
			redirect(303, `${matrixPage(event.params)}?saved=${key}#row-${key}`);
		},
		{ echoWith: echoRowForm }
	),
	// An "add" or "remove" button: the form again with one part more or less, nothing saved.
	change: action(
		'plans.edit',
		async (event: RowEvent & ActionEvent, { user, form }) => {
			const { version } = await findEditableDraft(db(), planView(user), event.params);
			const change = String(form.get('change') ?? '').slice(0, 80);
			return { row: applyRowChange(readRowForm(form), change, contentOf(version).severityScale) };
		},
		{ echoWith: echoRowForm }
	),
	remove: action('plans.edit', async (event: RowEvent & ActionEvent, context) => {
		const key = rowKeyOf(event.params);
		if (key === null)
			throw new NotFoundError('A new row is not saved yet; leave the page instead.');
		await editDraftFromForm(
			event.params,
			context,
			(content) => removeRow(content, key),
			`removed the communication matrix row ${key}`
		);
		redirect(303, `${matrixPage(event.params)}?removed=${key}`);
	})
};
