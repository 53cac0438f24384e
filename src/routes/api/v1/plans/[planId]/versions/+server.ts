import { z } from 'zod';
import { planContentSchema } from '$lib/plans/content';
import { apiRoute, created, readJson } from '$lib/server/api/respond';
import { findPlan } from '$lib/server/plans/access';
import { versionListObject } from '$lib/server/plans/api-objects';
import { listVersions } from '$lib/server/plans/plans';
import { openDraft } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_all', async (event) => {
	const plan = await findPlan(db(), event.params.planId);
	return { versions: (await listVersions(db(), plan.id)).map(versionListObject) };
});

// Opens a new draft: a copy of the approved version, or the content given.
const createSchema = z.object({ content: planContentSchema.optional() }).strict();

export const POST: RequestHandler = apiRoute('plans.edit', async (event, _user, actor) => {
	const plan = await findPlan(db(), event.params.planId);
	const body = createSchema.parse(await readJson(event.request));
	const draft = await db()
		.transaction()
		.execute((trx) => openDraft(trx, actor, plan.id, body.content));
	return created(
		{ id: draft.id, revision: draft.revision, status: draft.status },
		`/api/v1/plans/${plan.id}/versions/${draft.id}`
	);
});
