import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { planView } from '$lib/server/access/visibility';
import { formFields } from '$lib/server/http/form';
import { action, page } from '$lib/server/http/route';
import { lessonActor } from '$lib/server/lessons/actor';
import {
	actionForLinking,
	linkActionToPlan,
	linkTarget,
	unlinkAction
} from '$lib/server/lessons/plan-links';
import { listPlans } from '$lib/server/plans/plans';
import { db } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

// "Change the plan for A-12": choose a plan (the source's plan first), tick the sections of its
// draft (or of the version in force, when linking opens the draft) that the change touches.

export const load: PageServerLoad = page('lessons.edit', async (event, user) => {
	const item = await actionForLinking(db(), event.params.actionId);
	const plans = (await listPlans(db(), planView(user))).map((p) => ({
		id: p.id,
		title: p.title,
		kind: p.kind
	}));
	const asked = event.url.searchParams.get('plan')?.slice(0, 100);
	const planId = asked ?? item.links.at(-1)?.planId ?? item.sourcePlanId ?? plans[0]?.id ?? null;
	const target = planId ? await linkTarget(db(), planId) : null;
	const existing = target?.version
		? item.links.find((l) => l.versionId === target.version!.id)
		: undefined;
	const reference =
		item.finding.referencePlanId === target?.plan.id && item.finding.referenceSectionKey
			? [item.finding.referenceSectionKey]
			: [];
	return {
		action: item,
		plans,
		target,
		/** Ticked: the sections of an existing link, else the finding's reference section. */
		ticked: existing?.sectionKeys ?? reference
	};
});

const linkSchema = z.object({
	planId: z.string().max(100),
	sectionKeys: z
		.union([z.string().max(100), z.array(z.string().max(100)).max(500)])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
});
const unlinkSchema = z.object({ versionId: z.string().max(100) });

export const actions: Actions = {
	link: action(
		'lessons.edit',
		async (event, { user, actor, form }) => {
			const { planId, sectionKeys } = formFields(form, linkSchema);
			const versionId = await db()
				.transaction()
				.execute((trx) =>
					linkActionToPlan(
						trx,
						lessonActor(actor, user),
						event.params.actionId,
						planId,
						sectionKeys,
						new Date()
					)
				);
			redirect(303, `/plans/${planId}/versions/${versionId}#lessons`);
		},
		{
			echoWith: (form) => ({
				planId: String(form.get('planId') ?? '').slice(0, 100),
				sectionKeys: form
					.getAll('sectionKeys')
					.filter((k): k is string => typeof k === 'string')
					.slice(0, 500)
					.map((k) => k.slice(0, 100))
			})
		}
	),
	unlink: action('lessons.edit', async (event, { user, actor, form }) => {
		const { versionId } = formFields(form, unlinkSchema);
		const { planId } = await db()
			.transaction()
			.execute((trx) =>
				unlinkAction(trx, lessonActor(actor, user), versionId, event.params.actionId, new Date())
			);
		redirect(303, `/plans/${planId}/versions/${versionId}#lessons`);
	})
};
