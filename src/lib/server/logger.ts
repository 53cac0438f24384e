import pino from 'pino';

// One JSON line per event on stdout. Secrets never reach it: callers log ids, not tokens,
// and the redaction list is a second line of defence.
export const logger = pino({
	level: process.env.HOTWASH_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
	base: undefined,
	redact: ['password', 'token', '*.password', '*.token', 'headers.cookie', 'headers.authorization']
});
