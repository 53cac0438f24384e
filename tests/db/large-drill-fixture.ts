import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { expectedStakeholders } from '../../src/lib/plans/notification-expectation';
import type { Inject, Prompt, Scenario } from '../../src/lib/scenarios/schema';
import { systemActor } from '../../src/lib/server/audit/log';
import type { Database, User } from '../../src/lib/server/db/schema';
import { acknowledge, submitAnswer } from '../../src/lib/server/drills/answers';
import { createDrill } from '../../src/lib/server/drills/create';
import { gradeFreeText, overrideRating } from '../../src/lib/server/drills/grading';
import { end, start } from '../../src/lib/server/drills/lifecycle';
import { drillPlan } from '../../src/lib/server/drills/load';
import { offsetMs } from '../../src/lib/server/drills/msel';
import { addObservation } from '../../src/lib/server/drills/observations';
import { releaseDue } from '../../src/lib/server/drills/release';
import { changeStatus, createAction } from '../../src/lib/server/lessons/actions';
import { createFinding } from '../../src/lib/server/lessons/findings';
import { answerHotWash, writeSummary } from '../../src/lib/server/lessons/hot-wash';
import { saveCustomScenario } from '../../src/lib/server/scenarios/custom';
import { builtInLibrary } from '../../src/lib/server/scenarios/library';
import { seedDemoPlan } from '../../src/lib/server/setup/demo-plans';
import * as users from '../../src/lib/server/users/users';
import { actor } from './drills-fixtures';

// A large ended team drill, made through the domain functions as a real run would leave it:
// a custom scenario of `injects` injects (the built-in ransomware scenario's roles,
// objectives and plan sections, one prompt per inject of every type), `participants` named
// people (Łukasz, Søren, Zoë among them), acknowledgements and answers with a few slips,
// graded free text, a rating override, observations, a hot wash, findings and corrective
// actions in every status. Needs only a database handle: the reports tests and
// `npm run bench:reports` share it. Uses the approved IR plan in force, or seeds the demo one.

export type LargeDrill = {
	drillId: string;
	title: string;
	scenarioId: string;
	/** Everybody in the drill by display name: facilitators first. */
	names: string[];
	injectTitles: string[];
};

