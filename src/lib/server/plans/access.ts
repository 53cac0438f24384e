import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { can } from '../../permissions';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/schema';
import { getPlan } from './plans';
import { getVersion } from './versions';

/**
 * Loads a plan and one of its versions for a user, or answers 404: a version the user may
 * not see does not exist for them (trainees see only the approved version in force).
 */
export async function loadVisibleVersion(
	db: Kysely<Database>,
	user: SessionUser,
	planId: string,
	versionId: string
) {
	const plan = await getPlan(db, planId);
	const version = plan ? await getVersion(db, versionId) : undefined;
	if (!plan || !version || version.plan_id !== plan.id) error(404, 'No such plan version.');
	if (!can(user.role, 'plans.read_all') && version.status !== 'approved')
		error(404, 'No such plan version.');
	return { plan, version };
}

export async function loadPlan(db: Kysely<Database>, planId: string) {
	const plan = await getPlan(db, planId);
	if (!plan) error(404, 'No such plan.');
	return plan;
}
