import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { ConflictError, InvalidInputError } from '../errors';
import { scenarioTimeAt } from './clock';
import { emit } from './events';
import type { DrillChange } from './lifecycle';
import { loadDrillData } from './load';
import { assertFacilitates, type DrillActor } from './membership';
import { lockDrill } from './rows';

// Observations: the facilitator's timestamped notes, linked to an inject and an objective,
// kept for the lessons-learned work that follows the drill.

export type ObservationInput = { text: unknown; injectId?: unknown; objectiveId?: unknown };

export async function addObservation(
	trx: Transaction<Database>,
	actor: DrillActor & { name?: string },
	drillId: string,
	input: ObservationInput,
	now: Date
): Promise<DrillChange & { observationId: string }> {
	const drill = await lockDrill(trx, drillId);
	await assertFacilitates(trx, drill, actor, 'record observations');
	if (drill.status === 'draft' || drill.status === 'cancelled')
		throw new ConflictError('Observations belong to a drill that has run.', 'status');
	const text = typeof input.text === 'string' ? input.text.trim() : '';
	if (!text) throw new InvalidInputError('Write the observation.', 'text');
	if (text.length > 10_000) throw new InvalidInputError('Keep it under 10,000 characters.', 'text');
	const data = await loadDrillData(trx, drill);
	const injectId = input.injectId || null;
	const objectiveId = input.objectiveId || null;
	if (injectId !== null && (typeof injectId !== 'string' || !data.msel.inject(injectId)))
		throw new InvalidInputError('No such inject in this drill.', 'injectId');
	if (objectiveId !== null && !data.scenario.objectives.some((o) => o.id === objectiveId))
		throw new InvalidInputError('No such objective in this drill.', 'objectiveId');
	const scenarioMs = scenarioTimeAt(drill.clock, now);
	const row = await trx
		.insertInto('drill_observations')
		.values({
			drill_id: drill.id,
			inject_id: injectId as string | null,
			objective_id: objectiveId as string | null,
			text,
			by: actor.id,
			at: now,
			scenario_ms: scenarioMs
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const seq = await emit(
		trx,
		drill.id,
		'observation',
		{
			id: row.id,
			text,
			injectId,
			objectiveId,
			by: { id: actor.id, name: actor.name ?? actor.label },
			at: now.toISOString(),
			scenarioMs
		},
		now
	);
	return { seq, observationId: row.id };
}

export type Observation = {
	id: string;
	text: string;
	injectId: string | null;
	objectiveId: string | null;
	byName: string;
	at: string;
	scenarioMs: number;
};

export async function loadObservations(
	db: Kysely<Database>,
	drillId: string
): Promise<Observation[]> {
	const rows = await db
		.selectFrom('drill_observations as o')
		.innerJoin('users as u', 'u.id', 'o.by')
		.select([
			'o.id',
			'o.text',
			'o.inject_id',
			'o.objective_id',
			'u.display_name',
			'o.at',
			'o.scenario_ms'
		])
		.where('o.drill_id', '=', drillId)
		.orderBy('o.at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		text: r.text,
		injectId: r.inject_id,
		objectiveId: r.objective_id,
		byName: r.display_name,
		at: r.at.toISOString(),
		scenarioMs: Number(r.scenario_ms)
	}));
}
