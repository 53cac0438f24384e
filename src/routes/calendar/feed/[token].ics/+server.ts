import { hashSecret } from '$lib/server/auth/tokens';
import { feedCalendar, feedOwner, markFeedRead } from '$lib/server/programme/feed';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// A user's calendar feed, for calendar apps that poll without signing in: the secret address
// is the credential. An unknown (or retired) address is a plain 404. Apps that send the ETag
// back get a 304 while nothing changed, and are asked to poll at most every few minutes.
export const GET: RequestHandler = async ({ params, request, url }) => {
	const owner = await feedOwner(db(), params.token);
	if (!owner)
		return new Response('No such calendar feed.', {
			status: 404,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	const now = new Date();
	const body = await feedCalendar(db(), owner, url.origin, now);
	await markFeedRead(db(), owner.id, now);
	const headers = {
		'content-type': 'text/calendar; charset=utf-8',
		'content-disposition': 'inline; filename="hotwash.ics"',
		'cache-control': 'private, max-age=300',
		'x-robots-tag': 'noindex',
		etag: `"${hashSecret(body).slice(0, 32)}"`
	};
	if (request.headers.get('if-none-match') === headers.etag)
		return new Response(null, { status: 304, headers });
	return new Response(body, { headers });
};
