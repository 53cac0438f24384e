import type { Handle } from '@sveltejs/kit';
import { logger } from '../logger';

// Invite links and calendar feeds carry their secret in the path; the log keeps the route,
// not the secret.
export function loggablePath(pathname: string): string {
	return pathname
		.replace(/^\/invite\/[^/]+/, '/invite/[redacted]')
		.replace(/^\/calendar\/feed\/[^/]+/, '/calendar/feed/[redacted]');
}

/** One log line per request: method, path (no query: it may hold a secret), status, time. */
export const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = crypto.randomUUID();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		logger.info(
			{
				requestId: event.locals.requestId,
				method: event.request.method,
				path: loggablePath(event.url.pathname),
				status,
				ms: Math.round(performance.now() - started),
				user: event.locals.user?.id
			},
			'request'
		);
	}
};
