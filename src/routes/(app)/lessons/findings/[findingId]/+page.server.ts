import { redirect } from '@sveltejs/kit';
import { may } from '$lib/server/access/gate';
import { formRevision } from '$lib/server/http/form';
import { action, page, type ActionEvent } from '$lib/server/http/route';
import { lessonActor } from '$lib/server/lessons/actor';
import { createAction } from '$lib/server/lessons/actions';
import { getFinding, updateFinding } from '$lib/server/lessons/findings';
import { ownerChoices } from '$lib/server/lessons/list';
import { refOfSource, sourceContext } from '$lib/server/lessons/sources';
import { todayUtc } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import { actionEcho, findingEcho, readAction, readFinding } from '../forms.server';
import type { Actions, PageServerLoad } from './$types';

// A finding: its fields, source and corrective actions; leads edit it and add actions.
export const load: PageServerLoad = page('lessons.read', async (event, user) => {
	const finding = await getFinding(db(), event.params.findingId);
	const canEdit = may(user, 'lessons.edit');
	const context = canEdit
		? await sourceContext(db(), refOfSource(finding.source)).catch(() => null)
		: null;
	return {
		finding,
		canEdit,
		objectives: context?.objectives ?? [],
		sections: context?.sections ?? [],
		owners: canEdit ? await ownerChoices(db()) : [],
		today: todayUtc()
	};
});

type Event = ActionEvent & { params: { findingId: string } };
const echoOf = (which: string, fields: readonly string[]) => (form: FormData) => ({
	which,
	values: Object.fromEntries(
		fields.map((f) => [f, String(form.get(f) ?? '').slice(0, 10_000)])
	) as Record<string, string>
});

export const actions: Actions = {
	edit: action(
		'lessons.edit',
		async (event: Event, { form, actor, user }) => {
			const revision = formRevision(form);
			const fields = readFinding(form);
			const { findingId } = event.params;
			await db()
				.transaction()
				.execute((trx) =>
					updateFinding(trx, lessonActor(actor, user), findingId, revision, fields, new Date())
				);
			redirect(303, `/lessons/findings/${findingId}`);
		},
		{ echoWith: echoOf('edit', findingEcho) }
	),
	addAction: action(
		'lessons.edit',
		async (event: Event, { form, actor, user }) => {
			const input = readAction(form);
			const { id } = await db()
				.transaction()
				.execute((trx) =>
					createAction(trx, lessonActor(actor, user), event.params.findingId, input, new Date())
				);
			redirect(303, `/lessons/actions/${id}`);
		},
		{ echoWith: echoOf('addAction', actionEcho) }
	)
};
