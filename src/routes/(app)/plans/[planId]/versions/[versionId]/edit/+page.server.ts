import { redirect } from '@sveltejs/kit';
import { sectionNumbers, type SeverityLevel } from '$lib/plans/content';
import { addSection, moveSection, removeSection } from '$lib/plans/draft-edits';
import { requirePermission } from '$lib/server/access/gate';
import { editDraft } from '$lib/server/plans/draft-action';
import { loadEditableDraft } from '$lib/server/plans/editable';
import { contentOf } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requirePermission(event, 'plans.edit');
	const { plan, version } = await loadEditableDraft(db(), user, event.params);
	const content = contentOf(version);
	const numbers = sectionNumbers(content.sections);
	return {
		plan: { id: plan.id, title: plan.title },
		version: { id: version.id, revision: version.revision },
		sections: content.sections.map((s, i) => ({
			key: s.key,
			title: s.title,
			level: s.level,
			number: numbers[i],
			words: s.body.split(/\s+/).filter(Boolean).length
		})),
		severityScale: content.severityScale
	};
};

const back = (event: RequestEvent) =>
	redirect(303, `/plans/${event.params.planId}/versions/${event.params.versionId}/edit`);

export const actions: Actions = {
	add: async (event) => {
		const form = await event.request.formData();
		const title = String(form.get('title') ?? '');
		const level = form.get('level') === '2' ? 2 : 1;
		const afterKey = String(form.get('after') ?? '') || null;
		let key = '';
		const r = await editDraft(
			event,
			form,
			(c) => {
				const added = addSection(c, { title, level, afterKey });
				key = added.key;
				return added.content;
			},
			`added section "${title.trim()}"`,
			{ title }
		);
		if ('revision' in r)
			redirect(303, `/plans/${event.params.planId}/versions/${event.params.versionId}/edit/${key}`);
		return r;
	},
	remove: async (event) => {
		const form = await event.request.formData();
		const key = String(form.get('key') ?? '');
		const r = await editDraft(event, form, (c) => removeSection(c, key), `removed section ${key}`);
		if ('revision' in r) back(event);
		return r;
	},
	move: async (event) => {
		const form = await event.request.formData();
		const key = String(form.get('key') ?? '');
		const direction = form.get('direction') === 'up' ? 'up' : 'down';
		const r = await editDraft(
			event,
			form,
			(c) => moveSection(c, key, direction),
			`moved section ${key} ${direction}`
		);
		if ('revision' in r) back(event);
		return r;
	},
	severity: async (event) => {
		const form = await event.request.formData();
		const count = Math.min(Number(form.get('levels')) || 0, 10);
		const scale: SeverityLevel[] = [];
		for (let i = 0; i < count; i++) {
			const id = String(form.get(`level-${i}-id`) ?? '').trim();
			if (!id && !form.get(`level-${i}-name`)) continue;
			scale.push({
				id,
				name: String(form.get(`level-${i}-name`) ?? ''),
				criteria: String(form.get(`level-${i}-criteria`) ?? '')
			});
		}
		const r = await editDraft(
			event,
			form,
			(c) => ({ ...c, severityScale: scale }),
			'edited the severity scale',
			{ severityScale: scale }
		);
		if ('revision' in r) back(event);
		return r;
	}
};
