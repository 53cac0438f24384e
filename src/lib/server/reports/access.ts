import type { Kysely } from 'kysely';
import { planView } from '../access/visibility';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/schema';
import { drillAccess } from '../drills/membership';
import { findVisibleVersion } from '../plans/access';
import { getVersion } from '../plans/versions';
import { NotFoundError } from '../errors';

// Who may have which report, on the data (the route's permission is checked first at the
// gate). Someone who may not see the subject is told it does not exist.

/**
 * The AAR of a drill the user may see: every ended drill for admins, leads and auditors;
 * for a trainee only drills they took part in (drillAccess never makes a trainee a reader).
 */
export async function assertMayReportDrill(
	db: Kysely<Database>,
	user: SessionUser,
	drillId: string
) {
	return drillAccess(db, user, drillId);
}

/** A plan version the user may read (all versions for the roles with reports.generate). */
export async function assertMayReportVersion(
	db: Kysely<Database>,
	user: SessionUser,
	versionId: string
) {
	const version = await getVersion(db, versionId);
	if (!version) throw new NotFoundError('No such plan version.');
	return findVisibleVersion(db, planView(user), version.plan_id, versionId);
}
