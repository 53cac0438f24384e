import { z } from 'zod';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { InvalidInputError } from '$lib/server/errors';
import { lessonActor } from '$lib/server/lessons/actor';
import { actionObject } from '$lib/server/lessons/api-objects';
import { actionFor, addNote, changeStatus, editAction } from '$lib/server/lessons/actions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** One action with its finding, source, history, plan links and verification. */
export const GET: RequestHandler = apiRoute('dashboard.view', async (event, user) =>
	actionObject(await actionFor(db(), user, event.params.actionId))
);

const text = (max: number) => z.string().max(max);
const patchSchema = z.strictObject({
	status: text(40).optional(),
	note: text(4000).optional(),
	reason: text(2000).optional(),
	revision: z.number().int().min(0).optional(),
	action: text(4000).optional(),
	element: text(40).optional(),
	organisation: text(200).optional(),
	ownerId: text(40).optional(),
	capability: text(100).nullable().optional(),
	startDate: text(20).optional(),
	dueDate: text(20).optional()
});
const fieldNames = [
	'action',
	'element',
	'organisation',
	'ownerId',
	'capability',
	'startDate',
	'dueDate'
] as const;

/**
 * Owners and leads: `{"status", "note"?, "reason"?}` moves it one step (cancelling needs a
 * reason and a lead), `{"note"}` alone adds a progress note. Leads also edit fields with the
 * `revision` they read: `{"revision", "dueDate", "ownerId", …}`. All in one transaction.
 */
export const PATCH: RequestHandler = apiRoute('actions.own', async (event, user, actor) => {
	const current = await actionFor(db(), user, event.params.actionId);
	const body = patchSchema.parse(await readJson(event.request));
	const edits = fieldNames.filter((k) => body[k] !== undefined);
	if (!edits.length && body.status === undefined && body.note === undefined)
		throw new InvalidInputError('Send a status, a note or fields to change.');
	const who = lessonActor(actor, user);
	const now = new Date();
	await db()
		.transaction()
		.execute(async (trx) => {
			if (edits.length) {
				if (body.revision === undefined)
					throw new InvalidInputError('Send the revision you read with the fields.', 'revision');
				await editAction(
					trx,
					who,
					current.id,
					body.revision,
					{
						action: body.action ?? current.action,
						element: body.element ?? current.element,
						organisation: body.organisation ?? current.organisation,
						ownerId: body.ownerId ?? current.ownerId,
						capability:
							body.capability === undefined ? (current.capability ?? '') : (body.capability ?? ''),
						startDate: body.startDate ?? current.startDate,
						dueDate: body.dueDate ?? current.dueDate
					},
					now
				);
			}
			if (body.status !== undefined)
				await changeStatus(
					trx,
					who,
					current.id,
					body.status,
					{ note: body.note, reason: body.reason },
					now
				);
			else if (body.note !== undefined) await addNote(trx, who, current.id, body.note, now);
		});
	return actionObject(await actionFor(db(), user, current.id));
});