const T0 = new Date('2026-03-12T09:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const date = (d: Date) => d.toISOString().slice(0, 10);

const FIRST = [
	'Łukasz',
	'Søren',
	'Zoë',
	'Amara',
	'Björn',
	'Chiara',
	'Dmitri',
	'Élodie',
	'Farah',
	'Grzegorz',
	'Hannah',
	'Ingrid',
	'José',
	'Kenji',
	'Leilani',
	'Mateo',
	'Niamh',
	'Oluwaseun',
	'Priya',
	'Quentin',
	'Rosalía',
	'Siobhan',
	'Tomasz',
	'Ulrike',
	'Văn'
];
const LAST = [
	'Nowak',
	'Kierkegaard',
	'Martin',
	'Okafor',
	'Lindqvist',
	'Russo',
	'Volkov',
	'Lefèvre',
	'Haddad',
	'Brzęczyszczykiewicz',
	'Schmidt',
	'Halvorsen',
	'Núñez',
	'Tanaka',
	'Kahale',
	'García',
	'Ó Súilleabháin',
	'Adeyemi',
	'Shah',
	'Dubois',
	'Peña',
	'Walsh',
	'Wiśniewski',
	'Groß',
	'Nguyễn'
];

/** Distinct names: first and last names paired off, the special ones first. */
const personName = (i: number) =>
	`${FIRST[i % FIRST.length]} ${LAST[(i + Math.floor(i / FIRST.length) * 7) % LAST.length]}`;

const EVENTS = [
	'EDR quarantines a dropper',
	'SIEM flags impossible travel',
	'Service desk reports locked accounts',
	'Firewall sees beaconing',
	'Backup job fails',
	'Journalist asks for comment',
	'Insurer asks for an update',
	'Domain controller logs a new admin',
	'Customer portal slows down',
	'Threat intel names the affiliate',
	'Payroll share shows mass renames',
	'Regulator hotline calls back'
];
const CHANNELS: Inject['channel'][] = ['siem-alert', 'email', 'phone-call', 'chat', 'ticket'];

function buildScenario(id: string, injects: number): Scenario {
	const base = builtInLibrary().find((e) => e.id === 'ransomware-double-extortion')?.scenario;
	if (!base) throw new Error('The built-in ransomware scenario is missing');
	const declare = base.injects
		.flatMap((i) => i.prompts)
		.find((p): p is Extract<Prompt, { type: 'notification' }> => p.type === 'notification');
	if (!declare) throw new Error('The ransomware scenario has no notification prompt');
	const roles = base.roles.map((r) => r.id);
	const objectives = base.objectives.map((o) => o.id);
	const list: Inject[] = Array.from({ length: injects }, (_, i) => {
		const objective = objectives[i % objectives.length];
		const promptId = `q-${i + 1}`;
		let prompt: Prompt;
		if (i % 10 === 4) prompt = { ...declare, id: promptId, objective, timeLimit: 'PT10M' };
		else if (i % 7 === 3)
			prompt = {
				id: promptId,
				type: 'free-text',
				question: `Brief the incident commander on update ${i + 1}: what do you know, what do you need, what do you recommend?`,
				points: 10,
				objective,
				rubric: [
					{ level: 'Weak', points: 2, description: 'Facts and guesses mixed; no recommendation.' },
					{ level: 'Adequate', points: 6, description: 'Facts, gaps and a recommendation.' },
					{
						level: 'Strong',
						points: 10,
						description: 'Concise, sourced, with a decision asked for.'
					}
				]
			};
		else
			prompt = {
				id: promptId,
				type: i % 4 === 1 ? 'multiple-choice' : 'single-choice',
				question: `Update ${i + 1}: which action do you take first?`,
				points: 10,
				objective,
				timeLimit: 'PT10M',
				options: [
					{ id: 'isolate', text: 'Isolate the affected host and preserve memory', correct: true },
					{ id: 'escalate', text: 'Escalate to the incident commander', correct: i % 4 === 1 },
					{ id: 'wait', text: 'Wait for more alerts before acting', correct: false }
				]
			};
		return {
			id: `inject-${i + 1}`,
			at: `PT${3 * i}M`,
			title: `Update ${i + 1}: ${EVENTS[i % EVENTS.length]} (site ${Math.floor(i / EVENTS.length) + 1})`,
			channel: CHANNELS[i % CHANNELS.length],
			from: i % 3 ? 'SOC monitoring' : 'Marek Nowak, infrastructure lead',
			body: `Update ${i + 1} of the exercise. ${EVENTS[i % EVENTS.length]}; the team decides what to do next.`,
			artefacts: [],
			to: [roles[i % roles.length], roles[(i + 1) % roles.length]],
			variants: [],
			facilitatorNotes: '',
			questions: [],
			prompts: [prompt]
		};
	});
	return {
		...base,
		id,
		version: 1,
		title: `Large ransomware exercise (${injects} injects)`,
		summary: `${base.summary} This long version runs ${injects} injects to test the reports at scale.`,
		duration: `PT${Math.ceil((3 * injects + 30) / 60)}H`,
		solo: false,
		injects: list
	};
}

async function namedUser(trx: Transaction<Database>, name: string, role: User['role']) {
	return users.create(trx, systemActor('large drill fixture'), {
		email: `${name
			.normalize('NFD')
			.replace(/[^a-z]/gi, '')
			.toLowerCase()}.${randomUUID().slice(0, 8)}@large.example`,
		displayName: name,
		role,
		// No password: hashing fifty would cost seconds, and nobody logs in.
		password: null
	});
}

async function approvedPlanInForce(trx: Transaction<Database>) {
	return trx
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select('v.id')
		.where('v.status', '=', 'approved')
		.where('p.kind', '=', 'ir-plan')
		.executeTakeFirst();
}

export async function createLargeEndedDrill(
	db: Kysely<Database>,
	options: { injects?: number; participants?: number } = {}
): Promise<LargeDrill> {
	const injectCount = options.injects ?? 60;
	const participantCount = options.participants ?? 50;
	return db.transaction().execute(async (trx) => {
		const lead = await namedUser(trx, 'Søren Kierkegaard', 'lead');
		const cofacilitator = await namedUser(trx, 'Zoë Martin', 'lead');
		const admin = await namedUser(trx, 'Ingrid Halvorsen', 'admin');
		if (!(await approvedPlanInForce(trx)))
			await seedDemoPlan(trx, { authorId: lead.id, approverId: admin.id });
		const people: User[] = [];
		for (let i = 0; i < participantCount; i++)
			people.push(await namedUser(trx, personName(i), 'trainee'));

		const suffix = randomUUID().slice(0, 8);
		const scenario = buildScenario(`large-ransomware-${suffix}`, injectCount);
		const saved = await saveCustomScenario(trx, actor(lead), JSON.stringify(scenario, null, 1));
		if (!saved.saved)
			throw new Error(`The large scenario is invalid: ${JSON.stringify(saved.result.errors)}`);
		const roles = scenario.roles.map((r) => r.id);
		// Every role held by several people; some hold two.
		const rolesOf = (i: number) =>
			i % 3 === 0
				? [roles[i % roles.length], roles[(i + 3) % roles.length]]
				: [roles[i % roles.length]];
		const title = `Large ransomware exercise ${suffix}`;
		const { drillId } = await createDrill(
			trx,
			actor(lead),
			{
				scenarioId: scenario.id,
				mode: 'live',
				title,
				facilitators: [cofacilitator.id],
				participants: people.map((p, i) => ({ userId: p.id, roles: rolesOf(i) }))
			},
			at(-3 * DAY)
		);
		const planVersion = await trx
			.selectFrom('drills')
			.select('plan_version_id')
			.where('id', '=', drillId)
			.executeTakeFirstOrThrow();
		const matrix = (await drillPlan(trx, planVersion.plan_version_id)).content.matrix;
		const holders = (role: string) => people.filter((_, i) => rolesOf(i).includes(role));

		await start(trx, actor(lead), drillId, at(0));
		let last = 0;
		for (const [i, inject] of scenario.injects.entries()) {
			const offset = offsetMs(inject);
			last = offset;
			const out = await releaseDue(trx, drillId, at(offset));
			if (!out.released.includes(inject.id)) continue;
			const team = holders(inject.to[0]);
			const who = actor(team[i % team.length]);
			await acknowledge(trx, who, drillId, inject.id, at(offset + (20 + (i % 5) * 15) * 1000));
			for (const prompt of inject.prompts) {
				const slip = i % 6 === 5;
				await submitAnswer(
					trx,
					who,
					drillId,
					prompt.id,
					answerFor(prompt, matrix, slip, i),
					at(offset + (60 + (i % 4) * 30) * 1000)
				);
			}
		}
		const objectives = scenario.objectives;
		const observations: string[] = [];
		for (let k = 0; k < 12; k++) {
			const inject = scenario.injects[(k * 5) % scenario.injects.length];
			const made = await addObservation(
				trx,
				actor(lead),
				drillId,
				{
					text: `${inject.title}: ${k % 2 ? 'the team hesitated before isolating the host; the runbook step was not found at once.' : 'quick, well-coordinated response; the IC summarised the decision for the scribe.'}`,
					injectId: inject.id,
					objectiveId: objectives[k % objectives.length].id
				},
				at(offsetMs(inject) + 150_000)
			);
			observations.push(made.observationId);
		}
		const endedAt = at(last + 10 * MINUTE);
		await end(trx, actor(lead), drillId, endedAt);
		const after = (ms: number) => new Date(endedAt.getTime() + ms);
		for (const [n, prompt] of scenario.injects.flatMap((x) => x.prompts).entries())
			if (prompt.type === 'free-text')
				await gradeFreeText(
					trx,
					actor(lead),
					drillId,
					{
						promptId: prompt.id,
						level: ['Adequate', 'Strong', 'Weak'][n % 3],
						comment: 'Graded after the exercise.'
					},
					after(5 * MINUTE + n * 1000)
				);
		await overrideRating(
			trx,
			actor(lead),
			drillId,
			{
				objectiveId: objectives[2].id,
				rating: 'S',
				reason: 'Two regulators were told late: some challenges, not major ones.'
			},
			after(30 * MINUTE)
		);

		for (const [k, p] of people.slice(0, 12).entries())
			await answerHotWash(
				trx,
				actor(p),
				drillId,
				{
					wentWell: `Clear hand-offs between the SOC and IT (${p.display_name}).`,
					wentBadly:
						k % 2
							? 'We lost time finding the out-of-band contacts.'
							: 'Too many people on the bridge.',
					oneChange: 'Keep a one-page call-out list next to the runbook.'
				},
				after(HOUR + k * MINUTE)
			);
		await writeSummary(
			trx,
			actor(lead),
			drillId,
			'Strong detection and containment at scale; notification of regulators and the out-of-band channel need work.',
			after(2 * HOUR)
		);

		const day1 = after(DAY);
		const findingIds: string[] = [];
		for (let k = 0; k < 10; k++) {
			const strength = k % 3 === 0;
			const f = await createFinding(
				trx,
				actor(lead),
				{
					kind: strength ? 'strength' : 'area_for_improvement',
					source: { drillId },
					observationId: k < observations.length ? observations[k] : undefined,
					objectiveId: objectives[k % objectives.length].id,
					title: strength
						? `Finding ${k + 1}: containment runbook followed under pressure`
						: `Finding ${k + 1}: call-out steps not found quickly enough`,
					observation: `Observed during update ${k * 5 + 1}: ${strength ? 'the team isolated hosts within minutes.' : 'the team searched for contacts for several minutes.'}`,
					referenceSectionKey: ['containment', 'escalation', 'out-of-band'][k % 3],
					referenceText: k % 2 ? 'GDPR Art. 33; DORA Art. 19' : undefined,
					analysis: strength
						? 'The runbook is short and rehearsed.'
						: 'The contact list lives in a wiki page the on-call staff do not bookmark.',
					recommendation: strength ? 'Keep it.' : 'Link the contact list from the runbook.'
				},
				day1
			);
			findingIds.push(f.id);
		}
		const statuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
		for (let k = 0; k < 14; k++) {
			const owner = people[(k * 7) % people.length];
			const a = await createAction(
				trx,
				actor(lead),
				findingIds[[1, 2, 4, 5, 7, 8][k % 6]],
				{
					action: `Corrective action ${k + 1}: ${['update the call-out list', 'train the on-call rota', 'buy out-of-band phones', 'rehearse the regulator notification'][k % 4]}.`,
					element: ['planning', 'training', 'equipment', 'exercise', 'organisation'][k % 5],
					organisation: ['Security Operations', 'IT Operations', 'Legal', 'Communications'][k % 4],
					ownerId: owner.id,
					startDate: date(day1),
					dueDate: date(new Date(day1.getTime() + (14 + k * 3) * DAY))
				},
				day1
			);
			const to = statuses[k % statuses.length];
			if (to === 'in_progress' || to === 'done')
				await changeStatus(trx, actor(owner), a.id, 'in_progress', {}, after(2 * DAY));
			if (to === 'done') await changeStatus(trx, actor(owner), a.id, 'done', {}, after(5 * DAY));
			if (to === 'cancelled')
				await changeStatus(
					trx,
					actor(lead),
					a.id,
					'cancelled',
					{ reason: 'Covered by another action.' },
					after(3 * DAY)
				);
		}
		return {
			drillId,
			title,
			scenarioId: scenario.id,
			names: [lead, cofacilitator, ...people].map((u) => u.display_name),
			injectTitles: scenario.injects.map((x) => x.title)
		};
	});
}

const HOUR = 60 * MINUTE;

/** The expected answer, or a plausible slip. */
function answerFor(
	prompt: Prompt,
	matrix: Parameters<typeof expectedStakeholders>[0],
	slip: boolean,
	i: number
): unknown {
	switch (prompt.type) {
		case 'single-choice':
			return { option: slip ? 'wait' : prompt.options.find((o) => o.correct)!.id };
		case 'multiple-choice':
			return {
				options: slip ? ['isolate'] : prompt.options.filter((o) => o.correct).map((o) => o.id)
			};
		case 'checklist':
			return { items: prompt.items.filter((x) => x.expected).map((x) => x.id) };
		case 'free-text':
			return {
				text: `Update ${i + 1}: scope confirmed on two hosts, no sign of spread to the backups. Need the firewall logs from the last 24 hours. Recommend isolating the segment now and briefing legal.`
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
			return {
				severity: prompt.expectedSeverity,
				notified: slip || i % 20 === 14 ? expected.slice(0, -1) : expected
			};
		}
	}
}
