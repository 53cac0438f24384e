import type { Kysely, Transaction } from 'kysely';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import { UserFacingError } from '../errors';
import { builtInLibrary, type LibraryEntry } from './library';
import { templatePlanReference } from './plan-reference';
import { validateScenarioText, type ValidationResult } from './validate';

export type SaveOutcome =
	| {
			saved: true;
			scenarioId: string;
			version: number;
			unchanged: boolean;
			warnings: ValidationResult['warnings'];
	  }
	| { saved: false; result: ValidationResult };

/**
 * Saves an organisation's scenario: valid YAML only, an id no built-in scenario uses, and a
 * new version on every change (`expectedId` guards an edit from renaming the scenario).
 */
export async function saveCustomScenario(
	trx: Transaction<Database>,
	actor: AuditActor,
	text: string,
	expectedId?: string
): Promise<SaveOutcome> {
	const result = validateScenarioText(text, templatePlanReference);
	if (!result.scenario) return { saved: false, result };
	const id = result.scenario.id;
	const refuse = (message: string) => ({
		saved: false as const,
		result: { ...result, scenario: null, errors: [{ line: 1, col: 1, message }] }
	});
	if (expectedId && id !== expectedId)
		return refuse(
			`the id is \`${id}\` but this is \`${expectedId}\`; to make a new scenario, upload it as new`
		);
	if (builtInLibrary().some((e) => e.id === id))
		return refuse(`scenario id \`${id}\` belongs to a built-in scenario; choose another id`);

	// Insert-if-absent, then lock: two first saves of one id at the same moment queue on the
	// row (on PostgreSQL the second insert waits for the first and then does nothing), and
	// the later one becomes the next version instead of failing on the unique id.
	await trx
		.insertInto('custom_scenarios')
		.values({ scenario_id: id, latest_version: 0, created_by: actor.id })
		.onConflict((oc) => oc.column('scenario_id').doNothing())
		.execute();
	const row = await trx
		.selectFrom('custom_scenarios')
		.selectAll()
		.where('scenario_id', '=', id)
		.forUpdate()
		.executeTakeFirstOrThrow();
	if (row.latest_version > 0) {
		const latest = await trx
			.selectFrom('custom_scenario_versions')
			.select('yaml')
			.where('custom_scenario_id', '=', row.id)
			.where('version', '=', row.latest_version)
			.executeTakeFirstOrThrow();
		if (latest.yaml === text)
			return {
				saved: true,
				scenarioId: id,
				version: row.latest_version,
				unchanged: true,
				warnings: result.warnings
			};
	}
	const version = row.latest_version + 1;
	await trx
		.insertInto('custom_scenario_versions')
		.values({
			custom_scenario_id: row.id,
			version,
			yaml: text,
			title: result.scenario.title,
			created_by: actor.id
		})
		.execute();
	await trx
		.updateTable('custom_scenarios')
		.set({ latest_version: version, updated_at: new Date() })
		.where('id', '=', row.id)
		.execute();
	await audit.append(
		trx,
		actor,
		'scenario.saved',
		{ type: 'scenario', id },
		{ version, title: result.scenario.title }
	);
	return { saved: true, scenarioId: id, version, unchanged: false, warnings: result.warnings };
}

/** Validated once per stored version: a saved version never changes. */
const validated = new Map<string, ValidationResult>();
function validateStored(versionId: string, text: string): ValidationResult {
	let r = validated.get(versionId);
	if (!r) {
		r = validateScenarioText(text, templatePlanReference);
		validated.set(versionId, r);
	}
	return r;
}

function toEntry(row: {
	id: string;
	scenario_id: string;
	yaml: string;
	version: number;
}): LibraryEntry {
	const r = validateStored(row.id, row.yaml);
	return {
		file: `${row.scenario_id} (version ${row.version})`,
		origin: 'custom',
		id: row.scenario_id,
		scenario: r.scenario,
		errors: r.errors,
		warnings: r.warnings,
		text: row.yaml
	};
}

/** The latest version of every custom scenario. */
export async function customLibrary(db: Kysely<Database>): Promise<LibraryEntry[]> {
	const rows = await db
		.selectFrom('custom_scenarios as s')
		.innerJoin('custom_scenario_versions as v', (j) =>
			j.onRef('v.custom_scenario_id', '=', 's.id').onRef('v.version', '=', 's.latest_version')
		)
		.select(['v.id', 's.scenario_id', 'v.yaml', 'v.version'])
		.orderBy('s.scenario_id')
		.execute();
	return rows.map(toEntry);
}

/** Built-in and custom scenarios together. */
export async function fullLibrary(db: Kysely<Database>): Promise<LibraryEntry[]> {
	return [...builtInLibrary(), ...(await customLibrary(db))];
}

/** One scenario by id: a built-in file, or a custom scenario at a version (latest by default). */
export async function findScenario(db: Kysely<Database>, scenarioId: string, version?: number) {
	const builtIn = builtInLibrary().find((e) => e.id === scenarioId);
	if (builtIn) {
		if (version !== undefined && version !== 1)
			throw new UserFacingError('Built-in scenarios have one version.', 404);
		return { entry: builtIn, version: 1, versions: [] as CustomVersion[] };
	}
	const custom = await db
		.selectFrom('custom_scenarios')
		.selectAll()
		.where('scenario_id', '=', scenarioId)
		.executeTakeFirst();
	if (!custom) return null;
	const versions = await db
		.selectFrom('custom_scenario_versions as v')
		.leftJoin('users as u', 'u.id', 'v.created_by')
		.select(['v.id', 'v.version', 'v.title', 'v.created_at', 'u.display_name as author'])
		.where('v.custom_scenario_id', '=', custom.id)
		.orderBy('v.version', 'desc')
		.execute();
	const wantedNumber = version ?? custom.latest_version;
	// Only the version shown needs its text; the list needs none.
	const wanted = await db
		.selectFrom('custom_scenario_versions')
		.select(['id', 'version', 'yaml'])
		.where('custom_scenario_id', '=', custom.id)
		.where('version', '=', wantedNumber)
		.executeTakeFirst();
	if (!wanted) return null;
	return {
		entry: toEntry({
			id: wanted.id,
			scenario_id: scenarioId,
			yaml: wanted.yaml,
			version: wanted.version
		}),
		version: wanted.version,
		versions
	};
}

export type CustomVersion = {
	id: string;
	version: number;
	title: string;
	created_at: Date;
	author: string | null;
};
