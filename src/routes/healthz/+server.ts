import { databaseAnswers } from '$lib/server/db/health';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// For load balancers: 200 only when the database answers.
export const GET: RequestHandler = async () => {
	const ok = await databaseAnswers(db());
	return new Response(ok ? 'ok\n' : 'database unavailable\n', {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
	});
};
