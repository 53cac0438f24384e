import { z } from 'zod';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { actorOf } from '$lib/server/http/actor';
import { loadVisibleVersion } from '$lib/server/plans/access';
import { submitForReview } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// Approval has no endpoint on purpose: it needs the approver's password, never a token.
const submitSchema = z
	.object({
		revision: z.number().int(),
		number: z.string().max(20),
		changeSummary: z.string().max(4000)
	})
	.strict();

export const POST: RequestHandler = apiRoute('plans.edit', async (event, user) => {
	const { version } = await loadVisibleVersion(
		db(),
		user,
		event.params.planId,
		event.params.versionId
	);
	const body = submitSchema.parse(await readJson(event.request));
	await db()
		.transaction()
		.execute((trx) =>
			submitForReview(trx, { ...actorOf(event), id: user.id }, version.id, body.revision, body)
		);
	return { id: version.id, status: 'in_review' };
});
