import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { sectionNumbers, type SeverityLevel } from '$lib/plans/content';
import { addSection, moveSection, removeSection } from '$lib/plans/draft-edits';
import { planView } from '$lib/server/access/visibility';
import { formFields, formRows } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { findEditableDraft } from '$lib/server/plans/editable';
import { contentOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import { editDraftFromForm } from '../draft-form.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = page('plans.edit', async (event, user) => {
	const { plan, version } = await findEditableDraft(db(), planView(user), event.params);
	const content = contentOf(version);
	const numbers = sectionNumbers(content.sections);
	const sections = content.sections.map((s, i) => ({
		key: s.key,
		title: s.title,
		level: s.level,
		number: numbers[i],
		words: s.body.split(/\s+/).filter(Boolean).length
	}));
	// "Remove" first asks (?remove=<key>): a page of its own, so it works without JavaScript.
	const removing = event.url.searchParams.get('remove');
	return {
		plan: { id: plan.id, title: plan.title },
		version: { id: version.id, revision: version.revision },
		sections,
		confirmRemoval: sections.find((s) => s.key === removing) ?? null,
		severityScale: content.severityScale
	};
});

const editorPage = (event: RequestEvent) =>
	`/plans/${event.params.planId}/versions/${event.params.versionId}/edit`;

const sectionKeyField = z.string().max(64);
const addSchema = z.object({
	title: z.string().max(200),
	level: z.enum(['1', '2']).default('1'),
	after: sectionKeyField.default('')
});
const moveSchema = z.object({ key: sectionKeyField, direction: z.enum(['up', 'down']) });
const removeSchema = z.object({ key: sectionKeyField });

/** The scale holds at most ten levels; rows beyond that are never read. */
const MAX_LEVELS = 10;

function severityRows(form: FormData): SeverityLevel[] {
	return formRows(form, 'level', MAX_LEVELS)
		.filter((r) => r.id?.trim() || r.name?.trim())
		.map((r) => ({ id: (r.id ?? '').trim(), name: r.name ?? '', criteria: r.criteria ?? '' }));
}

export const actions: Actions = {
	add: action(
		'plans.edit',
		async (event, context) => {
			const { form } = context;
			const { title, level, after } = formFields(form, addSchema);
			let key = '';
			await editDraftFromForm(
				event.params,
				context,
				(c) => {
					const added = addSection(c, {
						title,
						level: level === '2' ? 2 : 1,
						afterKey: after || null
					});
					key = added.key;
					return added.content;
				},
				`added section "${title.trim()}"`
			);
			redirect(303, `${editorPage(event)}/${key}`);
		},
		{ echo: ['title'] }
	),
	remove: action('plans.edit', async (event, context) => {
		const { form } = context;
		const { key } = formFields(form, removeSchema);
		await editDraftFromForm(
			event.params,
			context,
			(c) => removeSection(c, key),
			`removed section ${key}`
		);
		redirect(303, editorPage(event));
	}),
	move: action('plans.edit', async (event, context) => {
		const { form } = context;
		const { key, direction } = formFields(form, moveSchema);
		await editDraftFromForm(
			event.params,
			context,
			(c) => moveSection(c, key, direction),
			`moved section ${key} ${direction}`
		);
		redirect(303, editorPage(event));
	}),
	severity: action(
		'plans.edit',
		async (event, context) => {
			const { form } = context;
			const scale = severityRows(form);
			await editDraftFromForm(
				event.params,
				context,
				(c) => ({ ...c, severityScale: scale }),
				'edited the severity scale'
			);
			redirect(303, editorPage(event));
		},
		{ echoWith: (form) => ({ severityScale: severityRows(form) }) }
	)
};
