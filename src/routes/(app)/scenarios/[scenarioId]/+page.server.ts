import { htmlOnce } from '$lib/page-html';
import { may } from '$lib/server/access/gate';
import { scenarioView } from '$lib/server/access/visibility';
import { page } from '$lib/server/http/route';
import { findVisibleScenario } from '$lib/server/scenarios/access';
import { scenarioVersionObject } from '$lib/server/scenarios/api-objects';
import { scenarioForDisplay } from '$lib/server/scenarios/display';
import { planSectionRefs } from '$lib/server/scenarios/plan-sections';
import { db } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = page('scenarios.read', async (event, user) => {
	const found = await findVisibleScenario(
		db(),
		scenarioView(user),
		event.params.scenarioId,
		event.url.searchParams.get('version')
	);
	// Trainees only ever get the participant view: facilitator notes never reach them.
	const view =
		found.readAll && event.url.searchParams.get('view') !== 'participant'
			? 'facilitator'
			: 'participant';
	const { entry } = found;
	const scenario = entry.scenario ? scenarioForDisplay(entry.scenario, view) : null;
	// The rendered inject texts travel in the page's markup only (see page-html.ts).
	const once = (html: string) => htmlOnce(html, event.isDataRequest);
	return {
		origin: entry.origin,
		file: entry.file,
		version: found.version,
		versions: found.readAll ? found.versions.map(scenarioVersionObject) : [],
		view,
		unchanged: event.url.searchParams.get('unchanged') === '1',
		canSwitchView: found.readAll,
		canEdit: may(user, 'scenarios.edit') && entry.origin === 'custom',
		errors: found.readAll ? entry.errors : [],
		warnings: found.readAll ? entry.warnings : [],
		scenario: scenario && {
			...scenario,
			injects: scenario.injects.map((i) => ({
				...i,
				html: once(i.html),
				notesHtml: i.notesHtml === null ? null : once(i.notesHtml),
				variants: i.variants.map((v) => ({ ...v, html: once(v.html) }))
			}))
		},
		planSections: scenario ? await planSectionRefs(db(), user, scenario.planSections) : []
	};
});
