import type { Kysely, Transaction } from 'kysely';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import { UserFacingError } from '../errors';
import { BoundedCache } from '$lib/server/cache/bounded-cache';
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

/** Pages under /scenarios/ that a scenario of the same id could never be opened past. */
const PAGE_NAMES = new Set(['new', 'coverage', 'format']);

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
	if (PAGE_NAMES.has(id))
		return refuse(`scenario id \`${id}\` is the name of a page of the library; choose another id`);
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

/**
 * A stored version as a library entry, validated once: a saved version never changes, and a
 * new one has a row (and so a key) of its own. Bounded: the text and the parsed scenario
 * count about three times the text's size.
 */
const entries = new BoundedCache<string, LibraryEntry>(
	{ maxEntries: 200, maxBytes: 32_000_000 },
	(e) => 6 * e.text.length + 1024
);

function toEntry(row: { id: string; scenario_id: string; yaml: string; version: number }) {
	return entries.getOrSet(row.id, () => {
		const r = validateScenarioText(row.yaml, templatePlanReference);
		return {
			file: `${row.scenario_id} (version ${row.version})`,
			origin: 'custom' as const,
			id: row.scenario_id,
			scenario: r.scenario,
			errors: r.errors,
			warnings: r.warnings,
			text: row.yaml
		};
	});
}

/** The latest version of every custom scenario; only versions not in the cache are read. */
export async function customLibrary(db: Kysely<Database>): Promise<LibraryEntry[]> {
	const latest = await db
		.selectFrom('custom_scenarios as s')
		.innerJoin('custom_scenario_versions as v', (j) =>
			j.onRef('v.custom_scenario_id', '=', 's.id').onRef('v.version', '=', 's.latest_version')
		)
		.select(['v.id', 's.scenario_id', 'v.version'])
		.orderBy('s.scenario_id')
		.execute();
	const hits = latest.map((r) => entries.get(r.id));
	const missing = latest.filter((_, i) => !hits[i]).map((r) => r.id);
	const texts = new Map<string, string>();
	for (let i = 0; i < missing.length; i += 200) {
		const rows = await db
			.selectFrom('custom_scenario_versions')
			.select(['id', 'yaml'])
			.where('id', 'in', missing.slice(i, i + 200))
			.execute();
		for (const r of rows) texts.set(r.id, r.yaml);
	}
	return latest.map((r, i) => hits[i] ?? toEntry({ ...r, yaml: texts.get(r.id)! }));
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
	// Only the version shown needs its text, and only when it is not in the cache.
	const wanted = versions.find((v) => v.version === wantedNumber);
	if (!wanted) return null;
	const entry =
		entries.get(wanted.id) ??
		toEntry({
			id: wanted.id,
			scenario_id: scenarioId,
			version: wanted.version,
			yaml: (
				await db
					.selectFrom('custom_scenario_versions')
					.select('yaml')
					.where('id', '=', wanted.id)
					.executeTakeFirstOrThrow()
			).yaml
		});
	return { entry, version: wanted.version, versions };
}

export type CustomVersion = {
	id: string;
	version: number;
	title: string;
	created_at: Date;
	author: string | null;
};
