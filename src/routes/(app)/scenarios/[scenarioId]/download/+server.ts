import { scenarioView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { findVisibleScenario } from '$lib/server/scenarios/access';
import { db } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// The stored text exactly as written, so uploading the download gives the same scenario.
export const GET: RequestHandler = page('scenarios.read_all', async (event, user) => {
	const { scenarioId } = event.params;
	const found = await findVisibleScenario(
		db(),
		scenarioView(user),
		scenarioId,
		event.url.searchParams.get('version')
	);
	const custom = found.entry.origin === 'custom';
	const name = `${scenarioId}${custom ? `-v${found.version}` : ''}.yaml`;
	return new Response(found.entry.text, {
		headers: {
			'content-type': 'application/yaml; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
});
