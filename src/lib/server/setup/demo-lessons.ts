import type { Transaction } from 'kysely';
import type { Database, User } from '../db/schema';
import { addNote, changeStatus, createAction, type ActionInput } from '../lessons/actions';
import type { LessonActor } from '../lessons/actor';
import { createFinding } from '../lessons/findings';
import { answerHotWash, writeSummary } from '../lessons/hot-wash';
import { createIncidentReview } from '../lessons/incidents';
import { linkActionToPlan } from '../lessons/plan-links';
import { verifyAction } from '../lessons/verification';
import type { DemoDrills } from './demo-drills';

// The lessons drawn from the demo drills, built through the lessons domain with the clock
// set in the past, so a first start shows the whole loop: the tabletop's hot wash, findings
// (strengths and areas for improvement, most promoted from the facilitator's observations),
// corrective actions in every status — one resolved by the demo plan's open draft, one
// verified by the re-test drill, one overdue — and a real incident's review feeding the same
// improvement plan.

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Person = Pick<User, 'id' | 'role' | 'email' | 'display_name'>;
const actorOf = (u: Person): LessonActor => ({ id: u.id, role: u.role, label: u.email, ip: null });
const date = (d: Date) => d.toISOString().slice(0, 10);

export type DemoLessonPeople = { lead: Person; admin: Person; trainee: Person; analyst: Person };

