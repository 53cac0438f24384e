import { apiRoute } from '$lib/server/api/respond';
import { yamlFromRequest } from '$lib/server/api/scenario-body';
import { templatePlanReference } from '$lib/server/scenarios/plan-reference';
import { validateScenarioText } from '$lib/server/scenarios/validate';
import type { RequestHandler } from './$types';

// Checks a scenario without saving it: for editors and CI pipelines.
export const POST: RequestHandler = apiRoute('scenarios.edit', async (event) => {
	const r = validateScenarioText(await yamlFromRequest(event.request), templatePlanReference);
	return {
		valid: r.errors.length === 0,
		id: r.scenario?.id ?? null,
		errors: r.errors,
		warnings: r.warnings
	};
});
