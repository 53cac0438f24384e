import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/schema';
import { loadVisibleVersion } from './access';

/** Loads a draft for its editor page; anything but an editable draft is not editable. */
export async function loadEditableDraft(
	db: Kysely<Database>,
	user: SessionUser,
	params: { planId: string; versionId: string }
) {
	const { plan, version } = await loadVisibleVersion(db, user, params.planId, params.versionId);
	if (version.status !== 'draft' && version.status !== 'changes_requested')
		error(409, 'Only a draft can be edited; this version is in review or approved.');
	return { plan, version };
}
