import { sql } from 'kysely';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// For load balancers: 200 only when the database answers.
export const GET: RequestHandler = async () => {
	try {
		await Promise.race([
			sql`select 1`.execute(db()),
			new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))
		]);
		return new Response('ok\n', {
			headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
		});
	} catch {
		return new Response('database unavailable\n', {
			status: 503,
			headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
		});
	}
};
