import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { formatVersionNumber } from '../plans/version-number';
import { isUuid } from '../users/users';
import { keysOf } from './section-history';

// Query shapes the lessons share: a plan by id, and the plan versions corrective actions are
// linked to.

/** A plan's id and title, or NotFoundError; `lock` takes its row lock (in a transaction). */
export async function planById(
	db: Kysely<Database>,
	planId: string,
	{ lock = false }: { lock?: boolean } = {}
) {
	let query = db.selectFrom('plans').select(['id', 'title']).where('id', '=', planId);
	if (lock) query = query.forUpdate();
	const plan = isUuid(planId) ? await query.executeTakeFirst() : undefined;
	if (!plan) throw new NotFoundError('No such plan.');
	return plan;
}

/**
 * Links of corrective actions to plan versions (`pva`), each with its version (`v`) and the
 * version's plan (`p`); the caller narrows by `pva.action_id` and orders.
 */
export function actionLinks(db: Kysely<Database>) {
	return db
		.selectFrom('plan_version_actions as pva')
		.innerJoin('plan_versions as v', 'v.id', 'pva.plan_version_id')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select([
			'pva.action_id',
			'pva.section_keys',
			'v.id as version_id',
			'v.plan_id',
			'v.status',
			'v.major',
			'v.minor',
			'p.title as plan_title'
		]);
}

/** An actionLinks row as the action's pages name it. */
export function linkOf<S>(l: {
	version_id: string;
	plan_id: string;
	plan_title: string;
	status: S;
	major: number | null;
	minor: number | null;
	section_keys: unknown;
}) {
	return {
		planId: l.plan_id,
		planTitle: l.plan_title,
		versionId: l.version_id,
		number: formatVersionNumber(l),
		status: l.status,
		sectionKeys: keysOf(l.section_keys)
	};
}
