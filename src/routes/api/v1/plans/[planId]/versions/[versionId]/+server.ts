import { z } from 'zod';
import { planContentSchema } from '$lib/plans/content';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { actorOf } from '$lib/server/http/actor';
import { loadVisibleVersion } from '$lib/server/plans/access';
import { versionAsJson } from '$lib/server/plans/export';
import { saveDraft } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiRoute('plans.read_current', async (event, user) => {
	const { plan, version } = await loadVisibleVersion(
		db(),
		user,
		event.params.planId,
		event.params.versionId
	);
	return versionAsJson(db(), plan, version);
});

// Replaces a draft's content; `revision` is the one it was based on (409 when stale).
const updateSchema = z.object({ revision: z.number().int(), content: planContentSchema }).strict();

export const PUT: RequestHandler = apiRoute('plans.edit', async (event, user) => {
	const { version } = await loadVisibleVersion(
		db(),
		user,
		event.params.planId,
		event.params.versionId
	);
	const body = updateSchema.parse(await readJson(event.request));
	const revision = await db()
		.transaction()
		.execute((trx) =>
			saveDraft(
				trx,
				{ ...actorOf(event), id: user.id },
				version.id,
				body.revision,
				body.content,
				'updated through the API'
			)
		);
	return { id: version.id, revision };
});
