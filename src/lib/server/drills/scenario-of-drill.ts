import type { Kysely } from 'kysely';
import type { Scenario } from '../../scenarios/schema';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { validateScenarioText } from '../scenarios/validate';

// A drill keeps the scenario's text as it was when the drill was created, and that text never
// changes, so it is parsed once per drill and kept (a small LRU: a tick every 500 ms and every
// answer need it).

const MAX_CACHED = 64;
const cache = new Map<string, Scenario>();

/** The scenario of a stored text; a drill's text was valid when stored, so failing is a bug. */
export function parseStoredScenario(text: string): Scenario {
	const result = validateScenarioText(text, null);
	if (!result.scenario)
		throw new Error(`Stored drill scenario is invalid: ${result.errors[0]?.message ?? 'unknown'}`);
	return result.scenario;
}

/** The scenario of a drill, parsed at most once per drill while it is in use. */
export async function scenarioOf(db: Kysely<Database>, drillId: string): Promise<Scenario> {
	const hit = cache.get(drillId);
	if (hit) {
		cache.delete(drillId); // most recently used goes last
		cache.set(drillId, hit);
		return hit;
	}
	const row = await db
		.selectFrom('drills')
		.select('scenario_yaml')
		.where('id', '=', drillId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('No such drill.');
	const scenario = parseStoredScenario(row.scenario_yaml);
	cache.set(drillId, scenario);
	if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
	return scenario;
}
