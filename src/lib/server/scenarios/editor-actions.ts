import { fail, redirect } from '@sveltejs/kit';
import { requirePermission } from '../access/gate';
import { actorOf } from '../http/actor';
import { db } from '../runtime';
import { saveCustomScenario } from './custom';
import { templatePlanReference } from './plan-reference';
import { MAX_SCENARIO_BYTES } from './yaml-source';
import { validateScenarioText } from './validate';

type EditorEvent = Parameters<typeof actorOf>[0] & { request: Request; url: URL };

/** The YAML from the form: an uploaded file when one was chosen, else the text area. */
async function readYaml(request: Request): Promise<{ yaml: string } | { tooLarge: true }> {
	const form = await request.formData();
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_SCENARIO_BYTES) return { tooLarge: true };
		return { yaml: await file.text() };
	}
	return { yaml: String(form.get('yaml') ?? '').replace(/\r\n/g, '\n') };
}

const tooLarge = () =>
	fail(413, {
		yaml: '',
		errors: [{ line: 1, col: 1, message: 'the file is larger than 1 MB' }],
		warnings: [],
		checked: true
	});

/** Validate without saving: the errors come back with the text, at their lines. */
export async function validateAction(event: EditorEvent) {
	requirePermission(event, 'scenarios.edit');
	const input = await readYaml(event.request);
	if ('tooLarge' in input) return tooLarge();
	const r = validateScenarioText(input.yaml, templatePlanReference);
	return {
		yaml: input.yaml,
		errors: r.errors,
		warnings: r.warnings,
		checked: true,
		valid: r.errors.length === 0
	};
}

/** Save a new version; on any error nothing is stored and the user's text comes back. */
export async function saveAction(event: EditorEvent, expectedId?: string) {
	requirePermission(event, 'scenarios.edit');
	const input = await readYaml(event.request);
	if ('tooLarge' in input) return tooLarge();
	const user = event.locals.user!;
	const outcome = await db()
		.transaction()
		.execute((trx) =>
			saveCustomScenario(trx, { ...actorOf(event), id: user.id }, input.yaml, expectedId)
		);
	if (!outcome.saved)
		return fail(400, {
			yaml: input.yaml,
			errors: outcome.result.errors,
			warnings: outcome.result.warnings,
			checked: true
		});
	redirect(
		303,
		`/scenarios/${outcome.scenarioId}?version=${outcome.version}${outcome.unchanged ? '&unchanged=1' : ''}`
	);
}
