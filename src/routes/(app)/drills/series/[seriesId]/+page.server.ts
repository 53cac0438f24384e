import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { may } from '$lib/server/access/gate';
import { InvalidInputError } from '$lib/server/errors';
import { formFields, formRevision } from '$lib/server/http/form';
import { action, page, type ActionEvent } from '$lib/server/http/route';
import { cancelPlanned } from '$lib/server/programme/occurrences';
import { editSeries, endSeries, seriesFor } from '$lib/server/programme/series';
import { findScenario } from '$lib/server/scenarios/custom';
import { db } from '$lib/server/runtime';
import { formatInZone, fromWallTime, toWallTime } from '$lib/zoned-time';
import { drillPeopleChoices } from '../../new/choices.server';
import { echo, peopleOf, rethrowOnForm } from '../../new/drill-form.server';
import { readPlan, timeZoneChoices } from '../../new/schedule-form.server';
import type { Actions, PageServerLoad } from './$types';

// A recurring drill: its rule in words, the occurrences to come and those past (with their
// status and links), the change form (future occurrences only) and ending it. Leads and
// admins only; anyone else is told it does not exist.

export const load: PageServerLoad = page('drills.read', async (event, user) => {
	const s = await seriesFor(db(), user, event.params.seriesId, new Date());
	const scenario = (await findScenario(db(), s.scenarioId).catch(() => null))?.entry.scenario;
	const shown = (at: Date | null) => (at ? formatInZone(at, s.timeZone) : '');
	const occurrence = (o: (typeof s.upcoming)[number]) => ({ ...o, when: shown(o.scheduledAt) });
	const values: Record<string, string[]> = {
		title: [s.title],
		when: ['at'],
		scheduledAt: [s.startsLocal],
		timeZone: [s.timeZone],
		repeat: ['custom'],
		rrule: [s.rrule],
		durationMinutes: [String(s.durationMinutes)],
		...(s.autoStart && s.mode === 'live' ? { autoStart: ['on'] } : {}),
		...(s.pacing ? { pacing: [s.pacing] } : {}),
		...(s.mode === 'async'
			? {
					windowEndsAt: [
						toWallTime(
							new Date(
								fromWallTime(s.startsLocal, s.timeZone).getTime() + s.durationMinutes * 60_000
							),
							s.timeZone
						)
					]
				}
			: {})
	};
	for (const id of s.people.facilitators.slice(1)) values[`kind-${id}`] = ['facilitator'];
	for (const p of s.people.participants) {
		values[`kind-${p.userId}`] = ['participant'];
		values[`roles-${p.userId}`] = p.roles;
	}
	for (const id of s.people.observers) values[`kind-${id}`] = ['observer'];
	const canManage = may(user, 'schedule.manage');
	return {
		series: {
			id: s.id,
			title: s.title,
			mode: s.mode,
			status: s.status,
			revision: s.revision,
			words: s.words,
			rrule: s.rrule,
			scenarioTitle: scenario?.title ?? s.scenarioId,
			createdByName: s.createdByName,
			durationMinutes: s.durationMinutes,
			autoStart: s.autoStart,
			pacing: s.pacing,
			upcoming: s.upcoming.map(occurrence),
			past: s.past.map(occurrence),
			later: s.later.map((o) => shown(o.at))
		},
		canManage,
		zones: canManage ? timeZoneChoices() : [],
		people: canManage ? await drillPeopleChoices(db()) : [],
		// The series' lead facilitates every occurrence: not offered in the list.
		leadId: s.people.facilitators[0],
		roles: scenario?.roles.map((r) => ({ id: r.id, name: r.name })) ?? [],
		values
	};
});

type Event = ActionEvent & { params: { seriesId: string } };
const reasonSchema = z.object({ reason: z.string().max(2000).default('') });
const cancelSchema = reasonSchema.extend({ drillId: z.string().max(40) });
const titleSchema = z.object({ title: z.string().max(200).default('') });

export const actions: Actions = {
	edit: action(
		'schedule.manage',
		async (event: Event, { user, actor, form }) => {
			const revision = formRevision(form);
			const { title } = formFields(form, titleSchema);
			const people = await peopleOf(form);
			const { when, rrule } = readPlan(form, String(form.get('mode') ?? 'live'));
			if (when.kind !== 'at')
				throw new InvalidInputError('Give the date and time of the first drill.', 'scheduledAt');
			if (rrule === null) throw new InvalidInputError('Choose how the series repeats.', 'repeat');
			await db()
				.transaction()
				.execute((trx) =>
					editSeries(
						trx,
						{ ...actor, role: user.role },
						event.params.seriesId,
						revision,
						{
							title: title.trim() || undefined,
							scheduledAt: when.scheduledAt,
							timeZone: when.timeZone,
							rrule,
							durationMinutes: when.durationMinutes,
							autoStart: when.autoStart,
							windowEndsAt: when.windowEndsAt,
							pacing: when.pacing,
							...people
						},
						new Date()
					).catch((e) => rethrowOnForm(e, people))
				);
			redirect(303, `/drills/series/${event.params.seriesId}`);
		},
		{ echoWith: (form) => ({ which: 'edit', values: echo(form) }) }
	),
	end: action(
		'schedule.manage',
		async (event: Event, { user, actor, form }) => {
			const revision = formRevision(form);
			const { reason } = formFields(form, reasonSchema);
			await db()
				.transaction()
				.execute((trx) =>
					endSeries(
						trx,
						{ ...actor, role: user.role },
						event.params.seriesId,
						revision,
						reason,
						new Date()
					)
				);
			redirect(303, `/drills/series/${event.params.seriesId}`);
		},
		{ echoWith: (form) => ({ which: 'end', values: echo(form) }) }
	),
	cancel: action(
		'schedule.manage',
		async (event: Event, { user, actor, form }) => {
			const { drillId, reason } = formFields(form, cancelSchema);
			await db()
				.transaction()
				.execute((trx) =>
					cancelPlanned(
						trx,
						{ ...actor, role: user.role },
						drillId,
						reason,
						new Date(),
						event.params.seriesId
					)
				);
			redirect(303, `/drills/series/${event.params.seriesId}#upcoming`);
		},
		{
			echoWith: (form) => ({
				which: `cancel-${String(form.get('drillId') ?? '')}`,
				values: echo(form)
			})
		}
	)
};
