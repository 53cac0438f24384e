import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { can } from '../../permissions';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/schema';
import { UserFacingError } from '../errors';
import { findScenario } from './custom';

/** A scenario the user may open, or 404 (trainees: solo-ready scenarios only). */
export async function loadVisibleScenario(
	db: Kysely<Database>,
	user: SessionUser,
	scenarioId: string,
	versionParam: string | null
) {
	const version = versionParam === null ? undefined : Number(versionParam);
	if (version !== undefined && (!Number.isInteger(version) || version < 1))
		error(404, 'No such version.');
	let found;
	try {
		found = await findScenario(db, scenarioId, version);
	} catch (e) {
		if (e instanceof UserFacingError) error(e.status, e.message);
		throw e;
	}
	if (!found) error(404, 'No such scenario.');
	const readAll = can(user.role, 'scenarios.read_all');
	if (!readAll && !found.entry.scenario?.solo) error(404, 'No such scenario.');
	return { ...found, readAll };
}