export async function seedDemoLessons(
	trx: Transaction<Database>,
	people: DemoLessonPeople,
	drills: DemoDrills,
	planId: string,
	now = new Date()
): Promise<void> {
	const lead = actorOf(people.lead);
	const [tara, sam] = [actorOf(people.trainee), actorOf(people.analyst)];
	const tabletop = await drillTimes(trx, drills.tabletopId);
	const retest = await drillTimes(trx, drills.retestId);
	const after = (d: Date, ms: number) => new Date(d.getTime() + ms);

	// The hot wash, the hour after the tabletop.
	await answerHotWash(
		trx,
		tara,
		drills.tabletopId,
		{
			wentWell: 'We saw the rclone exfiltration early and isolated the file server fast.',
			wentBadly: 'Nobody knew where the out-of-band kit was; we lost ten minutes on Teams.',
			oneChange: 'Put the out-of-band kit location in the IT on-call runbook.'
		},
		after(tabletop.endedAt, 20 * 60_000)
	);
	await answerHotWash(
		trx,
		sam,
		drills.tabletopId,
		{
			wentWell: 'Legal and the DPO had the regulator clocks straight away.',
			wentBadly: 'The board risk committee was forgotten at SEV1.',
			oneChange: 'A SEV1 call-out checklist that names the board.'
		},
		after(tabletop.endedAt, 25 * 60_000)
	);
	await writeSummary(
		trx,
		lead,
		drills.tabletopId,
		'Detection and containment of the file server were strong. Two gaps: the out-of-band channel (kit location unknown to IT) and the SEV1 call-out (board risk committee missed; regulators only after the DPO prompted). Both become corrective actions; re-test within a month.',
		after(tabletop.endedAt, HOUR)
	);

	// Findings, the day after.
	const [contained, outOfBand, board] = tabletop.observations;
	const day1 = after(tabletop.endedAt, DAY);
	const fromDrill = { drillId: drills.tabletopId };
	await createFinding(
		trx,
		lead,
		{
			kind: 'strength',
			source: fromDrill,
			observationId: contained.id,
			objectiveId: 'obj-contain',
			title: 'File server contained within four minutes of the rclone alert',
			observation: contained.text,
			referenceSectionKey: 'containment',
			analysis: 'The SOC runbook for bulk exfiltration was followed step by step.',
			recommendation: 'Keep the runbook; use it as the model for the VPN foothold case.'
		},
		day1
	);
	const oob = await createFinding(
		trx,
		lead,
		{
			kind: 'area_for_improvement',
			source: fromDrill,
			observationId: outOfBand.id,
			objectiveId: 'obj-contain',
			title: 'Out-of-band channel not used until prompted',
			observation: outOfBand.text,
			referenceSectionKey: 'out-of-band',
			analysis:
				'The kit location lives only in the CISO’s notes; the IT on-call runbook does not mention it.',
			recommendation: 'Publish the kit location and the Signal bridge procedure in the runbook.'
		},
		day1
	);
	const boardFinding = await createFinding(
		trx,
		lead,
		{
			kind: 'area_for_improvement',
			source: fromDrill,
			observationId: board.id,
			objectiveId: 'obj-notify',
			title: 'Board risk committee not told at SEV1',
			observation: board.text,
			referenceSectionKey: 'escalation',
			referenceText: 'Board risk committee charter, section 4 (material incidents)',
			analysis:
				'The escalation section lists the board only in the matrix; the IC works from the section text, which does not.',
			recommendation: 'Name the board risk committee in the SEV1 escalation steps.'
		},
		day1
	);
	const regulators = await createFinding(
		trx,
		lead,
		{
			kind: 'area_for_improvement',
			source: fromDrill,
			objectiveId: 'obj-notify',
			title: 'Regulator notifications only after the DPO prompted',
			observation:
				'The ICO and DPC reports were drafted only when the DPO asked whether the 72-hour clock had started.',
			referenceText: 'GDPR Art. 33',
			analysis: 'The IC role card does not mention the regulator clocks.',
			recommendation: 'Train incident commanders on the regulator clocks in the matrix.'
		},
		day1
	);

	const start = date(day1);
	type Demo = Omit<ActionInput, 'startDate' | 'organisation'> & {
		startDate?: string;
		organisation?: string;
	};
	const action = (input: Demo): ActionInput => ({
		...input,
		startDate: input.startDate ?? start,
		organisation: input.organisation ?? 'Security Operations'
	});
	// Verified by the re-test: Sam did it, the lead verified it with the re-test's rating.
	const runbook = await createAction(
		trx,
		lead,
		oob.id,
		action({
			action:
				'Add the out-of-band kit location and the Signal bridge procedure to the IT on-call runbook.',
			element: 'planning',
			organisation: 'IT Operations',
			ownerId: people.analyst.id,
			dueDate: date(after(day1, 7 * DAY))
		}),
		day1
	);
	await changeStatus(trx, sam, runbook.id, 'in_progress', {}, after(day1, 2 * HOUR));
	await addNote(
		trx,
		sam,
		runbook.id,
		'Runbook page drafted; waiting for the CISO to confirm the kit location.',
		after(day1, DAY)
	);
	await changeStatus(trx, sam, runbook.id, 'done', {}, after(day1, 3 * DAY));
	await verifyAction(
		trx,
		lead,
		runbook.id,
		{ kind: 'drill', drillId: drills.retestId },
		after(retest.endedAt, 2 * HOUR)
	);

	// Cancelled: overtaken by the runbook change.
	const phones = await createAction(
		trx,
		lead,
		oob.id,
		action({
			action: 'Buy a second set of out-of-band phones for the IT on-call rota.',
			element: 'equipment',
			ownerId: people.admin.id,
			dueDate: date(after(day1, 30 * DAY))
		}),
		day1
	);
	await changeStatus(
		trx,
		lead,
		phones.id,
		'cancelled',
		{ reason: 'The existing kit is enough once IT knows where it is (see the runbook action).' },
		after(day1, 3 * DAY)
	);

	// In progress, resolved by the demo plan's open draft (the escalation section).
	const callout = await createAction(
		trx,
		lead,
		boardFinding.id,
		action({
			action: 'Name the board risk committee in the SEV1 escalation steps of the IR plan.',
			element: 'planning',
			ownerId: people.lead.id,
			dueDate: date(after(now, 20 * DAY))
		}),
		day1
	);
	await changeStatus(trx, lead, callout.id, 'in_progress', {}, after(day1, HOUR));
	await linkActionToPlan(trx, lead, callout.id, planId, ['escalation'], after(day1, 2 * HOUR));

	// Overdue: still open days after its due date.
	await createAction(
		trx,
		lead,
		regulators.id,
		action({
			action: 'Run a 30-minute regulator-clock briefing for every incident commander.',
			element: 'training',
			ownerId: people.trainee.id,
			dueDate: date(after(now, -4 * DAY))
		}),
		day1
	);

	// A real incident's review, feeding the same improvement plan.
	const awareAt = new Date(Math.floor((now.getTime() - 20 * DAY) / DAY) * DAY + 7.5 * HOUR);
	const review = await createIncidentReview(
		trx,
		lead,
		{
			reference: 'INC-2026-031',
			title: 'Contractor mailbox takeover and invoice fraud attempt',
			severity: 'SEV2',
			planId,
			awareAt: awareAt.toISOString(),
			declaredAt: after(awareAt, 40 * 60_000).toISOString(),
			resolvedAt: after(awareAt, 2 * DAY).toISOString(),
			summary:
				'A contractor’s mailbox was taken over through an AiTM phishing page and used to send a changed bank account to three customers. Payments were stopped before any money left; the contractor’s sessions were revoked the same morning.',
			timeline: [
				{
					at: after(awareAt, 15 * 60_000).toISOString(),
					decision: 'Revoke the contractor’s sessions and reset MFA.',
					by: 'Incident commander'
				},
				{
					at: after(awareAt, 40 * 60_000).toISOString(),
					decision: 'Declared SEV2: customer payments at risk, no data exfiltration seen.',
					by: 'Incident commander'
				},
				{
					at: after(awareAt, 5 * HOUR).toISOString(),
					decision: 'Tell the three customers by phone, then in writing.',
					by: 'Communications lead'
				}
			],
			// Every SEV2 message went out on time but one: customer support, told only once the
			// customers had been called (the finding below).
			notifications: (
				[
					['incident-commander', 10],
					['soc-on-call', 42],
					['ciso', 45],
					['it-operations', 50],
					['communications-lead', 60],
					['general-counsel', 80],
					['ceo-exec', 180],
					['customer-support', 360]
				] as const
			).map(([rowKey, minutes]) => ({
				rowKey,
				stage: '0',
				notifiedAt: after(awareAt, minutes * 60_000).toISOString()
			}))
		},
		after(awareAt, 3 * DAY)
	);
	const support = await createFinding(
		trx,
		lead,
		{
			kind: 'area_for_improvement',
			source: { incidentReviewId: review.id },
			capability: 'communication',
			title: 'Customer support told five hours after the customers were at risk',
			observation:
				'Customers called the support desk about the changed bank details before support had been briefed.',
			referenceSectionKey: 'internal-comms',
			analysis: 'The SEV2 call-out sends support a message only once customers are notified.',
			recommendation: 'Brief customer support at declaration for any fraud-related incident.'
		},
		after(awareAt, 3 * DAY)
	);
	// Done, waiting for a lead to verify it.
	const briefing = await createAction(
		trx,
		lead,
		support.id,
		action({
			action: 'Add a support-desk briefing template to the fraud playbook and the SEV2 call-out.',
			element: 'planning',
			organisation: 'Customer Operations',
			ownerId: people.analyst.id,
			startDate: date(after(awareAt, 3 * DAY)),
			dueDate: date(after(now, 10 * DAY))
		}),
		after(awareAt, 3 * DAY)
	);
	await changeStatus(trx, sam, briefing.id, 'in_progress', {}, after(awareAt, 4 * DAY));
	await changeStatus(trx, sam, briefing.id, 'done', {}, after(now, -DAY));
}

async function drillTimes(trx: Transaction<Database>, drillId: string) {
	const drill = await trx
		.selectFrom('drills')
		.select('ended_at')
		.where('id', '=', drillId)
		.executeTakeFirstOrThrow();
	const observations = await trx
		.selectFrom('drill_observations')
		.select(['id', 'text'])
		.where('drill_id', '=', drillId)
		.orderBy('at')
		.execute();
	return { endedAt: drill.ended_at!, observations };
}
