import type { Transaction } from 'kysely';
import { z } from 'zod';
import { can } from '../../permissions';
import type { Scenario } from '../../scenarios/schema';
import * as audit from '../audit/log';
import type { Database, DrillMemberKind, DrillMode } from '../db/schema';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { findScenario } from '../scenarios/custom';
import { isUuid } from '../users/users';
import { start, type DrillChange } from './lifecycle';
import { drillTarget, type DrillActor } from './membership';
import { checkThresholds, DEFAULT_THRESHOLDS } from './ratings';
import { scheduleColumns, type DrillScheduleInput } from './schedule';

// A drill is created from a scenario (built-in, or a version of the organisation's own),
// keeping its text, and bound to an approved plan version whose matrix scores notification
// answers. Live drills have facilitators, participants with scenario roles, and observers;
// a solo drill has one trainee holding every role.

export type NewDrillInput = {
	scenarioId: string;
	/** A custom scenario's version; the latest by default. */
	version?: number;
	/** The plan whose version in force is used; the IR plan in force by default. */
	planId?: string;
	/** An approved (or since superseded) version, instead of the one in force. */
	planVersionId?: string;
	mode: DrillMode;
	title?: string;
	facilitators?: string[];
	participants?: { userId: string; roles: string[] }[];
	observers?: string[];
	ratingThresholds?: unknown;
	/** A planned drill (live or async): see schedule.ts. */
	schedule?: DrillScheduleInput;
	/** The lead facilitator in place of the actor (a series' occurrences keep its people). */
	facilitatedBy?: string;
};

/** What a draft drill's form may set: shared by creating and editing. */
export const titleSchema = z
	.string()
	.trim()
	.max(200, 'keep the title under 200 characters')
	.optional();
export const peopleSchema = {
	facilitators: z.array(z.string()).max(20).default([]),
	participants: z
		.array(
			z.strictObject({
				userId: z.string(),
				roles: z.array(z.string()).min(1, 'give each participant at least one role')
			})
		)
		.max(200)
		.default([]),
	observers: z.array(z.string()).max(50).default([])
};

const inputSchema = z.object({
	scenarioId: z.string('choose a scenario').min(1, 'choose a scenario').max(100),
	version: z.number().int().min(1).optional(),
	planId: z.string().optional(),
	planVersionId: z.string().optional(),
	mode: z.enum(['live', 'solo', 'async'], 'choose live, team over a window, or solo'),
	title: titleSchema,
	...peopleSchema,
	ratingThresholds: z.unknown().optional(),
	schedule: z.custom<DrillScheduleInput>().optional(),
	facilitatedBy: z.string().optional()
});

export function invalid(message: string, field: string): never {
	throw new InvalidInputError(message, field);
}

/** The approved plan version chosen (or in force); an InvalidInputError names the field. */
export async function chosenPlanVersion(
	trx: Transaction<Database>,
	input: { planId?: string; planVersionId?: string }
): Promise<{ id: string; plan_id: string }> {
	if (input.planVersionId) {
		const v = isUuid(input.planVersionId)
			? await trx
					.selectFrom('plan_versions')
					.select(['id', 'plan_id', 'status'])
					.where('id', '=', input.planVersionId)
					.executeTakeFirst()
			: undefined;
		if (!v) invalid('No such plan version.', 'planVersionId');
		if (v.status !== 'approved' && v.status !== 'superseded')
			invalid('Drills run against an approved plan version, not a draft.', 'planVersionId');
		if (input.planId && input.planId !== v.plan_id)
			invalid('This version belongs to another plan.', 'planVersionId');
		return v;
	}
	let query = trx
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select(['v.id', 'v.plan_id'])
		.where('v.status', '=', 'approved');
	if (input.planId) {
		if (!isUuid(input.planId)) invalid('No such plan.', 'planId');
		query = query.where('p.id', '=', input.planId);
	} else query = query.where('p.kind', '=', 'ir-plan').orderBy('p.created_at');
	const v = await query.executeTakeFirst();
	if (!v)
		invalid(
			'The plan has no approved version in force; approve one before running a drill against it.',
			input.planId ? 'planId' : 'planVersionId'
		);
	return v;
}

export type Person = { userId: string; kind: DrillMemberKind; roles: string[]; field: string };

/** Everyone has an active account, one place, a role allowing it, and scenario roles that exist. */
export async function checkPeople(
	trx: Transaction<Database>,
	people: Person[],
	scenario: Scenario
) {
	const seen = new Set<string>();
	const ids = people.map((p) => p.userId).filter(isUuid);
	const users = ids.length
		? await trx
				.selectFrom('users')
				.select(['id', 'role', 'disabled_at', 'display_name'])
				.where('id', 'in', ids)
				.execute()
		: [];
	const roleIds = scenario.roles.map((r) => r.id);
	for (const p of people) {
		const user = users.find((u) => u.id === p.userId);
		if (!user || user.disabled_at) invalid('No such active user.', p.field);
		if (seen.has(p.userId))
			invalid(`${user.display_name} is listed twice; give each person one place.`, p.field);
		seen.add(p.userId);
		if (p.kind === 'facilitator' && !can(user.role, 'drills.facilitate'))
			invalid(`${user.display_name} may not facilitate drills (leads and admins do).`, p.field);
		if (p.kind === 'participant' && !can(user.role, 'drills.answer'))
			invalid(`${user.display_name} may not answer in drills; add them as an observer.`, p.field);
		if (p.kind === 'observer' && !can(user.role, 'drills.read'))
			invalid(`${user.display_name} may not read drills.`, p.field);
		for (const r of p.roles)
			if (!roleIds.includes(r))
				invalid(
					`\`${r}\` is not a role of this scenario (${roleIds.join(', ')}).`,
					`${p.field}.roles`
				);
		if (new Set(p.roles).size !== p.roles.length)
			invalid('A role is listed twice.', `${p.field}.roles`);
	}
}

