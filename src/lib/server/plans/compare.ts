import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { diffPlanContent } from './diff';
import { formatVersionNumber } from './version-number';
import { contentOf, getVersion } from './versions';

/** Two versions of one plan compared section by section, word by word and row by row. */
export async function diffVersions(
	db: Kysely<Database>,
	planId: string,
	fromId: string,
	toId: string
) {
	const [a, b] = await Promise.all([getVersion(db, fromId), getVersion(db, toId)]);
	if (!a || !b || a.plan_id !== planId || b.plan_id !== planId)
		throw new NotFoundError('No such version of this plan.');
	return {
		from: { id: a.id, number: formatVersionNumber(a) },
		to: { id: b.id, number: formatVersionNumber(b) },
		diff: diffPlanContent(contentOf(a), contentOf(b))
	};
}
