import type { Transaction } from 'kysely';
import { can } from '../../permissions';
import type { Database } from '../db/schema';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { parseAnswer, type DrillAnswer } from './answer-shape';
import { scenarioTimeAt } from './clock';
import { emit } from './events';
import type { DrillChange } from './lifecycle';
import { advanceAnswered, windowClosed } from './async';
import { everyOpenPromptAnswered, loadDrillData, promptWindow } from './load';
import { assertFacilitates, memberOf, relationOf, type DrillActor } from './membership';
import { closeExpiredPrompts, storeClosing } from './release';
import { lockDrill } from './rows';
import { advanceSolo } from './solo';

// The team's answers. A prompt takes answers while it is released and open (its time limit
// in scenario time, the facilitator closing it, or the end close it), from a participant
// holding a role the inject is addressed to, or from a facilitator on the team's behalf.
// Every submission is kept; the newest is the team's answer.

/** Checks who may answer this prompt now; returns the drill's data (for what follows). */
async function answerableBy(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	promptId: unknown,
	now: Date
) {
	const drill = await lockDrill(trx, drillId);
	const member = await memberOf(trx, drill.id, actor.id);
	if (!relationOf(drill, member, actor)) throw new NotFoundError('No such drill.');
	const facilitating = member?.kind === 'facilitator' && can(actor.role, 'drills.facilitate');
	if (!facilitating && (member?.kind !== 'participant' || !can(actor.role, 'drills.answer')))
		throw new ForbiddenError('Only participants of this drill (or its facilitators) may answer.');
	if (drill.status === 'paused' && !facilitating)
		throw new ConflictError('The drill is paused; answers wait until it resumes.', 'status');
	if (drill.status !== 'running' && drill.status !== 'paused')
		throw new ConflictError(
			drill.status === 'draft'
				? 'The drill has not started yet.'
				: 'The drill is over; answers are closed.',
			'status'
		);
	if (windowClosed(drill, now))
		throw new ConflictError('The drill’s window has closed; answers are closed.', 'status');
	if (typeof promptId !== 'string' || !promptId)
		throw new InvalidInputError('Say which prompt you answer.', 'promptId');
	// Solo drills and "when answered" pacing look at every answer to know when to move on;
	// clock-paced team drills need none of them.
	const data = await loadDrillData(trx, drill, {
		answers: drill.mode === 'solo' || drill.schedule.pacing === 'answered'
	});
	const found = data.msel.prompt(promptId);
	const t = scenarioTimeAt(drill.clock, now);
	const window = found ? promptWindow(data, promptId, t) : null;
	// An unreleased prompt is as unknown to a participant as one that does not exist.
	if (!found || !window?.released)
		throw new ConflictError('This prompt has not been released in this drill.', 'promptId');
	if (!window.open)
		throw new ConflictError(
			window.closedReason === 'time-limit'
				? 'This prompt is closed: its time limit has passed.'
				: 'This prompt is closed.',
			'promptId'
		);
	if (!facilitating && !found.entry.inject.to.some((r) => member!.roles.includes(r)))
		throw new ForbiddenError(
			`This prompt is for ${found.entry.inject.to.join(', ')}; your roles are ${member!.roles.join(', ')}.`
		);
	return { drill, data, prompt: found.prompt, t };
}

export type SubmittedAnswer = DrillChange & { answerId: string; scenarioMs: number };

/** Stores the team's answer to a prompt (checked against the prompt and the plan in force). */
export async function submitAnswer(
	trx: Transaction<Database>,
	actor: DrillActor & { name?: string },
	drillId: string,
	promptId: unknown,
	answer: unknown,
	now: Date
): Promise<SubmittedAnswer> {
	const { drill, data, prompt, t } = await answerableBy(trx, actor, drillId, promptId, now);
	const parsed: DrillAnswer = parseAnswer(prompt, answer, data.plan.content);
	const row = await trx
		.insertInto('drill_answers')
		.values({
			drill_id: drill.id,
			prompt_id: prompt.id,
			answer: JSON.stringify(parsed),
			submitted_by: actor.id,
			submitted_at: now,
			scenario_ms: t
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const byName = actor.name ?? actor.label;
	data.current.set(prompt.id, {
		id: row.id,
		promptId: prompt.id,
		answer: parsed,
		by: actor.id,
		byName,
		at: now,
		scenarioMs: t
	});
	let seq = await emit(
		trx,
		drill.id,
		'answer',
		{
			promptId: prompt.id,
			answer: parsed,
			by: { id: actor.id, name: byName },
			at: now.toISOString(),
			scenarioMs: t
		},
		now
	);
	if (drill.mode === 'solo' && everyOpenPromptAnswered(data, t))
		seq = (await advanceSolo(trx, actor, drill, now, data)).seq;
	else if (drill.schedule.pacing === 'answered')
		seq = (await advanceAnswered(trx, drill, now, data)) ?? seq;
	return { seq, answerId: row.id, scenarioMs: t };
}

/** A participant acknowledges an inject (once; the first time counts for the response clock). */
export async function acknowledge(
	trx: Transaction<Database>,
	actor: DrillActor & { name?: string },
	drillId: string,
	injectId: unknown,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	const member = await memberOf(trx, drill.id, actor.id);
	if (!relationOf(drill, member, actor)) throw new NotFoundError('No such drill.');
	if (member?.kind !== 'participant')
		throw new ForbiddenError('Only participants acknowledge injects.');
	if (drill.status !== 'running' && drill.status !== 'paused')
		throw new ConflictError('The drill is not running.', 'status');
	const release =
		typeof injectId === 'string'
			? await trx
					.selectFrom('drill_injects')
					.select('state')
					.where('drill_id', '=', drill.id)
					.where('inject_id', '=', injectId)
					.executeTakeFirst()
			: undefined;
	if (release?.state !== 'released')
		throw new ConflictError('This inject has not been released in this drill.', 'injectId');
	const t = scenarioTimeAt(drill.clock, now);
	const row = await trx
		.insertInto('drill_acks')
		.values({
			drill_id: drill.id,
			inject_id: injectId as string,
			user_id: actor.id,
			acked_at: now,
			scenario_ms: t
		})
		.onConflict((oc) => oc.columns(['drill_id', 'inject_id', 'user_id']).doNothing())
		.returning('user_id')
		.executeTakeFirst();
	if (!row) return { seq: drill.lastSeq };
	const seq = await emit(
		trx,
		drill.id,
		'ack',
		{
			injectId,
			by: { id: actor.id, name: actor.name ?? actor.label },
			at: now.toISOString(),
			scenarioMs: t
		},
		now
	);
	return { seq };
}

/** The facilitator closes a prompt before its time limit (no more answers). */
export async function closePrompt(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	promptId: unknown,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	await assertFacilitates(trx, drill, actor, 'close prompts');
	if (drill.status !== 'running' && drill.status !== 'paused')
		throw new ConflictError('The drill is not running.', 'status');
	const data = await loadDrillData(trx, drill);
	const t = scenarioTimeAt(drill.clock, now);
	const window = typeof promptId === 'string' ? promptWindow(data, promptId, t) : null;
	if (!window?.released)
		throw new ConflictError('This prompt has not been released in this drill.', 'promptId');
	const expired = await closeExpiredPrompts(trx, data, now);
	if (!window.open) return { seq: expired.seq ?? drill.lastSeq };
	const seq = await storeClosing(trx, data, promptId as string, 'facilitator', now);
	return { seq: seq ?? drill.lastSeq };
}
