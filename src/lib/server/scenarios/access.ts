import type { Kysely } from 'kysely';
import type { ScenarioView } from '../access/visibility';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { summarise } from './catalogue';
import { findScenario, fullLibrary } from './custom';

/** The library as the viewer may list it (trainees: valid, solo-ready scenarios only). */
export async function listVisibleScenarios(db: Kysely<Database>, view: ScenarioView) {
	const all = (await fullLibrary(db)).map(summarise);
	return view.soloOnly ? all.filter((s) => s.valid && s.solo) : all;
}

/** A `?version=` value: a whole number from 1, or nothing; anything else names no version. */
export function parseVersionParam(value: string | null): number | undefined {
	if (value === null) return undefined;
	if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new NotFoundError('No such version.');
	return Number(value);
}

/** A scenario the viewer may open, or "not found" (trainees: solo-ready scenarios only). */
export async function findVisibleScenario(
	db: Kysely<Database>,
	view: ScenarioView,
	scenarioId: string,
	versionParam: string | null
) {
	const found = await findScenario(db, scenarioId, parseVersionParam(versionParam));
	if (!found) throw new NotFoundError('No such scenario.');
	if (view.soloOnly && !found.entry.scenario?.solo) throw new NotFoundError('No such scenario.');
	return { ...found, readAll: !view.soloOnly };
}
