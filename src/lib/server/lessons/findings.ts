import type { Kysely, Transaction } from 'kysely';
import { findingKinds, findingLabel, type FindingKind } from '../../lessons/words';
import { capabilities } from '../../scenarios/schema';
import * as audit from '../audit/log';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { isUuid } from '../users/users';
import type { LessonActor } from './actor';
import { assertLessonEditor, fieldChecks, optionalText, requiredText } from './checks';
import {
	refOfRow,
	sourceContext,
	sourceRefOf,
	type SourceContext,
	type SourceRef
} from './sources';

// Findings (HSEEP): a strength or an area for improvement drawn from a drill or a real
// incident, tied to an objective and capability where there is one, with the observation,
// a reference (a plan section by its stable key, a policy, a law), the analysis (root cause)
// and a recommendation. An observation of the drill becomes a finding in one step.

export type FindingFields = {
	kind: unknown;
	objectiveId?: unknown;
	capability?: unknown;
	title: unknown;
	observation: unknown;
	referenceSectionKey?: unknown;
	referenceText?: unknown;
	analysis?: unknown;
	recommendation?: unknown;
};

export type FindingInput = FindingFields & {
	source: SourceRef | { drillId?: unknown; incidentReviewId?: unknown };
	observationId?: string;
};

const TITLE_MAX = 200;
const TEXT_MAX = 10_000;

export const findingTarget = (id: string) => ({ type: 'finding', id });

/** The columns a finding's fields become, checked against its source; every bad field at once. */
function checkFields(source: SourceContext, input: FindingFields) {
	const c = fieldChecks();
	if (!findingKinds.includes(input.kind as FindingKind))
		c.problem('kind', 'Choose a strength or an area for improvement.');
	const title = c.field(
		() => requiredText(input.title, 'title', TITLE_MAX, 'Give the finding a short title.'),
		''
	);
	const observation = c.field(
		() => requiredText(input.observation, 'observation', TEXT_MAX, 'Write what was observed.'),
		''
	);
	const objectiveId = c.field(() => optionalText(input.objectiveId, 'objectiveId', 200), null);
	const objective = objectiveId ? source.objectives.find((o) => o.id === objectiveId) : null;
	if (objectiveId && source.kind === 'incident')
		c.problem(
			'objectiveId',
			'A real incident has no scenario objectives: name the capability instead.'
		);
	else if (objectiveId && !objective)
		c.problem('objectiveId', `The drill's scenario has no objective "${objectiveId}".`);
	const capability = c.field(
		() => optionalText(input.capability, 'capability', 100) ?? objective?.capability,
		null
	);
	if (capability && !(capabilities as readonly string[]).includes(capability))
		c.problem(
			'capability',
			`"${capability}" is not a capability; use one of ${capabilities.join(', ')}.`
		);
	const sectionKey = c.field(
		() => optionalText(input.referenceSectionKey, 'referenceSectionKey', 100),
		null
	);
	if (sectionKey && !source.sections.some((s) => s.key === sectionKey))
		c.problem(
			'referenceSectionKey',
			`${source.planTitle} v${source.planNumber}, the plan version this ${source.kind === 'drill' ? 'drill' : 'incident'} ran against, has no section "${sectionKey}".`
		);
	const referenceText = c.field(
		() => optionalText(input.referenceText, 'referenceText', 1000),
		null
	);
	const analysis = c.field(() => optionalText(input.analysis, 'analysis', TEXT_MAX), null);
	const recommendation = c.field(
		() => optionalText(input.recommendation, 'recommendation', TEXT_MAX),
		null
	);
	c.done();
	return {
		kind: input.kind as FindingKind,
		title,
		observation,
		objective_id: objective?.id ?? null,
		capability: capability ?? null,
		reference_plan_id: sectionKey ? source.planId : null,
		reference_section_key: sectionKey,
		reference_text: referenceText,
		analysis: analysis ?? '',
		recommendation: recommendation ?? ''
	};
}

