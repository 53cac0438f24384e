import type { Transaction } from 'kysely';
import * as audit from '../audit/log';
import type { Database, HseepRating } from '../db/schema';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { emit } from './events';
import type { DrillChange } from './lifecycle';
import { loadDrillData, type DrillData } from './load';
import { assertFacilitates, drillTarget, type DrillActor } from './membership';
import { RATINGS, type RatingOverride } from './ratings';
import { lockDrill, type Drill } from './rows';
import type { FreeTextGrade, ScoreOverride } from './scoring';

// The facilitator's judgement: a rubric level for a free-text answer (with a comment), an
// override of any prompt's score, an override of an objective's rating; each override keeps
// its reason. Allowed while the drill runs and after it ends (the hot wash), not in a draft.

type Who = DrillActor & { name?: string };

async function judging(trx: Transaction<Database>, actor: Who, drillId: string, what: string) {
	const drill = await lockDrill(trx, drillId);
	await assertFacilitates(trx, drill, actor, what);
	if (drill.status === 'draft' || drill.status === 'cancelled')
		throw new ConflictError(
			drill.status === 'draft' ? 'The drill has not started yet.' : 'The drill was cancelled.',
			'status'
		);
	return { drill, data: await loadDrillData(trx, drill) };
}

function askedPrompt(data: DrillData, promptId: unknown) {
	const found = typeof promptId === 'string' ? data.msel.prompt(promptId) : undefined;
	if (!found) throw new NotFoundError('No such prompt in this drill.');
	if (data.injects.get(found.entry.inject.id)?.state !== 'released')
		throw new ConflictError('This prompt was not asked in this drill.', 'promptId');
	return found.prompt;
}

function reasonOf(raw: unknown): string {
	const reason = typeof raw === 'string' ? raw.trim() : '';
	if (reason.length < 3)
		throw new InvalidInputError('Say why (a reason is kept with the change).', 'reason');
	if (reason.length > 2000)
		throw new InvalidInputError('Keep the reason under 2,000 characters.', 'reason');
	return reason;
}

async function storeJudgement(
	trx: Transaction<Database>,
	drill: Drill,
	promptId: string,
	set: { grade?: string; override?: string | null }
) {
	await trx
		.insertInto('drill_prompts')
		.values({ drill_id: drill.id, prompt_id: promptId, ...set })
		.onConflict((oc) => oc.columns(['drill_id', 'prompt_id']).doUpdateSet(set))
		.execute();
}

/** Grades the team's current free-text answer with one rubric level and a comment. */
export async function gradeFreeText(
	trx: Transaction<Database>,
	actor: Who,
	drillId: string,
	input: { promptId: unknown; level: unknown; comment?: unknown },
	now: Date
): Promise<DrillChange> {
	const { drill, data } = await judging(trx, actor, drillId, 'grade answers');
	const prompt = askedPrompt(data, input.promptId);
	if (prompt.type !== 'free-text')
		throw new ConflictError(
			'Only free-text answers are graded by hand; override the score instead.',
			'promptId'
		);
	const answer = data.current.get(prompt.id);
	if (!answer) throw new ConflictError('There is no answer to grade yet.', 'promptId');
	const level = prompt.rubric.find((r) => r.level === input.level);
	if (!level)
		throw new InvalidInputError(
			`Choose one of the rubric levels: ${prompt.rubric.map((r) => r.level).join(', ')}.`,
			'level'
		);
	const comment = typeof input.comment === 'string' ? input.comment.trim().slice(0, 4000) : '';
	const grade: FreeTextGrade = {
		level: level.level,
		points: Math.min(level.points, prompt.points),
		comment,
		by: actor.id,
		byName: actor.name ?? actor.label,
		at: now.toISOString(),
		answerId: answer.id
	};
	await storeJudgement(trx, drill, prompt.id, { grade: JSON.stringify(grade) });
	const seq = await emit(trx, drill.id, 'grade', { promptId: prompt.id, grade }, now);
	await audit.append(trx, actor, 'drill.answer_graded', drillTarget(drill.id), {
		promptId: prompt.id,
		level: grade.level,
		points: grade.points
	});
	return { seq };
}

/** Overrides a prompt's score with a reason; `points: null` removes the override. */
export async function overrideScore(
	trx: Transaction<Database>,
	actor: Who,
	drillId: string,
	input: { promptId: unknown; points: unknown; reason?: unknown },
	now: Date
): Promise<DrillChange> {
	const { drill, data } = await judging(trx, actor, drillId, 'override scores');
	const prompt = askedPrompt(data, input.promptId);
	let override: ScoreOverride | null = null;
	if (input.points !== null) {
		const points = input.points;
		if (
			typeof points !== 'number' ||
			!Number.isFinite(points) ||
			points < 0 ||
			points > prompt.points
		)
			throw new InvalidInputError(`Give points from 0 to ${prompt.points}.`, 'points');
		override = {
			points: Math.round(points * 100) / 100,
			reason: reasonOf(input.reason),
			by: actor.id,
			byName: actor.name ?? actor.label,
			at: now.toISOString()
		};
	}
	const previous = data.prompts.get(prompt.id)?.override ?? null;
	await storeJudgement(trx, drill, prompt.id, { override: override && JSON.stringify(override) });
	const seq = await emit(trx, drill.id, 'score.override', { promptId: prompt.id, override }, now);
	await audit.append(trx, actor, 'drill.score_overridden', drillTarget(drill.id), {
		promptId: prompt.id,
		from: previous?.points ?? null,
		to: override?.points ?? null,
		reason: override?.reason ?? null
	});
	return { seq };
}

/** Overrides an objective's HSEEP rating with a reason; `rating: null` removes the override. */
export async function overrideRating(
	trx: Transaction<Database>,
	actor: Who,
	drillId: string,
	input: { objectiveId: unknown; rating: unknown; reason?: unknown },
	now: Date
): Promise<DrillChange> {
	const { drill, data } = await judging(trx, actor, drillId, 'override ratings');
	const objective = data.scenario.objectives.find((o) => o.id === input.objectiveId);
	if (!objective) throw new NotFoundError('No such objective in this drill.');
	let override: RatingOverride | null = null;
	if (input.rating === null) {
		await trx
			.deleteFrom('drill_ratings')
			.where('drill_id', '=', drill.id)
			.where('objective_id', '=', objective.id)
			.execute();
	} else {
		if (!RATINGS.includes(input.rating as HseepRating))
			throw new InvalidInputError('Choose a rating of P, S, M or U.', 'rating');
		override = {
			rating: input.rating as HseepRating,
			reason: reasonOf(input.reason),
			by: actor.id,
			byName: actor.name ?? actor.label,
			at: now.toISOString()
		};
		const row = { rating: override.rating, reason: override.reason, by: actor.id, at: now };
		await trx
			.insertInto('drill_ratings')
			.values({ drill_id: drill.id, objective_id: objective.id, ...row })
			.onConflict((oc) => oc.columns(['drill_id', 'objective_id']).doUpdateSet(row))
			.execute();
	}
	const seq = await emit(
		trx,
		drill.id,
		'rating.override',
		{ objectiveId: objective.id, override },
		now
	);
	await audit.append(trx, actor, 'drill.rating_overridden', drillTarget(drill.id), {
		objectiveId: objective.id,
		rating: override?.rating ?? null,
		reason: override?.reason ?? null
	});
	return { seq };
}
