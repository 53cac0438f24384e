import type { Transaction } from 'kysely';
import { expectedStakeholders } from '../../plans/notification-expectation';
import type { Prompt } from '../../scenarios/schema';
import type { Database, User } from '../db/schema';
import { acknowledge, submitAnswer } from '../drills/answers';
import { createDrill, startPractice } from '../drills/create';
import { gradeFreeText, overrideRating } from '../drills/grading';
import { end, start } from '../drills/lifecycle';
import { drillPlan } from '../drills/load';
import type { DrillActor } from '../drills/membership';
import { offsetMs } from '../drills/msel';
import { addObservation } from '../drills/observations';
import { releaseDue } from '../drills/release';
import { scenarioOf } from '../drills/scenario-of-drill';
import { continueSolo } from '../drills/solo';
import { participantState } from '../drills/state';

// Demo drills, built through the drill domain with a clock set in the past, so that they are
// exactly what a real run leaves behind: an ended live ransomware drill (a lead facilitating,
// two participants, answers, grades, observations, a rating override) and a solo attempt by
// the demo trainee. The answers follow one rule per prompt type, with a few chosen slips, so
// the results have something to explain.

const DAY = 86_400_000;
const MINUTE = 60_000;

type Person = Pick<User, 'id' | 'role' | 'email' | 'display_name'>;
const actorOf = (u: Person): DrillActor & { name: string } => ({
	id: u.id,
	role: u.role,
	label: u.email,
	ip: null,
	name: u.display_name
});

/** Slips a good team still makes: prompt id → the answer given instead of the best one. */
const slips: Record<string, unknown> = {
	'q-identity-contain': { options: ['kill-vpn', 'reset-da', 'oob'] },
	'q-regulatory': { items: ['ico', 'dora', 'police', 'acquirer-adc'] },
	'q-technique': { options: ['aitm', 'phishing-resistant'] }
};

const freeText: Record<string, string> = {
	'q-ransom-brief':
		'No contact with NightVeil yet. Options: restore from the Object Lock copies (about 36 h of data lost) or negotiate through an insurer-approved firm. Missing: sanctions check on the wallet, insurer consent, confirmation that backups are clean. Recommendation: prepare to restore, no payment decision today.',
	'q-exec-brief':
		'Finance restores from Sunday’s immutable copy after the gates pass; payments platform unaffected. Regulators: ICO and DPC reports filed within 72 h of Tuesday 08:40. No engagement with the attackers; the board decides on payment with counsel.'
};

/** The team's answer: the expected one, less a slip here and there (none in a re-test). */
function demoAnswer(
	prompt: Prompt,
	matrix: Parameters<typeof expectedStakeholders>[0],
	retest = false
): unknown {
	if (slips[prompt.id] && !retest) return slips[prompt.id];
	switch (prompt.type) {
		case 'single-choice':
			return { option: prompt.options.find((o) => o.correct)!.id };
		case 'multiple-choice':
			return { options: prompt.options.filter((o) => o.correct).map((o) => o.id) };
		case 'checklist':
			return { items: prompt.items.filter((i) => i.expected).map((i) => i.id) };
		case 'free-text':
			return {
				text: freeText[prompt.id] ?? 'We contain first, preserve evidence and escalate to the IC.'
			};
		case 'notification': {
			const expected = expectedStakeholders(
				matrix,
				prompt.expectedSeverity,
				prompt.facts,
				prompt.mustNotify
			)
				.filter((e) => e.row)
				.map((e) => e.key);
			// The board is forgotten (until the re-test): the breakdown shows one stakeholder missing.
			return {
				severity: prompt.expectedSeverity,
				notified: retest ? expected : expected.filter((k) => k !== 'board-risk')
			};
		}
	}
}

export type DemoDrillPeople = { lead: Person; trainee: Person; analyst: Person; auditor: Person };

/** The demo drills' ids, for the lessons drawn from them. */
export type DemoDrills = { tabletopId: string; retestId: string; soloId: string };

/** A day `days` before `now`, at `hour` UTC. */
const dayBefore = (now: Date, days: number, hour: number) =>
	new Date(Math.floor((now.getTime() - days * DAY) / DAY) * DAY + hour * 3_600_000);

export async function seedDemoDrills(
	trx: Transaction<Database>,
	people: DemoDrillPeople,
	now = new Date()
): Promise<DemoDrills> {
	const tabletopId = await seedLiveDrill(trx, people, dayBefore(now, 9, 10), {
		title: 'Q1 ransomware tabletop (SOC and IT)',
		retest: false
	});
	const soloId = await seedSoloAttempt(trx, people, dayBefore(now, 3, 14));
	// The same scenario again after the corrective actions: the re-test that verifies them.
	const retestId = await seedLiveDrill(trx, people, dayBefore(now, 2, 10), {
		title: 'Ransomware re-test (out-of-band and board call-out)',
		retest: true
	});
	return { tabletopId, retestId, soloId };
}

