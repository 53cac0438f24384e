import type { Handle } from '@sveltejs/kit';
import { logger } from '../logger';

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
				path: event.url.pathname,
				status,
				ms: Math.round(performance.now() - started),
				user: event.locals.user?.id
			},
			'request'
		);
	}
};
