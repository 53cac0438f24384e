import type { Kysely, Transaction } from 'kysely';
import { formatDateTime } from '../../format';
import { can } from '../../permissions';
import * as audit from '../audit/log';
import { systemActor, type AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import { drillAccess, drillTarget, type DrillAccess } from '../drills/membership';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { isUuid } from '../users/users';
import type { LessonActor } from './actor';
import { boundedText } from './checks';

// The hot wash: the debrief right after a team drill (live or over a window). It opens when the drill ends, for a
// set time (72 hours unless the facilitator extends or closes it); every participant and
// facilitator answers three questions, editable while it is open, and the facilitator (or
// a lead) writes a summary. Everyone in the drill reads all answers, with names: it is a
// group debrief.

export const HOT_WASH_HOURS = 72;
/** Each of the three answers. */
export const MAX_ANSWER_CHARS = 4000;
export const MAX_SUMMARY_CHARS = 10_000;
/** How far ahead a hot wash may be kept open. */
export const MAX_EXTENSION_DAYS = 90;

export type HotWashAnswers = { wentWell: unknown; wentBadly: unknown; oneChange: unknown };

export type HotWashResponse = {
	userId: string;
	name: string;
	wentWell: string;
	wentBadly: string;
	oneChange: string;
	submittedAt: Date;
	updatedAt: Date;
};

export type HotWash = {
	drillId: string;
	openedAt: Date;
	closesAt: Date;
	summary: string | null;
	summaryBy: string | null;
	summaryAt: Date | null;
	responses: HotWashResponse[];
};

const target = drillTarget;

/** Whether answers are still taken at `now`. */
export const isOpen = (hw: Pick<HotWash, 'closesAt'>, now: Date) =>
	now.getTime() < hw.closesAt.getTime();

/**
 * Opens the hot wash of a team drill that has just ended (called under the drill's lock by
 * the end of the drill). A drill has one hot wash: a second call changes nothing.
 */
export async function openHotWash(
	trx: Transaction<Database>,
	drillId: string,
	now: Date,
	hours = HOT_WASH_HOURS,
	actor: AuditActor = systemActor('hot wash')
): Promise<void> {
	const closesAt = new Date(now.getTime() + hours * 3_600_000);
	const inserted = await trx
		.insertInto('hot_washes')
		.values({ drill_id: drillId, opened_at: now, closes_at: closesAt })
		.onConflict((oc) => oc.column('drill_id').doNothing())
		.returning('drill_id')
		.executeTakeFirst();
	if (inserted)
		await audit.append(trx, actor, 'hotwash.opened', target(drillId), {
			closesAt: closesAt.toISOString()
		});
}

/** The hot wash with every answer (by name), or null when the drill has none. */
export async function loadHotWash(db: Kysely<Database>, drillId: string): Promise<HotWash | null> {
	if (!isUuid(drillId)) return null;
	const row = await db
		.selectFrom('hot_washes as h')
		.leftJoin('users as u', 'u.id', 'h.summary_by')
		.select([
			'h.drill_id',
			'h.opened_at',
			'h.closes_at',
			'h.summary',
			'h.summary_at',
			'u.display_name as summary_by_name'
		])
		.where('h.drill_id', '=', drillId)
		.executeTakeFirst();
	if (!row) return null;
	const responses = await db
		.selectFrom('hot_wash_responses as r')
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select([
			'r.user_id',
			'u.display_name',
			'r.went_well',
			'r.went_badly',
			'r.one_change',
			'r.submitted_at',
			'r.updated_at'
		])
		.where('r.drill_id', '=', drillId)
		.orderBy('r.submitted_at')
		.execute();
	return {
		drillId: row.drill_id,
		openedAt: row.opened_at,
		closesAt: row.closes_at,
		summary: row.summary,
		summaryBy: row.summary_by_name ?? null,
		summaryAt: row.summary_at,
		responses: responses.map((r) => ({
			userId: r.user_id,
			name: r.display_name,
			wentWell: r.went_well,
			wentBadly: r.went_badly,
			oneChange: r.one_change,
			submittedAt: r.submitted_at,
			updatedAt: r.updated_at
		}))
	};
}

async function lockHotWash(trx: Transaction<Database>, drillId: string) {
	return trx
		.selectFrom('hot_washes')
		.selectAll()
		.where('drill_id', '=', drillId)
		.forUpdate()
		.executeTakeFirst();
}

/** Whether this user runs the debrief: a facilitator of the drill, or a lead or admin. */
export function leadsHotWash(access: Pick<DrillAccess, 'as'>, actor: Pick<LessonActor, 'role'>) {
	return (
		(access.as === 'facilitator' && can(actor.role, 'drills.facilitate')) ||
		can(actor.role, 'lessons.edit')
	);
}

/** Whether this user answers the hot wash: a participant or facilitator of the drill. */
export function answersHotWash(access: Pick<DrillAccess, 'as'>, actor: Pick<LessonActor, 'role'>) {
	return (
		(access.as === 'participant' || access.as === 'facilitator') &&
		can(actor.role, 'hotwash.answer')
	);
}

/** A participant's or facilitator's three answers; a second call edits them. */
export async function answerHotWash(
	trx: Transaction<Database>,
	actor: LessonActor,
	drillId: string,
	answers: HotWashAnswers,
	now: Date
): Promise<{ updated: boolean }> {
	const access = await drillAccess(trx, actor, drillId);
	const hw = await lockHotWash(trx, access.drill.id);
	if (!hw) throw noHotWash(access);
	if (!answersHotWash(access, actor))
		throw new ForbiddenError(
			'Only the participants and facilitators of this drill answer its hot wash.'
		);
	if (!isOpen({ closesAt: hw.closes_at }, now))
		throw new ConflictError(`The hot wash closed at ${formatDateTime(hw.closes_at)}.`);
	const wentWell = boundedText(answers.wentWell, 'wentWell', MAX_ANSWER_CHARS);
	const wentBadly = boundedText(answers.wentBadly, 'wentBadly', MAX_ANSWER_CHARS);
	const oneChange = boundedText(answers.oneChange, 'oneChange', MAX_ANSWER_CHARS);
	if (!wentWell && !wentBadly && !oneChange)
		throw new InvalidInputError('Answer at least one of the three questions.', 'wentWell');
	const before = await trx
		.selectFrom('hot_wash_responses')
		.select('user_id')
		.where('drill_id', '=', hw.drill_id)
		.where('user_id', '=', actor.id)
		.executeTakeFirst();
	await trx
		.insertInto('hot_wash_responses')
		.values({
			drill_id: hw.drill_id,
			user_id: actor.id,
			went_well: wentWell,
			went_badly: wentBadly,
			one_change: oneChange,
			submitted_at: now,
			updated_at: now
		})
		.onConflict((oc) =>
			oc.columns(['drill_id', 'user_id']).doUpdateSet({
				went_well: wentWell,
				went_badly: wentBadly,
				one_change: oneChange,
				updated_at: now
			})
		)
		.execute();
	const updated = !!before;
	await audit.append(
		trx,
		actor,
		updated ? 'hotwash.answer_edited' : 'hotwash.answered',
		target(hw.drill_id),
		{
			chars: { wentWell: wentWell.length, wentBadly: wentBadly.length, oneChange: oneChange.length }
		}
	);
	return { updated };
}

function noHotWash(access: DrillAccess) {
	const { drill } = access;
	if (drill.mode === 'solo') return new NotFoundError('A solo practice has no hot wash.');
	if (drill.status !== 'ended')
		return new ConflictError('The hot wash opens when the drill ends.', 'status');
	return new ConflictError(
		'This drill has no hot wash open: its facilitator can open one.',
		'status'
	);
}

async function assertLeads(trx: Transaction<Database>, actor: LessonActor, drillId: string) {
	const access = await drillAccess(trx, actor, drillId);
	if (!leadsHotWash(access, actor))
		throw new ForbiddenError('Only a facilitator of this drill or a SOC lead runs its hot wash.');
	return access;
}

/** The facilitator's summary of the debrief; empty text removes it. Open or closed. */
export async function writeSummary(
	trx: Transaction<Database>,
	actor: LessonActor,
	drillId: string,
	text: unknown,
	now: Date
): Promise<void> {
	const access = await assertLeads(trx, actor, drillId);
	const hw = await lockHotWash(trx, access.drill.id);
	if (!hw) throw noHotWash(access);
	const summary = boundedText(text, 'summary', MAX_SUMMARY_CHARS);
	await trx
		.updateTable('hot_washes')
		.set(
			summary
				? { summary, summary_by: actor.id, summary_at: now }
				: { summary: null, summary_by: null, summary_at: null }
		)
		.where('drill_id', '=', hw.drill_id)
		.execute();
	await audit.append(
		trx,
		actor,
		summary ? 'hotwash.summary_written' : 'hotwash.summary_removed',
		target(hw.drill_id),
		{ chars: summary.length, replaced: hw.summary !== null }
	);
}

/**
 * Extends the hot wash to `closesAt`, or closes it at once (`'now'`). For an ended live drill
 * that has none (ended before hot washes existed), this opens one.
 */
export async function setHotWashClose(
	trx: Transaction<Database>,
	actor: LessonActor,
	drillId: string,
	closesAt: Date | 'now',
	now: Date
): Promise<{ closesAt: Date }> {
	const access = await assertLeads(trx, actor, drillId);
	const { drill } = access;
	let hw = await lockHotWash(trx, drill.id);
	if (!hw && (drill.mode === 'solo' || drill.status !== 'ended')) throw noHotWash(access);
	let to: Date;
	if (closesAt === 'now') {
		if (!hw) throw noHotWash(access);
		if (!isOpen({ closesAt: hw.closes_at }, now))
			throw new ConflictError(`The hot wash already closed at ${formatDateTime(hw.closes_at)}.`);
		to = now;
	} else {
		if (!(closesAt instanceof Date) || Number.isNaN(closesAt.getTime()))
			throw new InvalidInputError('Give a date and time.', 'closesAt');
		if (closesAt.getTime() <= now.getTime())
			throw new InvalidInputError(
				'Choose a time after now to keep it open, or close it now.',
				'closesAt'
			);
		if (closesAt.getTime() > now.getTime() + MAX_EXTENSION_DAYS * 86_400_000)
			throw new InvalidInputError(
				`Keep it open at most ${MAX_EXTENSION_DAYS} days from now.`,
				'closesAt'
			);
		to = closesAt;
	}
	if (!hw) {
		await openHotWash(trx, drill.id, now, 0, actor);
		hw = (await lockHotWash(trx, drill.id))!;
	}
	await trx
		.updateTable('hot_washes')
		.set({ closes_at: to })
		.where('drill_id', '=', hw.drill_id)
		.execute();
	await audit.append(
		trx,
		actor,
		closesAt === 'now' ? 'hotwash.closed' : 'hotwash.extended',
		target(hw.drill_id),
		{ from: hw.closes_at.toISOString(), to: to.toISOString() }
	);
	return { closesAt: to };
}

/** Checks an observation belongs to this drill (before it is promoted from the hot wash page). */
export async function assertObservationOfDrill(
	db: Kysely<Database>,
	drillId: string,
	observationId: string
): Promise<void> {
	const row = isUuid(observationId)
		? await db
				.selectFrom('drill_observations')
				.select('id')
				.where('id', '=', observationId)
				.where('drill_id', '=', drillId)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such observation in this drill.');
}

/** The observations already promoted, by observation id, and the findings drawn from the drill. */
export async function drillFindings(db: Kysely<Database>, drillId: string) {
	const rows = await db
		.selectFrom('findings')
		.select(['id', 'number', 'kind', 'title', 'observation_id'])
		.where('drill_id', '=', drillId)
		.orderBy('number')
		.execute();
	const promoted = new Map<string, { id: string; number: number }>();
	for (const r of rows)
		if (r.observation_id) promoted.set(r.observation_id, { id: r.id, number: r.number });
	return {
		findings: rows.map((r) => ({ id: r.id, number: r.number, kind: r.kind, title: r.title })),
		promoted
	};
}

/** The drill's members for "who has not answered yet". */
export async function hotWashMembers(db: Kysely<Database>, drillId: string) {
	return db
		.selectFrom('drill_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['m.user_id', 'u.display_name', 'm.kind'])
		.where('m.drill_id', '=', drillId)
		.where('m.kind', 'in', ['participant', 'facilitator'])
		.orderBy('u.display_name')
		.execute();
}
