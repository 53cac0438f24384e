import type { PlanContent } from '$lib/plans/content';
import { planView } from '$lib/server/access/visibility';
import { formRevision } from '$lib/server/http/form';
import type { ActionContext } from '$lib/server/http/route';
import { applyDraftEdit } from '$lib/server/plans/draft-action';
import { db } from '$lib/server/runtime';

/**
 * The editor pages' one way to change the draft in the URL: the edit applied to the content
 * the form was based on (its `revision`), saved under the optimistic-concurrency check.
 */
export function editDraftFromForm(
	params: { planId: string; versionId: string },
	{ user, actor, form }: ActionContext,
	edit: (content: PlanContent) => PlanContent,
	what: string
): Promise<number> {
	return applyDraftEdit(db(), actor, planView(user), params, formRevision(form), edit, what);
}
