import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import * as audit from '../audit/log';
import type { Database } from '../db/schema';
import { ConflictError } from '../errors';
import {
	checkPeople,
	chosenPlanVersion,
	insertMembers,
	invalid,
	livePeople,
	parseInput,
	peopleCounts,
	peopleSchema,
	titleSchema
} from './create';
import {
	assertRunsDrill,
	drillAccess,
	drillTarget,
	type DrillActor,
	type DrillUser
} from './membership';
import { drillPeople, type DrillPerson } from './people';
import { checkThresholds } from './ratings';
import { lockDrill, type Drill } from './rows';
import { parseStoredScenario, scenarioOf } from './scenario-of-drill';

// Only a draft can be edited: its title, plan version, people and their roles, and rating
// thresholds, checked exactly as when it was created. The scenario stored with the drill
// stays as it is (a different scenario is a new drill), and so does the mode.

export type DraftDrillInput = {
	title?: string;
	planVersionId?: string;
	facilitators?: string[];
	participants?: { userId: string; roles: string[] }[];
	observers?: string[];
	ratingThresholds?: unknown;
};

const inputSchema = z.object({
	title: titleSchema,
	planVersionId: z.string().optional(),
	...peopleSchema,
	ratingThresholds: z.unknown().optional()
});

export async function updateDraftDrill(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	raw: DraftDrillInput,
	now: Date
): Promise<void> {
	const input = parseInput(inputSchema, raw);
	// The row lock makes a start racing this edit wait, then see the edited drill.
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'edit it');
	if (drill.status !== 'draft')
		throw new ConflictError('Only a draft drill can be edited.', 'status');
	if (drill.mode === 'solo') invalid('A solo drill has only the trainee practising.', 'mode');

	const stored = await trx
		.selectFrom('drills')
		.select('scenario_yaml')
		.where('id', '=', drill.id)
		.executeTakeFirstOrThrow();
	const scenario = parseStoredScenario(stored.scenario_yaml);
	const people = livePeople(actor.id, input);
	await checkPeople(trx, people, scenario);
	const version = await chosenPlanVersion(trx, {
		planVersionId: input.planVersionId ?? drill.planVersionId
	});
	const thresholds =
		input.ratingThresholds === undefined
			? drill.thresholds
			: checkThresholds(input.ratingThresholds);
	const title = input.title || scenario.title;

	await trx
		.updateTable('drills')
		.set({
			title,
			plan_id: version.plan_id,
			plan_version_id: version.id,
			rating_thresholds: JSON.stringify(thresholds)
		})
		.where('id', '=', drill.id)
		.execute();
	await trx.deleteFrom('drill_members').where('drill_id', '=', drill.id).execute();
	await insertMembers(trx, drill.id, people, now);
	await audit.append(trx, actor, 'drill.updated', drillTarget(drill.id), {
		title,
		planVersionId: version.id,
		...peopleCounts(people)
	});
}

/** A draft as its editor sees it: the drill, its people and the stored scenario's roles. */
export async function draftForEdit(
	db: Kysely<Database>,
	user: DrillUser,
	drillId: string
): Promise<{ drill: Drill; people: DrillPerson[]; roles: { id: string; name: string }[] }> {
	const { drill } = await drillAccess(db, user, drillId);
	await assertRunsDrill(db, drill, user, 'edit it');
	if (drill.status !== 'draft')
		throw new ConflictError('Only a draft drill can be edited.', 'status');
	const scenario = await scenarioOf(db, drill.id);
	return {
		drill,
		people: await drillPeople(db, drill.id),
		roles: scenario.roles.map((r) => ({ id: r.id, name: r.name }))
	};
}
