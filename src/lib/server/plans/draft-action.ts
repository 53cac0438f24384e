import { error, fail, type ActionFailure } from '@sveltejs/kit';
import type { PlanContent } from '../../plans/content';
import { EditError } from '../../plans/draft-edits';
import { requirePermission } from '../access/gate';
import { actorOf } from '../http/actor';
import { db } from '../runtime';
import { loadVisibleVersion } from './access';
import { PlanRuleError, StaleRevisionError } from './errors';
import { contentOf, saveDraft } from './versions';

type DraftEvent = {
	locals: App.Locals;
	url: URL;
	params: { planId: string; versionId: string };
	getClientAddress(): string;
};

/**
 * The one way a page changes a draft: check the editor may, apply the edit to the content
 * the form was based on, and save under the revision check. On a conflict or a rule broken
 * the user gets the message and `echo` (their unsaved input) back, so nothing is lost.
 */
export async function editDraft(
	event: DraftEvent,
	form: FormData,
	edit: (content: PlanContent) => PlanContent,
	what: string,
	echo: Record<string, unknown> = {}
): Promise<{ revision: number } | ActionFailure<Record<string, unknown>>> {
	const user = requirePermission(event, 'plans.edit');
	const { version } = await loadVisibleVersion(
		db(),
		user,
		event.params.planId,
		event.params.versionId
	);
	const baseRevision = Number(form.get('revision'));
	if (!Number.isInteger(baseRevision)) error(400, 'The form lacks the revision it was based on.');
	try {
		const next = edit(contentOf(version));
		const revision = await db()
			.transaction()
			.execute((trx) =>
				saveDraft(trx, { ...actorOf(event), id: user.id }, version.id, baseRevision, next, what)
			);
		return { revision };
	} catch (e) {
		if (e instanceof StaleRevisionError)
			return fail(409, { ...echo, message: e.message, stale: true });
		if (e instanceof PlanRuleError || e instanceof EditError) {
			const field = e.field;
			return fail(e instanceof PlanRuleError ? e.status : 400, {
				...echo,
				message: e.message,
				errors: field ? { [field]: e.message } : {}
			});
		}
		throw e;
	}
}
