import { z } from 'zod';
import { planView } from '$lib/server/access/visibility';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { findVisibleVersion } from '$lib/server/plans/access';
import { submitForReview } from '$lib/server/plans/versions';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// Approval has no endpoint on purpose: it needs the approver's password, never a token.
const submitSchema = z
	.object({
		revision: z.number().int().min(0).max(2_000_000_000),
		number: z.string().max(20).optional(),
		changeSummary: z.string().max(4000)
	})
	.strict();

export const POST: RequestHandler = apiRoute('plans.edit', async (event, user, actor) => {
	const { params } = event;
	const { version } = await findVisibleVersion(
		db(),
		planView(user),
		params.planId,
		params.versionId
	);
	const body = submitSchema.parse(await readJson(event.request));
	await db()
		.transaction()
		.execute((trx) => submitForReview(trx, actor, version.id, body.revision, body));
	return { id: version.id, status: 'in_review' };
});
