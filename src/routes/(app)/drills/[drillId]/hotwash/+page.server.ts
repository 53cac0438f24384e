import { redirect } from '@sveltejs/kit';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { may } from '$lib/server/access/gate';
import type { Database } from '$lib/server/db/schema';
import { drillAccess, seesEverything } from '$lib/server/drills/membership';
import { loadObservations } from '$lib/server/drills/observations';
import { NotFoundError } from '$lib/server/errors';
import { formFields } from '$lib/server/http/form';
import { action, page, type ActionContext, type ActionEvent } from '$lib/server/http/route';
import { lessonActor, type LessonActor } from '$lib/server/lessons/actor';
import { promoteObservation } from '$lib/server/lessons/findings';
import {
	answersHotWash,
	answerHotWash,
	assertObservationOfDrill,
	drillFindings,
	HOT_WASH_HOURS,
	hotWashMembers,
	isOpen,
	leadsHotWash,
	loadHotWash,
	MAX_ANSWER_CHARS,
	MAX_SUMMARY_CHARS,
	setHotWashClose,
	writeSummary
} from '$lib/server/lessons/hot-wash';
import { parseUtcTime } from '$lib/server/lessons/incidents';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// The hot wash of a live drill: the three questions for its participants and facilitators,
// everyone's answers, the facilitator's summary, and for leads the drill's observations to
// promote to findings and the findings already drawn from it.

export const load: PageServerLoad = page('drills.read', async (event, user) => {
	const now = new Date();
	const access = await drillAccess(db(), user, event.params.drillId);
	const { drill, as } = access;
	if (drill.mode === 'solo') throw new NotFoundError('A solo practice has no hot wash.');
	const hw = await loadHotWash(db(), drill.id);
	const open = hw ? isOpen(hw, now) : false;
	const members = await hotWashMembers(db(), drill.id);
	const answered = new Set(hw?.responses.map((r) => r.userId) ?? []);
	const full = seesEverything(as);
	const readsLessons = may(user, 'lessons.read');
	const drawn = readsLessons ? await drillFindings(db(), drill.id) : null;
	const observations = full ? await loadObservations(db(), drill.id) : [];
	const mine = hw?.responses.find((r) => r.userId === user.id);
	return {
		drill: {
			id: drill.id,
			title: drill.title,
			status: drill.status,
			endedAt: drill.endedAt?.toISOString() ?? null
		},
		hotWash: hw && {
			openedAt: hw.openedAt.toISOString(),
			closesAt: hw.closesAt.toISOString(),
			open,
			summary: hw.summary,
			summaryBy: hw.summaryBy,
			summaryAt: hw.summaryAt?.toISOString() ?? null,
			responses: hw.responses.map((r) => ({
				userId: r.userId,
				name: r.name,
				wentWell: r.wentWell,
				wentBadly: r.wentBadly,
				oneChange: r.oneChange,
				updatedAt: r.updatedAt.toISOString(),
				edited: r.updatedAt.getTime() !== r.submittedAt.getTime()
			}))
		},
		mine: mine
			? { wentWell: mine.wentWell, wentBadly: mine.wentBadly, oneChange: mine.oneChange }
			: null,
		waitingFor: members.filter((m) => !answered.has(m.user_id)).map((m) => m.display_name),
		isMember: as !== 'reader',
		answers: answersHotWash(access, user),
		canAnswer: !!hw && open && answersHotWash(access, user),
		canLead: leadsHotWash(access, user) && drill.status === 'ended',
		canPromote: full && may(user, 'lessons.edit'),
		readsLessons,
		// A default for "keep it open until": another 72 hours from now, in UTC for the input.
		suggestedClose: new Date(now.getTime() + HOT_WASH_HOURS * 3_600_000).toISOString().slice(0, 16),
		observations: observations.map((o) => ({
			id: o.id,
			text: o.text,
			byName: o.byName,
			at: o.at,
			scenarioMs: o.scenarioMs,
			finding: drawn?.promoted.get(o.id) ?? null
		})),
		findings: drawn?.findings ?? [],
		limits: { answer: MAX_ANSWER_CHARS, summary: MAX_SUMMARY_CHARS }
	};
});

type Event = ActionEvent & { params: { drillId: string } };

const tooLong = (n: number) => `Keep it under ${n.toLocaleString('en-GB')} characters.`;
const answerSchema = z.object({
	wentWell: z.string().max(MAX_ANSWER_CHARS, tooLong(MAX_ANSWER_CHARS)).default(''),
	wentBadly: z.string().max(MAX_ANSWER_CHARS, tooLong(MAX_ANSWER_CHARS)).default(''),
	oneChange: z.string().max(MAX_ANSWER_CHARS, tooLong(MAX_ANSWER_CHARS)).default('')
});
const summarySchema = z.object({
	summary: z.string().max(MAX_SUMMARY_CHARS, tooLong(MAX_SUMMARY_CHARS)).default('')
});
const extendSchema = z.object({ closesAt: z.string().max(40).default('') });
const promoteSchema = z.object({ observationId: z.string().max(100).default('') });

/** Runs one change to the hot wash in a transaction, then back to the page at `anchor`. */
async function change(
	event: Event,
	ctx: ActionContext,
	work: (
		trx: Transaction<Database>,
		actor: LessonActor,
		drillId: string,
		now: Date
	) => Promise<unknown>,
	anchor: string
) {
	const { drillId } = event.params;
	await db()
		.transaction()
		.execute((trx) => work(trx, lessonActor(ctx.actor, ctx.user), drillId, new Date()));
	redirect(303, `/drills/${drillId}/hotwash${anchor}`);
}

export const actions: Actions = {
	answer: action(
		'hotwash.answer',
		async (event: Event, ctx) => {
			const input = formFields(ctx.form, answerSchema);
			await change(
				event,
				ctx,
				(trx, actor, drillId, now) => answerHotWash(trx, actor, drillId, input, now),
				'#responses'
			);
		},
		{ echo: ['wentWell', 'wentBadly', 'oneChange'] }
	),
	summary: action(
		'lessons.edit',
		async (event: Event, ctx) => {
			const { summary } = formFields(ctx.form, summarySchema);
			await change(
				event,
				ctx,
				(trx, actor, drillId, now) => writeSummary(trx, actor, drillId, summary, now),
				'#summary'
			);
		},
		{ echo: ['summary'] }
	),
	close: action('lessons.edit', async (event: Event, ctx) => {
		await change(
			event,
			ctx,
			(trx, actor, drillId, now) => setHotWashClose(trx, actor, drillId, 'now', now),
			'#status'
		);
	}),
	extend: action(
		'lessons.edit',
		async (event: Event, ctx) => {
			const { closesAt } = formFields(ctx.form, extendSchema);
			const to = parseUtcTime(closesAt, 'closesAt');
			await change(
				event,
				ctx,
				(trx, actor, drillId, now) =>
					setHotWashClose(trx, actor, drillId, to ?? new Date(Number.NaN), now),
				'#status'
			);
		},
		{ echo: ['closesAt'] }
	),
	promote: action('lessons.edit', async (event: Event, ctx) => {
		const { observationId } = formFields(ctx.form, promoteSchema);
		const { drillId } = event.params;
		await drillAccess(db(), ctx.user, drillId);
		await assertObservationOfDrill(db(), drillId, observationId);
		const finding = await db()
			.transaction()
			.execute((trx) =>
				promoteObservation(trx, lessonActor(ctx.actor, ctx.user), observationId, new Date())
			);
		redirect(303, `/lessons/findings/${finding.id}`);
	})
};
