import { redirect } from '@sveltejs/kit';
import type { Transaction } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { z } from 'zod';
import * as answers from '$lib/server/drills/answers';
import * as facilitator from '$lib/server/drills/facilitator';
import * as grading from '$lib/server/drills/grading';
import * as lifecycle from '$lib/server/drills/lifecycle';
import { addObservation } from '$lib/server/drills/observations';
import { continueSolo } from '$lib/server/drills/solo';
import { formFields } from '$lib/server/http/form';
import { action, page, type ActionContext, type ActionEvent } from '$lib/server/http/route';
import { db } from '$lib/server/runtime';
import { answerFromForm, adhocFromForm } from './forms.server';
import { changeDrill, drillActor } from '$lib/server/http/drill-change';
import { drillPageData } from './view.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = page('drills.read', (event, user) =>
	drillPageData(db(), user, event.params.drillId, new Date())
);

type Event = ActionEvent & { params: { drillId: string } };

/** A console or participant action: the change, then back to the drill page (at `anchor`). */
function drillAction(
	permission: Parameters<typeof action>[0],
	run: (
		drillId: string,
		ctx: ActionContext,
		actor: ReturnType<typeof drillActor>
	) => (trx: Transaction<Database>, now: Date) => Promise<{ seq: number | null }>,
	anchor: (form: FormData) => string = () => ''
) {
	return action(
		permission,
		async (event: Event, ctx) => {
			const { drillId } = event.params;
			await changeDrill(db(), drillId, run(drillId, ctx, drillActor(ctx.actor, ctx.user)));
			redirect(303, `/drills/${drillId}${anchor(ctx.form)}`);
		},
		// A refusal is shown next to the prompt or inject it was about.
		{ echo: ['promptId', 'injectId'] }
	);
}

const field = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : undefined;
};
const speedSchema = z.object({ speed: z.coerce.number('choose a speed') });
const gradeSchema = z.object({
	promptId: z.string().max(200),
	level: z.string('choose a rubric level').max(200),
	comment: z.string().max(4000).default('')
});
const overrideSchema = z.object({
	promptId: z.string().max(200),
	points: z.string().trim().max(20),
	reason: z.string().max(2000).default('')
});
const observationSchema = z.object({
	text: z.string().max(10_000),
	injectId: z.string().max(200).default(''),
	objectiveId: z.string().max(200).default('')
});

export const actions: Actions = {
	start: drillAction(
		'drills.facilitate',
		(id, _c, a) => (trx, now) => lifecycle.start(trx, a, id, now)
	),
	pause: drillAction(
		'drills.facilitate',
		(id, _c, a) => (trx, now) => lifecycle.pause(trx, a, id, now)
	),
	resume: drillAction(
		'drills.facilitate',
		(id, _c, a) => (trx, now) => lifecycle.resume(trx, a, id, now)
	),
	speed: drillAction('drills.facilitate', (id, { form }, a) => {
		const { speed } = formFields(form, speedSchema);
		return (trx, now) => lifecycle.setSpeed(trx, a, id, speed, now);
	}),
	end: drillAction(
		'drills.facilitate',
		(id, _c, a) => (trx, now) => lifecycle.end(trx, a, id, now)
	),
	cancel: drillAction(
		'drills.facilitate',
		(id, _c, a) => (trx, now) => lifecycle.cancel(trx, a, id, now)
	),
	releaseNow: drillAction(
		'drills.facilitate',
		(id, { form }, a) =>
			(trx, now) =>
				facilitator.releaseNow(trx, a, id, field(form, 'injectId'), now),
		(form) => `#msel-${field(form, 'injectId') ?? ''}`
	),
	skip: drillAction(
		'drills.facilitate',
		(id, { form }, a) =>
			(trx, now) =>
				facilitator.skip(trx, a, id, field(form, 'injectId'), now),
		(form) => `#msel-${field(form, 'injectId') ?? ''}`
	),
	adhoc: drillAction('drills.facilitate', (id, { form }, a) => {
		const input = adhocFromForm(form);
		return (trx, now) => facilitator.addAdhoc(trx, a, id, input, now);
	}),
	closePrompt: drillAction(
		'drills.facilitate',
		(id, { form }, a) =>
			(trx, now) =>
				answers.closePrompt(trx, a, id, field(form, 'promptId'), now),
		(form) => `#answers-${field(form, 'promptId') ?? ''}`
	),
	grade: drillAction(
		'drills.facilitate',
		(id, { form }, a) => {
			const input = formFields(form, gradeSchema);
			return (trx, now) => grading.gradeFreeText(trx, a, id, input, now);
		},
		() => '#grading'
	),
	overrideScore: drillAction(
		'drills.facilitate',
		(id, { form }, a) => {
			const input = formFields(form, overrideSchema);
			const points = input.points === '' ? null : Number(input.points.replace(',', '.'));
			return (trx, now) =>
				grading.overrideScore(
					trx,
					a,
					id,
					{ promptId: input.promptId, points, reason: input.reason },
					now
				);
		},
		(form) => `#answers-${field(form, 'promptId') ?? ''}`
	),
	observe: drillAction(
		'drills.facilitate',
		(id, { form }, a) => {
			const input = formFields(form, observationSchema);
			return (trx, now) => addObservation(trx, a, id, input, now);
		},
		() => '#observations'
	),
	answer: drillAction(
		'drills.answer',
		(id, { form }, a) => {
			const { promptId, answer } = answerFromForm(form);
			return (trx, now) => answers.submitAnswer(trx, a, id, promptId, answer, now);
		},
		(form) => `#prompt-${field(form, 'promptId') ?? ''}`
	),
	ack: drillAction(
		'drills.answer',
		(id, { form }, a) =>
			(trx, now) =>
				answers.acknowledge(trx, a, id, field(form, 'injectId'), now),
		(form) => `#inject-${field(form, 'injectId') ?? ''}`
	),
	continue: drillAction(
		'drills.practise',
		(id, _c, a) => (trx, now) => continueSolo(trx, a, id, now)
	),
	endPractice: drillAction(
		'drills.practise',
		(id, _c, a) => (trx, now) => lifecycle.end(trx, a, id, now)
	)
};
