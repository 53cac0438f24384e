import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { scenarioView } from '$lib/server/access/visibility';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { createDrill } from '$lib/server/drills/create';
import { DEFAULT_THRESHOLDS } from '$lib/server/drills/ratings';
import { findVisibleScenario, listVisibleScenarios } from '$lib/server/scenarios/access';
import { durationMinutes } from '$lib/scenarios/schema';
import { db } from '$lib/server/runtime';
import { drillPeopleChoices, drillPlanChoices } from './choices.server';
import { echo, formValues, peopleOf, readSettings, rethrowOnForm } from './drill-form.server';
import { readPlan, timeZoneChoices } from './schedule-form.server';
import { createSeries } from '$lib/server/programme/series';
import { futureSchedule } from '$lib/server/programme/occurrences';
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
		people: await drillPeopleChoices(db()),
		zones: timeZoneChoices(),
		defaults: formValues({
			title: s ? `${s.title} · ${new Date().toISOString().slice(0, 10)}` : '',
			planVersionId: plans.flatMap((p) => p.versions).find((v) => v.inForce)?.id ?? '',
			mode: 'live',
			thresholds: DEFAULT_THRESHOLDS,
			members: [{ userId: user.id, kind: 'facilitator', roles: [] }]
		})
	};
});

const pickSchema = z.object({
	scenarioId: z.string().max(100),
	version: z.coerce.number().int().min(1).max(1_000_000)
});

export const actions: Actions = {
	default: action(
		'drills.facilitate',
		async (_event, { user, actor, form }) => {
			const picked = formFields(form, pickSchema);
			const settings = readSettings(form);
			const people = await peopleOf(form);
			const plan = readPlan(form, settings.mode);
			const by = { ...actor, role: user.role };
			const now = new Date();
			if (plan.rrule !== null && plan.when.kind === 'at' && settings.mode !== 'solo') {
				const { when, rrule } = { when: plan.when, rrule: plan.rrule };
				const mode = settings.mode;
				const { seriesId } = await db()
					.transaction()
					.execute((trx) =>
						createSeries(
							trx,
							by,
							{
								title: settings.title,
								mode,
								scenarioId: picked.scenarioId,
								planVersionId: settings.planVersionId || undefined,
								scheduledAt: when.scheduledAt,
								timeZone: when.timeZone,
								rrule,
								durationMinutes: when.durationMinutes,
								autoStart: when.autoStart,
								windowEndsAt: when.windowEndsAt,
								pacing: when.pacing,
								...people
							},
							now
						).catch((e) => rethrowOnForm(e, people))
					);
				redirect(303, `/drills/series/${seriesId}`);
			}
			const schedule = plan.when.kind === 'at' ? futureSchedule(plan.when, now) : undefined;
			const { drillId } = await db()
				.transaction()
				.execute((trx) =>
					createDrill(
						trx,
						by,
						{
							scenarioId: picked.scenarioId,
							version: picked.version,
							...settings,
							...(settings.mode !== 'solo' ? people : {}),
							...(schedule ? { schedule } : {})
						},
						now
					).catch((e) => rethrowOnForm(e, people))
				);
			redirect(303, `/drills/${drillId}`);
		},
		{ echoWith: (form) => ({ values: echo(form) }) }
	)
};
