import { z } from 'zod';
import { planContentSchema } from '$lib/plans/content';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { actorOf } from '$lib/server/http/actor';
import { loadPlan } from '$lib/server/plans/access';
import { listVersions } from '$lib/server/plans/plans';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { openDraft } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_all', async (event) => {
	const plan = await loadPlan(db(), event.params.planId);
	const versions = await listVersions(db(), plan.id);
	return { versions: versions.map((v) => ({ ...v, number: formatVersionNumber(v) })) };
});

// Opens a new draft: a copy of the approved version, or the content given.
const createSchema = z.object({ content: planContentSchema.optional() }).strict();

export const POST: RequestHandler = apiRoute('plans.edit', async (event, user) => {
	const plan = await loadPlan(db(), event.params.planId);
	const body = createSchema.parse(await readJson(event.request));
	const draft = await db()
		.transaction()
		.execute((trx) => openDraft(trx, { ...actorOf(event), id: user.id }, plan.id, body.content));
	return new Response(
		JSON.stringify({ id: draft.id, revision: draft.revision, status: draft.status }),
		{
			status: 201,
			headers: {
				'content-type': 'application/json',
				location: `/api/v1/plans/${plan.id}/versions/${draft.id}`
			}
		}
	);
});
