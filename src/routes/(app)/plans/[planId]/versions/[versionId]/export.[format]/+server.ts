import { json } from '@sveltejs/kit';
import { planView } from '$lib/server/access/visibility';
import { NotFoundError } from '$lib/server/errors';
import { page } from '$lib/server/http/route';
import { findVisibleVersion } from '$lib/server/plans/access';
import { exportFileName, versionAsJson, versionAsMarkdown } from '$lib/server/plans/export';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = page('plans.read_current', async (event, user) => {
	const { format, planId, versionId } = event.params;
	if (format !== 'md' && format !== 'json') throw new NotFoundError('Export as .md or .json.');
	const { plan, version } = await findVisibleVersion(db(), planView(user), planId, versionId);
	const disposition = `attachment; filename="${exportFileName(plan, version, format)}"`;
	if (format === 'json')
		return json(await versionAsJson(db(), plan, version), {
			headers: { 'content-disposition': disposition }
		});
	return new Response(versionAsMarkdown(plan, version), {
		headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': disposition }
	});
});
