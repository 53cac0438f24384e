import { fail, redirect } from '@sveltejs/kit';
import type { ActionContext } from '$lib/server/http/route';
import { saveCustomScenario } from '$lib/server/scenarios/custom';
import { templatePlanReference } from '$lib/server/scenarios/plan-reference';
import { validateScenarioText } from '$lib/server/scenarios/validate';
import { MAX_SCENARIO_BYTES } from '$lib/server/scenarios/yaml-source';
import { db } from '$lib/server/runtime';

// The actions of the scenario editor pages (new and edit): check the YAML, or save it as a
// new version. Errors come back with the text, at their lines; nothing is stored on error.

/** The YAML from the form: an uploaded file when one was chosen, else the text area. */
async function readYaml(form: FormData): Promise<string | null> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_SCENARIO_BYTES) return null;
		return file.text();
	}
	const text = String(form.get('yaml') ?? '').replace(/\r\n?/g, '\n');
	return Buffer.byteLength(text) > MAX_SCENARIO_BYTES ? null : text;
}

const tooLarge = () =>
	fail(413, {
		yaml: '',
		errors: [{ line: 1, col: 1, message: 'the file is larger than 1 MB' }],
		warnings: [],
		checked: true
	});

/** Validate without saving. */
export async function validateScenario(_event: unknown, { form }: ActionContext) {
	const yaml = await readYaml(form);
	if (yaml === null) return tooLarge();
	const r = validateScenarioText(yaml, templatePlanReference);
	return {
		yaml,
		errors: r.errors,
		warnings: r.warnings,
		checked: true,
		valid: r.errors.length === 0
	};
}

/** Save a new version (`expectedId` keeps an edit from renaming the scenario). */
export async function saveScenario({ actor, form }: ActionContext, expectedId?: string) {
	const yaml = await readYaml(form);
	if (yaml === null) return tooLarge();
	const outcome = await db()
		.transaction()
		.execute((trx) => saveCustomScenario(trx, actor, yaml, expectedId));
	if (!outcome.saved)
		return fail(400, {
			yaml,
			errors: outcome.result.errors,
			warnings: outcome.result.warnings,
			checked: true
		});
	redirect(
		303,
		`/scenarios/${outcome.scenarioId}?version=${outcome.version}${outcome.unchanged ? '&unchanged=1' : ''}`
	);
}
