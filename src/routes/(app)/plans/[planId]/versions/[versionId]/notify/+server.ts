import { json } from '@sveltejs/kit';
import { notifyAnswer, notifyQuestionOf } from '$lib/plans/notify-answer';
import { planView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { findVersionForDisplay } from '$lib/server/plans/display';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// "Who do we notify?" for the version page's question after a change in the browser:
// ?sev=SEV2&fact=personal-data → who must be told, by when, and how to reach them.
export const GET: RequestHandler = page('plans.read_current', async (event, user) => {
	const { display } = await findVersionForDisplay(
		db(),
		planView(user),
		event.params.planId,
		event.params.versionId
	);
	const { severity, facts } = notifyQuestionOf(event.url.searchParams);
	return json(notifyAnswer(display.matrix, display.severityScale, severity, facts), {
		// The answer of a draft changes with its matrix: never kept by the browser.
		headers: { 'cache-control': 'private, no-store' }
	});
});
