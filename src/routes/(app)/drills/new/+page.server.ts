import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { scenarioView } from '$lib/server/access/visibility';
import { InvalidInputError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { createDrill } from '$lib/server/drills/create';
import { DEFAULT_THRESHOLDS } from '$lib/server/drills/ratings';
import { findVisibleScenario, listVisibleScenarios } from '$lib/server/scenarios/access';
import { durationMinutes } from '$lib/scenarios/schema';
import { db } from '$lib/server/runtime';
import { drillPeopleChoices, drillPlanChoices } from './choices.server';
import { formFieldOf, readPeople, type People } from './people-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('drills.facilitate', async (event, user) => {
	const view = scenarioView(user);
	const scenarios = (await listVisibleScenarios(db(), view))
		.filter((s) => s.valid)
		.map((s) => ({ id: s.id, origin: s.origin, title: s.title, solo: s.solo }));
	const wanted = event.url.searchParams.get('scenario');
	const found = wanted
		? await findVisibleScenario(db(), view, wanted, event.url.searchParams.get('version'))
		: null;
	const s = found?.entry.scenario;
	const plans = await drillPlanChoices(db());
	return {
		scenarios,
		chosen:
			found && s
				? {
						id: s.id,
						origin: found.entry.origin,
						version: found.version,
						versions: found.versions.map((v) => v.version),
						title: s.title,
						summary: s.summary,
						solo: s.solo,
						durationMinutes: durationMinutes(s.duration),
						roles: s.roles.map((r) => ({ id: r.id, name: r.name }))
					}
				: null,
		plans,
		defaultPlanVersionId: plans.flatMap((p) => p.versions).find((v) => v.inForce)?.id ?? null,
		people: await drillPeopleChoices(db()),
		me: user.id,
		defaultTitle: s ? `${s.title} · ${new Date().toISOString().slice(0, 10)}` : '',
		thresholds: DEFAULT_THRESHOLDS
	};
});

const percent = z.coerce
	.number('give a percentage')
	.min(0, 'between 0 and 100')
	.max(100, 'between 0 and 100');
const drillSchema = z.object({
	scenarioId: z.string().max(100),
	version: z.coerce.number().int().min(1).max(1_000_000),
	planVersionId: z.string().max(40),
	title: z.string().max(200).default(''),
	mode: z.enum(['live', 'solo'], 'choose live or solo'),
	thresholdP: percent.default(90),
	thresholdS: percent.default(70),
	thresholdM: percent.default(40)
});

export const actions: Actions = {
	default: action(
		'drills.facilitate',
		async (_event, { user, actor, form }) => {
			const input = formFields(form, drillSchema);
			const people = await peopleOf(form);
			const { drillId } = await db()
				.transaction()
				.execute((trx) =>
					createDrill(
						trx,
						{ ...actor, role: user.role },
						{
							scenarioId: input.scenarioId,
							version: input.version,
							planVersionId: input.planVersionId,
							mode: input.mode,
							title: input.title.trim() || undefined,
							...(input.mode === 'live' ? people : {}),
							ratingThresholds: {
								P: input.thresholdP / 100,
								S: input.thresholdS / 100,
								M: input.thresholdM / 100
							}
						},
						new Date()
					).catch((e) => rethrowOnForm(e, people))
				);
			redirect(303, `/drills/${drillId}`);
		},
		{ echoWith: (form) => ({ values: echo(form) }) }
	)
};

async function peopleOf(form: FormData): Promise<People> {
	const ids = (await drillPeopleChoices(db())).map((p) => p.id);
	if (form.get('mode') === 'solo') return { facilitators: [], participants: [], observers: [] };
	return readPeople(form, ids);
}

/** A domain error about "participants.2" is shown next to that person's fields. */
function rethrowOnForm(e: unknown, people: People): never {
	if (e instanceof InvalidInputError && e.field)
		throw new InvalidInputError(e.message, formFieldOf(e.field, people), e.status as 400);
	throw e;
}

/** Everything typed, to fill the form in again (no secrets on this form). */
function echo(form: FormData): Record<string, string[]> {
	const values: Record<string, string[]> = {};
	for (const [name, value] of form)
		if (typeof value === 'string' && name.length < 80)
			(values[name] ??= []).push(value.slice(0, 200));
	return values;
}
