import { apiRoute } from '$lib/server/api/respond';
import { drillEvents } from '$lib/server/http/drill-events';
import type { RequestHandler } from './$types';

// The drill page's event stream, for scripts: Server-Sent Events with `id:` the sequence
// number, replayed after Last-Event-ID (or ?lastEventId=), then live.
export const GET: RequestHandler = apiRoute('drills.read', (event, user) =>
	drillEvents(event, user)
);
