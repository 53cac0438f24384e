import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { bundledMigrations } from '$lib/server/db/bundled-migrations';
import { DataDirLockedError } from '$lib/server/db/data-dir-lock';
import { apiErrorShape, apiOriginCheck, authenticate } from '$lib/server/http/authenticate';
import { securityHeaders } from '$lib/server/http/headers';
import { passwordChangeGate } from '$lib/server/http/password-change-gate';
import { requestGuard } from '$lib/server/http/request-guard';
import { requestLog } from '$lib/server/http/request-log';
import { logger } from '$lib/server/logger';
import { startApp, stopApp } from '$lib/server/runtime';

// The database is open and migrated before the server accepts its first request.
export const init: ServerInit = async () => {
	try {
		if ((await startApp(bundledMigrations)) === 'first start done') process.exit(0);
	} catch (e) {
		console.error(`Hotwash cannot start: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(e instanceof DataDirLockedError ? 75 : 1);
	}
	// adapter-node emits this after SIGTERM/SIGINT once requests drain; an open PGlite would
	// otherwise keep the process alive.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void stopApp().then(() => logger.info('database closed'));
	});
};

export const handle: Handle = sequence(
	requestLog,
	securityHeaders,
	requestGuard,
	authenticate,
	apiOriginCheck,
	passwordChangeGate,
	apiErrorShape
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) {
		logger.error(
			{ err: error, requestId: event.locals.requestId, path: event.url.pathname },
			message
		);
	}
	return {
		message: status >= 500 ? 'Something went wrong on our side.' : message,
		requestId: event.locals.requestId
	};
};
