import { z } from 'zod';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { answerObject } from '$lib/server/drills/api-objects';
import { submitAnswer } from '$lib/server/drills/answers';
import { drillAccess } from '$lib/server/drills/membership';
import { changeDrill, drillActor } from '$lib/server/http/drill-change';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// The team's answer to a released, open prompt addressed to one of the caller's roles (or a
// facilitator's, for the team). The answer's shape depends on the prompt's type, e.g.
// {"option": "isolate"}, {"text": "…"}, {"severity": "SEV2", "notified": ["ciso"]}.
const answerSchema = z.strictObject({
	promptId: z.string().min(1).max(200),
	answer: z.record(z.string(), z.unknown())
});

export const POST: RequestHandler = apiRoute('drills.answer', async (event, user, actor) => {
	const { drill } = await drillAccess(db(), user, event.params.drillId);
	const { promptId, answer } = answerSchema.parse(await readJson(event.request));
	const stored = await changeDrill(db(), drill.id, (trx, now) =>
		submitAnswer(trx, drillActor(actor, user), drill.id, promptId, answer, now)
	);
	return { answer: answerObject({ ...stored, promptId, at: stored.now }) };
});
