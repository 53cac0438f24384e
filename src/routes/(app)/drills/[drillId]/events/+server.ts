import { drillEvents } from '$lib/server/http/drill-events';
import { page } from '$lib/server/http/route';
import { streamOpened, whenClosed } from './presence.server';
import type { RequestHandler } from './$types';

// The drill page follows the drill through this stream: the events this viewer may see
// (participants: those for everyone, made for participants), replayed after Last-Event-ID,
// then live. Every heartbeat checks again that the session is valid and the drill visible.
// While it is open, the console lists the viewer as connected.
export const GET: RequestHandler = page('drills.read', async (event, user) =>
	whenClosed(
		await drillEvents(event, user),
		streamOpened(event.params.drillId.toLowerCase(), user.id)
	)
);
