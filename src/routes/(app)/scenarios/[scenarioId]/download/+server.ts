import { requirePermission } from '$lib/server/access/gate';
import { loadVisibleScenario } from '$lib/server/scenarios/access';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// The stored text exactly as written, so uploading the download gives the same scenario.
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event, 'scenarios.read_all');
	const found = await loadVisibleScenario(
		db(),
		user,
		event.params.scenarioId,
		event.url.searchParams.get('version')
	);
	const name = `${event.params.scenarioId}${found.entry.origin === 'custom' ? `-v${found.version}` : ''}.yaml`;
	return new Response(found.entry.text, {
		headers: {
			'content-type': 'application/yaml; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
};
