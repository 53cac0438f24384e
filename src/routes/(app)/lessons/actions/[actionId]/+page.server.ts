import { redirect } from '@sveltejs/kit';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '$lib/server/db/schema';
import { may } from '$lib/server/access/gate';
import { formFields, formRevision } from '$lib/server/http/form';
import { action, page, type ActionContext, type ActionEvent } from '$lib/server/http/route';
import { lessonActor, type LessonActor } from '$lib/server/lessons/actor';
import { actionFor, addNote, changeStatus, editAction } from '$lib/server/lessons/actions';
import { ownerChoices } from '$lib/server/lessons/list';
import {
	verificationCandidates,
	verifyAction,
	type Evidence
} from '$lib/server/lessons/verification';
import { statusSteps } from '$lib/lessons/words';
import { db } from '$lib/server/runtime';
import { actionEcho, readAction } from '../../findings/forms.server';
import type { Actions, PageServerLoad } from './$types';

// A corrective action with its history. Its owner moves it a step and adds progress notes;
// a lead also edits, verifies with evidence and cancels. Anyone else who may not read every
// action is told it does not exist.
export const load: PageServerLoad = page('dashboard.view', async (event, user) => {
	const a = await actionFor(db(), user, event.params.actionId);
	const canEdit = may(user, 'lessons.edit');
	const isOwner = a.ownerId === user.id && may(user, 'actions.own');
	return {
		action: a,
		canEdit,
		// Owners who may not read the improvement plan see the finding and source unlinked.
		canRead: may(user, 'lessons.read'),
		canWork: canEdit || isOwner,
		isOwner,
		steps: statusSteps[a.status].filter((s) => s === 'in_progress' || s === 'done'),
		candidates: canEdit && a.status === 'done' ? await verificationCandidates(db(), a.id) : null,
		owners:
			canEdit && a.status !== 'verified' && a.status !== 'cancelled' ? await ownerChoices(db()) : []
	};
});

type Event = ActionEvent & { params: { actionId: string } };
const echoOf = (which: string, fields: readonly string[]) => (form: FormData) => ({
	which,
	values: Object.fromEntries(
		fields.map((f) => [f, String(form.get(f) ?? '').slice(0, 10_000)])
	) as Record<string, string>
});
const text = (max: number) => z.string().max(max, `Keep it under ${max} characters.`).default('');
const stepSchema = z.object({ status: text(40), note: text(4000) });
const noteSchema = z.object({ note: text(4000) });
const cancelSchema = z.object({ reason: text(2000) });
const verifySchema = z.object({
	evidence: z.enum(['drill', 'plan_version', 'note'], 'Choose the evidence.'),
	drillId: text(40),
	versionId: text(40),
	note: text(4000),
	reference: text(500)
});

/** Makes one change to the action in a transaction, then shows the action again. */
async function change(
	event: Event,
	{ actor, user }: ActionContext,
	work: (trx: Transaction<Database>, by: LessonActor, actionId: string) => Promise<unknown>,
	hash = ''
): Promise<never> {
	const { actionId } = event.params;
	await db()
		.transaction()
		.execute((trx) => work(trx, lessonActor(actor, user), actionId));
	redirect(303, `/lessons/actions/${actionId}${hash}`);
}

export const actions: Actions = {
	status: action(
		'actions.own',
		async (event: Event, context) => {
			const input = formFields(context.form, stepSchema);
			await change(event, context, (trx, by, id) =>
				changeStatus(trx, by, id, input.status, { note: input.note }, new Date())
			);
		},
		{ echoWith: echoOf('status', ['status', 'note']) }
	),
	note: action(
		'actions.own',
		async (event: Event, context) => {
			const input = formFields(context.form, noteSchema);
			await change(
				event,
				context,
				(trx, by, id) => addNote(trx, by, id, input.note, new Date()),
				'#history'
			);
		},
		{ echoWith: echoOf('note', ['note']) }
	),
	edit: action(
		'lessons.edit',
		async (event: Event, context) => {
			const revision = formRevision(context.form);
			const input = readAction(context.form);
			await change(event, context, (trx, by, id) =>
				editAction(trx, by, id, revision, input, new Date())
			);
		},
		{ echoWith: echoOf('edit', actionEcho) }
	),
	verify: action(
		'lessons.edit',
		async (event: Event, context) => {
			const input = formFields(context.form, verifySchema);
			const evidence: Evidence =
				input.evidence === 'drill'
					? { kind: 'drill', drillId: input.drillId }
					: input.evidence === 'plan_version'
						? { kind: 'plan_version', versionId: input.versionId }
						: { kind: 'note', note: input.note, reference: input.reference };
			await change(event, context, (trx, by, id) =>
				verifyAction(trx, by, id, evidence, new Date())
			);
		},
		{ echoWith: echoOf('verify', ['evidence', 'drillId', 'versionId', 'note', 'reference']) }
	),
	cancel: action(
		'lessons.edit',
		async (event: Event, context) => {
			const input = formFields(context.form, cancelSchema);
			await change(event, context, (trx, by, id) =>
				changeStatus(trx, by, id, 'cancelled', { reason: input.reason }, new Date())
			);
		},
		{ echoWith: echoOf('cancel', ['reason']) }
	)
};