export type LivePeopleInput = {
	facilitators: string[];
	participants: { userId: string; roles: string[] }[];
	observers: string[];
};

/** A live drill's people: the actor facilitates, then those listed, each with its field name. */
export function livePeople(actorId: string, input: LivePeopleInput): Person[] {
	return [
		{ userId: actorId, kind: 'facilitator', roles: [], field: 'facilitators' },
		...input.facilitators
			.filter((id) => id !== actorId)
			.map((id, i): Person => ({
				userId: id,
				kind: 'facilitator',
				roles: [],
				field: `facilitators.${i}`
			})),
		...input.participants.map((p, i): Person => ({
			userId: p.userId,
			kind: 'participant',
			roles: p.roles,
			field: `participants.${i}`
		})),
		...input.observers.map((id, i): Person => ({
			userId: id,
			kind: 'observer',
			roles: [],
			field: `observers.${i}`
		}))
	];
}

/** Stores the drill's people (after checkPeople). */
export async function insertMembers(
	trx: Transaction<Database>,
	drillId: string,
	people: Person[],
	now: Date
): Promise<void> {
	await trx
		.insertInto('drill_members')
		.values(
			people.map((p) => ({
				drill_id: drillId,
				user_id: p.userId,
				kind: p.kind,
				roles: JSON.stringify(p.roles),
				added_at: now
			}))
		)
		.execute();
}

/** Counts of each kind of person, for the audit trail. */
export function peopleCounts(people: Person[]) {
	return {
		facilitators: people.filter((p) => p.kind === 'facilitator').length,
		participants: people.filter((p) => p.kind === 'participant').length,
		observers: people.filter((p) => p.kind === 'observer').length
	};
}

/** Parses input against a zod schema; the first problem is an InvalidInputError on its field. */
export function parseInput<T>(schema: z.ZodType<T>, raw: unknown): T {
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		invalid(`${issue.message}.`, issue.path.join('.'));
	}
	return parsed.data;
}

/** Creates a drill in draft (a solo drill is started by startPractice). Returns its id. */
export async function createDrill(
	trx: Transaction<Database>,
	actor: DrillActor,
	raw: NewDrillInput,
	now: Date
): Promise<{ drillId: string }> {
	const input = parseInput(inputSchema, raw);
	const solo = input.mode === 'solo';
	if (!can(actor.role, solo ? 'drills.practise' : 'drills.facilitate'))
		throw new ForbiddenError(
			solo ? 'Your role may not practise drills.' : 'Your role may not create drills.'
		);

	const found = await findScenario(trx, input.scenarioId, input.version).catch(() => null);
	const scenario = found?.entry.scenario;
	// A trainee's library holds solo-ready scenarios only: anything else does not exist for them.
	if (!found || (solo && !can(actor.role, 'scenarios.read_all') && !scenario?.solo))
		throw new NotFoundError('No such scenario.');
	if (!scenario)
		invalid('This scenario version has errors; fix it before running a drill.', 'scenarioId');
	if (solo && !scenario.solo)
		invalid('This scenario is not solo-ready (it needs a facilitator to grade).', 'scenarioId');

	const people: Person[] = solo
		? [
				{
					userId: actor.id,
					kind: 'participant',
					roles: scenario.roles.map((r) => r.id),
					field: 'mode'
				}
			]
		: livePeople(input.facilitatedBy ?? actor.id, input);
	if (solo && (input.facilitators.length || input.participants.length || input.observers.length))
		invalid('A solo drill has only the trainee practising.', 'mode');
	await checkPeople(trx, people, scenario);

	const version = await chosenPlanVersion(trx, input);
	const thresholds =
		input.ratingThresholds === undefined
			? DEFAULT_THRESHOLDS
			: checkThresholds(input.ratingThresholds);
	const title = input.title || (solo ? `Practice: ${scenario.title}` : scenario.title);
	const planned = scheduleColumns(input.mode, input.schedule, scenario);

	const drill = await trx
		.insertInto('drills')
		.values({
			title,
			mode: input.mode,
			status: 'draft',
			scenario_id: scenario.id,
			scenario_origin: found.entry.origin,
			scenario_version: found.version,
			scenario_yaml: found.entry.text,
			plan_id: version.plan_id,
			plan_version_id: version.id,
			created_by: actor.id,
			created_at: now,
			rating_thresholds: JSON.stringify(thresholds),
			...planned
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await insertMembers(trx, drill.id, people, now);
	await audit.append(trx, actor, 'drill.created', drillTarget(drill.id), {
		title,
		mode: input.mode,
		scenario: `${scenario.id} v${found.version}`,
		planVersionId: version.id,
		...peopleCounts(people),
		...(planned.scheduled_at ? { scheduledAt: planned.scheduled_at.toISOString() } : {}),
		...(planned.series_id ? { seriesId: planned.series_id } : {})
	});
	return { drillId: drill.id };
}

/** "Practise this": a solo drill for the actor, started at once. */
export async function startPractice(
	trx: Transaction<Database>,
	actor: DrillActor,
	input: { scenarioId: string; version?: number; planVersionId?: string },
	now: Date
): Promise<{ drillId: string } & DrillChange> {
	const { drillId } = await createDrill(trx, actor, { ...input, mode: 'solo' }, now);
	const started = await start(trx, actor, drillId, now);
	return { drillId, ...started };
}
