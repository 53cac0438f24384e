import type { Kysely } from 'kysely';
import type { PlanView } from '../access/visibility';
import type { Database } from '../db/schema';
import { ConflictError } from '../errors';
import { findVisibleVersion } from './access';

/** Loads a draft for its editor page; anything but an editable draft is not editable. */
export async function findEditableDraft(
	db: Kysely<Database>,
	view: PlanView,
	params: { planId: string; versionId: string }
) {
	const { plan, version } = await findVisibleVersion(db, view, params.planId, params.versionId);
	if (version.status !== 'draft' && version.status !== 'changes_requested')
		throw new ConflictError('Only a draft can be edited; this version is in review or approved.');
	return { plan, version };
}