/** A new finding; its source must be an ended team drill or an incident review. */
export async function createFinding(
	trx: Transaction<Database>,
	actor: LessonActor,
	input: FindingInput,
	now: Date
): Promise<{ id: string; number: number }> {
	assertLessonEditor(actor, 'record findings');
	const ref = sourceRefOf(input.source);
	const source = await sourceContext(trx, ref);
	const fields = checkFields(source, input);
	const row = await trx
		.insertInto('findings')
		.values({
			...fields,
			drill_id: 'drillId' in ref ? ref.drillId : null,
			incident_review_id: 'incidentReviewId' in ref ? ref.incidentReviewId : null,
			observation_id: input.observationId ?? null,
			created_by: actor.id,
			created_at: now,
			updated_at: now
		})
		.returning(['id', 'number'])
		.executeTakeFirstOrThrow()
		.catch((e: unknown) => {
			throw isUniqueViolation(e, 'findings_observation_id_key')
				? new ConflictError('This observation has just been made a finding.', 'observationId')
				: e;
		});
	await audit.append(trx, actor, 'finding.created', findingTarget(row.id), {
		number: row.number,
		kind: fields.kind,
		source: ref,
		title: fields.title,
		...(input.observationId ? { observationId: input.observationId } : {})
	});
	return row;
}

/** The first line of a text, at most `max` characters. */
export function firstLine(text: string, max = 120): string {
	const line = text.trim().split(/\r?\n/)[0].trim();
	return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/**
 * An observation of a drill made a finding in one step: its first line the title, its text
 * the observation, its objective (and that objective's capability) kept. Once only.
 */
export async function promoteObservation(
	trx: Transaction<Database>,
	actor: LessonActor,
	observationId: string,
	now: Date,
	kind: FindingKind = 'area_for_improvement'
): Promise<{ id: string; number: number }> {
	assertLessonEditor(actor, 'record findings');
	const obs = isUuid(observationId)
		? await trx
				.selectFrom('drill_observations')
				.select(['id', 'drill_id', 'objective_id', 'text'])
				.where('id', '=', observationId)
				.executeTakeFirst()
		: undefined;
	if (!obs) throw new NotFoundError('No such observation.');
	const existing = await trx
		.selectFrom('findings')
		.select('number')
		.where('observation_id', '=', obs.id)
		.executeTakeFirst();
	if (existing)
		throw new ConflictError(
			`This observation is already finding ${findingLabel(existing.number)}.`,
			'observationId'
		);
	return createFinding(
		trx,
		actor,
		{
			kind,
			source: { drillId: obs.drill_id },
			objectiveId: obs.objective_id ?? undefined,
			title: firstLine(obs.text),
			observation: obs.text,
			observationId: obs.id
		},
		now
	);
}

/** Edits a finding's fields (its source stays); `revision` is the one the editor loaded. */
export async function updateFinding(
	trx: Transaction<Database>,
	actor: LessonActor,
	findingId: string,
	revision: number,
	input: FindingFields,
	now: Date
): Promise<void> {
	assertLessonEditor(actor, 'edit findings');
	const row = isUuid(findingId)
		? await trx
				.selectFrom('findings')
				.selectAll()
				.where('id', '=', findingId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such finding.');
	if (row.revision !== revision)
		throw new ConflictError(
			'Someone else changed this finding after you opened it. Reload it and make your change again.',
			'revision'
		);
	const source = await sourceContext(trx, refOfRow(row)).catch((e: unknown) => {
		// The source was fine when the finding was drawn; only its state could have moved on.
		if (e instanceof InvalidInputError && e.field === 'source') throw new NotFoundError();
		throw e;
	});
	const fields = checkFields(source, input);
	if (fields.kind === 'strength' && row.kind !== 'strength') {
		const actions = await trx
			.selectFrom('corrective_actions')
			.select('id')
			.where('finding_id', '=', row.id)
			.limit(1)
			.execute();
		if (actions.length)
			throw new ConflictError(
				'This area for improvement has corrective actions: it cannot become a strength.',
				'kind'
			);
	}
	const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
		(k) => fields[k] !== row[k]
	);
	await trx
		.updateTable('findings')
		.set({ ...fields, revision: row.revision + 1, updated_at: now })
		.where('id', '=', row.id)
		.execute();
	await audit.append(trx, actor, 'finding.updated', findingTarget(row.id), {
		number: row.number,
		changed
	});
}

/** Whether the finding exists (for pages that only need to know). */
export async function findingExists(db: Kysely<Database>, findingId: string): Promise<boolean> {
	if (!isUuid(findingId)) return false;
	return !!(await db
		.selectFrom('findings')
		.select('id')
		.where('id', '=', findingId)
		.executeTakeFirst());
}

export { getFinding, type FindingView } from './finding-view';
export { listFindings } from './list';
