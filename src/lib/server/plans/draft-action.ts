import type { Kysely } from 'kysely';
import type { PlanContent } from '../../plans/content';
import type { PlanView } from '../access/visibility';
import type { AuditActor } from '../audit/log';
import type { Database } from '../db/schema';
import { findEditableDraft } from './editable';
import { contentOf, saveDraft } from './versions';

/**
 * The one way a draft's content changes from a page: apply the edit to the content the
 * editor was based on and save it under the revision check. A stale revision or a broken
 * rule throws, and the page gets the user's input back with the message.
 */
export async function applyDraftEdit(
	db: Kysely<Database>,
	actor: AuditActor & { id: string },
	view: PlanView,
	params: { planId: string; versionId: string },
	baseRevision: number,
	edit: (content: PlanContent) => PlanContent,
	what: string
): Promise<number> {
	const { version } = await findEditableDraft(db, view, params);
	const next = edit(contentOf(version));
	return db
		.transaction()
		.execute((trx) => saveDraft(trx, actor, version.id, baseRevision, next, what));
}
