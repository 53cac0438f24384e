import type { SessionUser } from '../auth/session';
import { listEventsAfter } from '../drills/events';
import { drillAccess, seesEverything } from '../drills/membership';
import { NotFoundError } from '../errors';
import { subscribe } from '../realtime/bus';
import { eventStream, lastEventIdFrom } from '../realtime/sse';
import { db } from '../runtime';
import { credentialCheck, type CredentialEvent } from './credential-check';

// The drill's event stream as the drill page (session cookie) and the API (bearer token or
// cookie) answer it, after the gate: only for a drill the user may see, with the events of
// their view, and only while their credential and their place in the drill still hold.

export type DrillEventsRequest = CredentialEvent & { params: { drillId: string } };

/** Events read per query: a client reconnecting far behind gets its backlog page by page. */
const PAGE = 200;

export async function drillEvents(event: DrillEventsRequest, user: SessionUser): Promise<Response> {
	const access = await drillAccess(db(), user, event.params.drillId);
	const drillId = access.drill.id;
	const viewer = { userId: user.id, facilitator: seesEverything(access.as) };
	const whoNow = credentialCheck(event);
	return eventStream({
		lastEventId: lastEventIdFrom(event.request),
		read: (afterSeq) => listEventsAfter(db(), drillId, afterSeq, viewer, PAGE),
		stillAllowed: async () => {
			const now = await whoNow();
			if (now?.id !== user.id) return false;
			const still = await drillAccess(db(), now, drillId).catch((e) => {
				if (e instanceof NotFoundError) return null;
				throw e;
			});
			// Someone who now sees more or less of the drill reconnects and gets their new view.
			return !!still && seesEverything(still.as) === viewer.facilitator;
		},
		subscribe: (listener) => subscribe(drillId, listener),
		signal: event.request.signal,
		// listEventsAfter filters by audience alone, so all viewers of one kind in a drill
		// read the same events: a release wakes a thousand participants for one query.
		shareKey: `${drillId}:${viewer.facilitator ? 'facilitators' : 'participants'}`
	});
}
