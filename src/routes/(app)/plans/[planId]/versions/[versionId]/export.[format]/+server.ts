import { error, json } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/access/gate';
import { loadVisibleVersion } from '$lib/server/plans/access';
import { exportFileName, versionAsJson, versionAsMarkdown } from '$lib/server/plans/export';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event, 'plans.read_current');
	const { format } = event.params;
	if (format !== 'md' && format !== 'json') error(404, 'Export as .md or .json.');
	const { plan, version } = await loadVisibleVersion(
		db(),
		user,
		event.params.planId,
		event.params.versionId
	);
	const disposition = `attachment; filename="${exportFileName(plan, version, format)}"`;
	if (format === 'json')
		return json(await versionAsJson(db(), plan, version), {
			headers: { 'content-disposition': disposition }
		});
	return new Response(versionAsMarkdown(plan, version), {
		headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': disposition }
	});
};
