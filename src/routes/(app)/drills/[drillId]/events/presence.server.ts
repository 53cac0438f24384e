// Who has a drill open right now, for the console's "who is connected": the event streams
// this app instance serves, counted per drill and user (a user with two tabs counts once).
// Kept in memory: with several app instances behind a load balancer, each knows only its
// own streams, so the console shows the people connected to the instance that served it.

const open = new Map<string, Map<string, number>>();

/** Counts a stream in; the function returned counts it out (once). */
export function streamOpened(drillId: string, userId: string): () => void {
	const users = open.get(drillId) ?? new Map<string, number>();
	open.set(drillId, users);
	users.set(userId, (users.get(userId) ?? 0) + 1);
	let closed = false;
	return () => {
		if (closed) return;
		closed = true;
		const n = (users.get(userId) ?? 1) - 1;
		if (n > 0) users.set(userId, n);
		else users.delete(userId);
		if (users.size === 0) open.delete(drillId);
	};
}

/** The users with the drill open on this instance. */
export function connectedUsers(drillId: string): Set<string> {
	return new Set(open.get(drillId)?.keys() ?? []);
}

/**
 * The same response, telling `onClose` when the stream ends: the client went away (the body
 * is cancelled) or the server closed it. Reads only as fast as the client takes, so the
 * stream's own back-pressure still works.
 */
export function whenClosed(response: Response, onClose: () => void): Response {
	const reader = response.body!.getReader();
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { done, value } = await reader.read();
				if (done) {
					onClose();
					controller.close();
				} else controller.enqueue(value);
			} catch (e) {
				onClose();
				controller.error(e);
			}
		},
		cancel(reason) {
			onClose();
			return reader.cancel(reason);
		}
	});
	return new Response(body, { status: response.status, headers: response.headers });
}
