import { z } from 'zod';
import { planContentSchema } from '$lib/plans/content';
import { planView } from '$lib/server/access/visibility';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { findVisibleVersion } from '$lib/server/plans/access';
import { versionAsJson } from '$lib/server/plans/export';
import { saveDraft } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_current', async (event, user) => {
	const { params } = event;
	const { plan, version } = await findVisibleVersion(
		db(),
		planView(user),
		params.planId,
		params.versionId
	);
	return versionAsJson(db(), plan, version);
});

// Replaces a draft's content; `revision` is the one it was based on (409 when stale).
const updateSchema = z
	.object({ revision: z.number().int().min(0).max(2_000_000_000), content: planContentSchema })
	.strict();

export const PUT: RequestHandler = apiRoute('plans.edit', async (event, user, actor) => {
	const { params } = event;
	const { version } = await findVisibleVersion(
		db(),
		planView(user),
		params.planId,
		params.versionId
	);
	const body = updateSchema.parse(await readJson(event.request));
	const revision = await db()
		.transaction()
		.execute((trx) =>
			saveDraft(trx, actor, version.id, body.revision, body.content, 'updated through the API')
		);
	return { id: version.id, revision };
});