async function seedLiveDrill(
	trx: Transaction<Database>,
	people: DemoDrillPeople,
	t0: Date,
	options: { title: string; retest: boolean }
): Promise<string> {
	const lead = actorOf(people.lead);
	const at = (ms: number) => new Date(t0.getTime() + ms);
	const { drillId } = await createDrill(
		trx,
		lead,
		{
			scenarioId: 'ransomware-double-extortion',
			mode: 'live',
			title: options.title,
			participants: [
				{ userId: people.trainee.id, roles: ['ic', 'soc-analyst'] },
				{ userId: people.analyst.id, roles: ['it-ops', 'legal', 'dpo', 'comms-lead', 'executive'] }
			],
			observers: [people.auditor.id]
		},
		at(-2 * DAY)
	);
	const scenario = await scenarioOf(trx, drillId);
	const plan = await drillPlan(
		trx,
		(
			await trx
				.selectFrom('drills')
				.select('plan_version_id')
				.where('id', '=', drillId)
				.executeTakeFirstOrThrow()
		).plan_version_id
	);
	const [tara, sam] = [actorOf(people.trainee), actorOf(people.analyst)];
	const holds = (who: 'tara' | 'sam', to: string[]) =>
		to.some((r) =>
			(who === 'tara'
				? ['ic', 'soc-analyst']
				: ['it-ops', 'legal', 'dpo', 'comms-lead', 'executive']
			).includes(r)
		);

	await start(trx, lead, drillId, t0);
	let last = 0;
	for (const inject of scenario.injects) {
		const offset = offsetMs(inject);
		const out = await releaseDue(trx, drillId, at(offset));
		last = offset;
		if (!out.released.includes(inject.id)) continue;
		const who = holds('tara', inject.to) ? tara : sam;
		await acknowledge(
			trx,
			who,
			drillId,
			inject.id,
			at(offset + 40_000 + (who === sam ? 50_000 : 0))
		);
		let minute = 2;
		for (const prompt of inject.prompts) {
			const answerer =
				holds('tara', inject.to) && (prompt.type !== 'checklist' || !holds('sam', inject.to))
					? tara
					: sam;
			await submitAnswer(
				trx,
				answerer,
				drillId,
				prompt.id,
				demoAnswer(prompt, plan.content.matrix, options.retest),
				at(offset + minute * MINUTE)
			);
			minute += 2;
		}
	}
	const observations = options.retest ? retestObservations : tabletopObservations;
	for (const o of observations)
		await addObservation(
			trx,
			lead,
			drillId,
			{ text: o.text, injectId: o.injectId, objectiveId: o.objectiveId },
			at(o.minute * MINUTE)
		);
	await end(trx, lead, drillId, at(last + 12 * MINUTE));
	const after = last + 20 * MINUTE;
	await gradeFreeText(
		trx,
		lead,
		drillId,
		{
			promptId: 'q-ransom-brief',
			level: 'Adequate',
			comment: 'Clear recommendation; the decryption and leak questions were not separated.'
		},
		at(after)
	);
	await gradeFreeText(
		trx,
		lead,
		drillId,
		{ promptId: 'q-exec-brief', level: 'Strong', comment: 'Concise, with the regulatory clocks.' },
		at(after + MINUTE)
	);
	if (!options.retest)
		await overrideRating(
			trx,
			lead,
			drillId,
			{
				objectiveId: 'obj-notify',
				rating: 'S',
				reason:
					'The board was missed, and the regulators only after prompting from the DPO: some challenges, not none.'
			},
			at(after + 2 * MINUTE)
		);
	return drillId;
}

type DemoObservation = { text: string; injectId: string; objectiveId: string; minute: number };

const tabletopObservations: DemoObservation[] = [
	{
		text: 'Contained LON-FS02 inside four minutes; Tara called the rclone pattern straight away.',
		injectId: 'rclone-alert',
		objectiveId: 'obj-contain',
		minute: 4
	},
	{
		text: 'Team moved to Signal only after prompting; out-of-band kit location was not known to IT.',
		injectId: 'vpn-foothold',
		objectiveId: 'obj-contain',
		minute: 24
	},
	{
		text: 'Severity declared quickly, but nobody thought of the board risk committee. Plan section 2.3 lists them at SEV1.',
		injectId: 'encryption-starts',
		objectiveId: 'obj-notify',
		minute: 42
	}
];

const retestObservations: DemoObservation[] = [
	{
		text: 'IT opened the out-of-band kit from the runbook link without prompting; Signal bridge up in two minutes.',
		injectId: 'vpn-foothold',
		objectiveId: 'obj-contain',
		minute: 22
	},
	{
		text: 'Board risk committee called at SEV1 from the new call-out checklist.',
		injectId: 'encryption-starts',
		objectiveId: 'obj-notify',
		minute: 41
	}
];

async function seedSoloAttempt(
	trx: Transaction<Database>,
	people: DemoDrillPeople,
	t0: Date
): Promise<string> {
	const tara = actorOf(people.trainee);
	const { drillId } = await startPractice(
		trx,
		tara,
		{ scenarioId: 'phishing-mailbox-takeover' },
		t0
	);
	const scenario = await scenarioOf(trx, drillId);
	const plan = await drillPlan(
		trx,
		(
			await trx
				.selectFrom('drills')
				.select('plan_version_id')
				.where('id', '=', drillId)
				.executeTakeFirstOrThrow()
		).plan_version_id
	);
	const prompts = new Map(scenario.injects.flatMap((i) => i.prompts).map((p) => [p.id, p]));
	let real = t0.getTime();
	for (let step = 0; step < 60; step++) {
		real += 2 * MINUTE;
		const state = await participantState(trx, drillId, tara.id, new Date(real));
		if (state.status !== 'running') return drillId;
		const open = state.feed.flatMap((f) => f.prompts).find((p) => p.canAnswer && !p.answer);
		if (open)
			await submitAnswer(
				trx,
				tara,
				drillId,
				open.id,
				demoAnswer(prompts.get(open.id)!, plan.content.matrix),
				new Date(real)
			);
		else await continueSolo(trx, tara, drillId, new Date(real));
	}
	throw new Error('The demo solo attempt did not finish.');
}
