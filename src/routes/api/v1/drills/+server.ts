import { z } from 'zod';
import { drillView } from '$lib/server/access/visibility';
import { apiRoute, created, readJson } from '$lib/server/api/respond';
import { drillListObject } from '$lib/server/drills/api-objects';
import { createDrill, startPractice } from '$lib/server/drills/create';
import { listDrills } from '$lib/server/drills/list';
import { drillActor } from '$lib/server/http/drill-change';
import { announce } from '$lib/server/realtime/bus';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const filterSchema = z.strictObject({
	mode: z.enum(['live', 'solo', 'async']).optional(),
	status: z
		.string()
		.transform((s) => s.split(','))
		.pipe(z.array(z.enum(['draft', 'running', 'paused', 'ended', 'cancelled'])))
		.optional()
});

/** The drills the caller may see, newest first; ?mode=live|solo|async, ?status=running,paused. */
export const GET: RequestHandler = apiRoute('drills.read', async (event, user) => {
	const filter = filterSchema.parse(Object.fromEntries(event.url.searchParams));
	return { drills: (await listDrills(db(), drillView(user), filter)).map(drillListObject) };
});

const ids = (max: number) => z.array(z.string().max(100)).max(max);
const instant = z.iso
	.datetime({ offset: true, message: 'give an ISO 8601 date-time with its offset' })
	.transform((s) => new Date(s));
/** When a drill is planned; createDrill checks it (see drills/schedule.ts). */
const scheduleSchema = z.strictObject({
	at: instant,
	timeZone: z.string().max(100),
	durationMinutes: z.number().int().optional(),
	autoStart: z.boolean().optional(),
	windowEndsAt: instant.optional(),
	pacing: z.enum(['clock', 'answered']).optional()
});
const createSchema = z.strictObject({
	scenarioId: z.string().min(1).max(100),
	/** A custom scenario's version; the latest by default. */
	version: z.number().int().min(1).optional(),
	planId: z.string().max(100).optional(),
	planVersionId: z.string().max(100).optional(),
	mode: z.enum(['live', 'solo', 'async']).default('live'),
	title: z.string().max(200).optional(),
	facilitators: ids(20).optional(),
	participants: z
		.array(z.strictObject({ userId: z.string().max(100), roles: ids(50) }))
		.max(200)
		.optional(),
	observers: ids(50).optional(),
	ratingThresholds: z.strictObject({ P: z.number(), S: z.number(), M: z.number() }).optional(),
	schedule: scheduleSchema.optional()
});

/**
 * A live drill in draft (leads and admins, who facilitate it), planned for a time with
 * `schedule`; a team drill over a window (`mode: "async"`, `schedule` with `windowEndsAt` and
 * `pacing`), which opens and closes by itself; or a solo practice drill for the caller,
 * started at once as "Practise this" does.
 */
export const POST: RequestHandler = apiRoute('drills.practise', async (event, user, actor) => {
	const body = createSchema.parse(await readJson(event.request));
	const who = drillActor(actor, user);
	const now = new Date();
	if (body.mode === 'solo') {
		// Anything but the scenario and plan reaches createDrill too, which refuses it for solo.
		const { drillId, seq } = await db()
			.transaction()
			.execute((trx) => startPractice(trx, who, body, now));
		announce(drillId, seq);
		return created({ id: drillId, mode: 'solo', status: 'running' }, `/api/v1/drills/${drillId}`);
	}
	const { drillId } = await db()
		.transaction()
		.execute((trx) => createDrill(trx, who, body, now));
	return created({ id: drillId, mode: body.mode, status: 'draft' }, `/api/v1/drills/${drillId}`);
});
