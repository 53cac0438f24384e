import type { Kysely } from 'kysely';
import type { PlanView } from '../access/visibility';
import type { Database, PlanVersionStatus } from '../db/schema';
import { NotFoundError } from '../errors';
import { getPlan } from './plans';
import { getVersion } from './versions';

/**
 * A plan and one of its versions as the viewer may see them: a version outside their view
 * (a trainee and anything but the version in force) does not exist for them.
 */
export async function findVisibleVersion(
	db: Kysely<Database>,
	view: PlanView,
	planId: string,
	versionId: string
) {
	const plan = await getPlan(db, planId);
	const version = plan ? await getVersion(db, versionId) : undefined;
	if (!plan || !version || version.plan_id !== plan.id)
		throw new NotFoundError('No such plan version.');
	if (!versionVisible(view, version)) throw new NotFoundError('No such plan version.');
	return { plan, version };
}

/** A trainee sees only the version in force of a plan; other readers see every version. */
export function versionVisible(view: PlanView, version: { status: PlanVersionStatus }): boolean {
	return !view.inForceOnly || version.status === 'approved';
}

export async function findPlan(db: Kysely<Database>, planId: string) {
	const plan = await getPlan(db, planId);
	if (!plan) throw new NotFoundError('No such plan.');
	return plan;
}
