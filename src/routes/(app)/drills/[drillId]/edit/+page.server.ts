import { redirect } from '@sveltejs/kit';
import { updateDraftDrill, draftForEdit } from '$lib/server/drills/update';
import { action, page, type ActionEvent } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import { drillPeopleChoices, drillPlanChoices } from '../../new/choices.server';
import {
	echo,
	formValues,
	peopleOf,
	readSettings,
	rethrowOnForm
} from '../../new/drill-form.server';
import { planDraft } from '$lib/server/programme/occurrences';
import { seriesTitle } from '$lib/server/programme/series';
import { planValues, readPlan, timeZoneChoices } from '../../new/schedule-form.server';
import type { Actions, PageServerLoad } from './$types';

// "Edit drill": the new-drill form of a draft, filled with its values. The scenario stays.

export const load: PageServerLoad = page('drills.facilitate', async (event, user) => {
	const { drill, people, roles } = await draftForEdit(db(), user, event.params.drillId);
	return {
		drill: {
			id: drill.id,
			title: drill.title,
			seriesId: drill.schedule.seriesId,
			seriesTitle: await seriesTitle(db(), drill.schedule.seriesId)
		},
		zones: timeZoneChoices(),
		roles,
		plans: await drillPlanChoices(db()),
		people: await drillPeopleChoices(db()),
		values: {
			...formValues({
				title: drill.title,
				planVersionId: drill.planVersionId,
				mode: drill.mode,
				thresholds: drill.thresholds,
				members: people
			}),
			...planValues(drill.schedule)
		}
	};
});

export const actions: Actions = {
	default: action(
		'drills.facilitate',
		async (event: ActionEvent & { params: { drillId: string } }, { user, actor, form }) => {
			const { drillId } = event.params;
			// A drill that is no longer a draft (or not this user's to run) is said so before any
			// field errors; updateDraftDrill checks it again under the row lock.
			await draftForEdit(db(), user, drillId);
			const { title, planVersionId, ratingThresholds } = readSettings(form);
			const people = await peopleOf(form);
			const { when } = readPlan(form, String(form.get('mode') ?? 'live'), false);
			const by = { ...actor, role: user.role };
			await db()
				.transaction()
				.execute(async (trx) => {
					await updateDraftDrill(
						trx,
						by,
						drillId,
						{ title, planVersionId, ratingThresholds, ...people },
						new Date()
					).catch((e) => rethrowOnForm(e, people));
					await planDraft(trx, by, drillId, when, new Date());
				});
			redirect(303, `/drills/${drillId}`);
		},
		{ echoWith: (form) => ({ values: echo(form) }) }
	)
};
