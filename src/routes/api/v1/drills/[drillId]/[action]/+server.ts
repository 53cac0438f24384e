import { z } from 'zod';
import { apiRoute, readJson } from '$lib/server/api/respond';
import { clockObject } from '$lib/server/drills/api-objects';
import * as lifecycle from '$lib/server/drills/lifecycle';
import { drillAccess } from '$lib/server/drills/membership';
import { getDrill } from '$lib/server/drills/rows';
import { NotFoundError } from '$lib/server/errors';
import { changeDrill, drillActor } from '$lib/server/http/drill-change';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// The clock: start, pause, resume, end, and speed ({"speed": 60}). Who may is the drill's
// business: its facilitators for a live drill, the trainee for their own solo drill.
const speedSchema = z.strictObject({ speed: z.number() });

const clockActions: Record<string, typeof lifecycle.start> = {
	start: lifecycle.start,
	pause: lifecycle.pause,
	resume: lifecycle.resume,
	end: lifecycle.end
};

export const POST: RequestHandler = apiRoute('drills.practise', async (event, user, actor) => {
	const { drillId, action } = event.params;
	const { drill } = await drillAccess(db(), user, drillId);
	const who = drillActor(actor, user);
	if (action === 'speed') {
		const { speed } = speedSchema.parse(await readJson(event.request));
		await changeDrill(db(), drill.id, (trx, now) =>
			lifecycle.setSpeed(trx, who, drill.id, speed, now)
		);
	} else {
		const change = Object.hasOwn(clockActions, action) ? clockActions[action] : undefined;
		if (!change)
			throw new NotFoundError('No such drill action: use start, pause, resume, end or speed.');
		await changeDrill(db(), drill.id, (trx, now) => change(trx, who, drill.id, now));
	}
	return clockObject((await getDrill(db(), drill.id))!, new Date());
});
