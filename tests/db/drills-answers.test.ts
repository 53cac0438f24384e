import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { acknowledge, closePrompt, submitAnswer } from '../../src/lib/server/drills/answers';
import { addAdhoc, releaseNow } from '../../src/lib/server/drills/facilitator';
import { gradeFreeText, overrideRating, overrideScore } from '../../src/lib/server/drills/grading';
import { end, setSpeed, start } from '../../src/lib/server/drills/lifecycle';
import { releaseDue } from '../../src/lib/server/drills/release';
import { drillResults } from '../../src/lib/server/drills/results';
import { resultsToCsv } from '../../src/lib/server/drills/results-csv';
import {
	ConflictError,
	ForbiddenError,
	InvalidInputError,
	NotFoundError
} from '../../src/lib/server/errors';
import { actor, at, drillWorld, ransomwareDrill, T0, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// Answers and their scores: every prompt type scored as scenarios/README.md says, the
// notification answer against the plan's matrix with its deadlines, grades and overrides,
// and bad input refused with nothing changed.

let h: DatabaseHandle;
let w: World;
beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
});
afterAll(() => h.close());

const lead = () => actor(w.lead);
const answer = (
	id: string,
	who: World['tara'],
	promptId: unknown,
	body: unknown,
	minutes: number
) => tx(h.db, (trx) => submitAnswer(trx, actor(who), id, promptId, body, at(minutes)));
const release = (id: string, injectId: string, minutes: number) =>
	tx(h.db, (trx) => releaseNow(trx, lead(), id, injectId, at(minutes)));
const due = (id: string, minutes: number) => tx(h.db, (trx) => releaseDue(trx, id, at(minutes)));
const score = async (id: string, promptId: string) =>
	(await drillResults(h.db, id, at(200))).prompts.find((p) => p.promptId === promptId)!;

const SEV1_REQUIRED = [
	'soc-on-call',
	'incident-commander',
	'ciso',
	'ceo-exec',
	'board-risk',
	'general-counsel',
	'dpo',
	'it-operations',
	'communications-lead',
	'ico',
	'irish-dpc',
	'law-enforcement',
	'cyber-insurer'
];

describe('bad input changes nothing', () => {
	let id: string;
	const counts = async () => ({
		answers: (
			await h.db.selectFrom('drill_answers').select('id').where('drill_id', '=', id).execute()
		).length,
		events: (
			await h.db.selectFrom('drill_events').select('seq').where('drill_id', '=', id).execute()
		).length,
		audit: (await h.db.selectFrom('audit_log').select('seq').execute()).length
	});
	beforeAll(async () => {
		id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
	});

	const refusals: [string, () => Promise<unknown>, unknown, RegExp][] = [
		[
			'an unreleased prompt',
			() => answer(id, w.sam, 'q-backup', { option: 'backup-now' }, 1),
			ConflictError,
			/not been released/
		],
		[
			'a prompt that does not exist',
			() => answer(id, w.tara, 'q-nope', { option: 'x' }, 1),
			ConflictError,
			/not been released/
		],
		[
			'a prompt of another role',
			() => answer(id, w.sam, 'q-first-action', { option: 'monitor' }, 1),
			ForbiddenError,
			/for soc-analyst, ic/
		],
		[
			'an unknown option id',
			() => answer(id, w.tara, 'q-first-action', { option: 'panic' }, 1),
			InvalidInputError,
			/`panic` is not an option/
		],
		[
			'a malformed body',
			() => answer(id, w.tara, 'q-first-action', 'contain-host', 1),
			InvalidInputError,
			/looks like \{"option"/
		],
		[
			'an unknown field',
			() => answer(id, w.tara, 'q-first-action', { option: 'monitor', why: 1 }, 1),
			InvalidInputError,
			/unknown field `why`/
		],
		[
			'no prompt id',
			() => answer(id, w.tara, undefined, { option: 'monitor' }, 1),
			InvalidInputError,
			/which prompt/
		],
		[
			'an observer (auditor)',
			() => answer(id, w.auditor, 'q-first-action', { option: 'monitor' }, 1),
			ForbiddenError,
			/Only participants/
		],
		[
			'someone not in the drill',
			() => answer(id, w.other, 'q-first-action', { option: 'monitor' }, 1),
			NotFoundError,
			/No such drill/
		],
		[
			'a closed prompt (time limit passed)',
			() => answer(id, w.tara, 'q-first-action', { option: 'monitor' }, 5),
			ConflictError,
			/time limit has passed/
		],
		[
			'a second start',
			() => tx(h.db, (trx) => start(trx, lead(), id, at(1))),
			ConflictError,
			/already started/
		],
		[
			'a speed outside the list',
			() => tx(h.db, (trx) => setSpeed(trx, lead(), id, 3, at(1))),
			InvalidInputError,
			/1×, 2×, 5×, 10×, 30×, 60×/
		],
		[
			'a participant starting it',
			() => tx(h.db, (trx) => start(trx, actor(w.tara), id, at(1))),
			ForbiddenError,
			/Only a facilitator/
		]
	];
	for (const [what, run, type, message] of refusals)
		it(`refuses ${what}`, async () => {
			const before = await counts();
			const error = await run().catch((e: unknown) => e);
			expect(error).toBeInstanceOf(type);
			expect((error as Error).message).toMatch(message);
			expect(await counts()).toEqual(before);
		});

	it('names the field of a bad notification answer', async () => {
		await release(id, 'encryption-starts', 2);
		const bad = [
			[{ severity: 'SEV9', notified: [] }, 'answer.severity', /not a severity of the plan/],
			[{ severity: 'SEV1', notified: ['the-press'] }, 'answer.notified', /not a stakeholder/],
			[{ severity: 'SEV1', notified: ['ciso', 'ciso'] }, 'answer.notified', /listed twice/],
			[{ severity: 'SEV1' }, 'answer.notified', /list of ids/]
		] as const;
		for (const [body, field, message] of bad) {
			const error = (await answer(id, w.tara, 'q-declare', body, 3).catch(
				(e: unknown) => e
			)) as InvalidInputError;
			expect(error).toBeInstanceOf(InvalidInputError);
			expect(error.field).toBe(field);
			expect(error.message).toMatch(message);
		}
	});
});

describe('scoring every prompt type', () => {
	let id: string;
	beforeAll(async () => {
		id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
	});

	it('scores a single choice, keeping every submission and counting the last', async () => {
		await answer(id, w.tara, 'q-first-action', { option: 'monitor' }, 1);
		await answer(id, w.tara, 'q-first-action', { option: 'contain-host' }, 2);
		const s = await score(id, 'q-first-action');
		expect([s.points, s.max, s.status, s.submissions.length]).toEqual([15, 15, 'scored', 2]);
		expect(s.choices?.find((c) => c.id === 'contain-host')).toMatchObject({
			picked: true,
			right: true
		});
	});

	it('scores a multiple choice right minus wrong', async () => {
		await due(id, 15);
		await answer(
			id,
			w.tara,
			'q-identity-contain',
			{ options: ['kill-vpn', 'reset-da', 'collect-task', 'krbtgt-now'] },
			16
		);
		// 3 × 5 earned, krbtgt-now costs 20 ÷ 4 correct options = 5.
		expect((await score(id, 'q-identity-contain')).points).toBe(10);
	});

	it('scores a checklist, an unexpected item costing its points', async () => {
		await release(id, 'data-scoped', 17);
		await answer(
			id,
			w.sam,
			'q-regulatory',
			{ items: ['ico', 'dora', 'police', 'acquirer-adc'] },
			18
		);
		expect((await score(id, 'q-regulatory')).points).toBe(13);
	});

	it('scores a notification answer against the matrix, point by point', async () => {
		await due(id, 35);
		await answer(id, w.tara, 'q-declare', { severity: 'SEV1', notified: SEV1_REQUIRED }, 40);
		const full = await score(id, 'q-declare');
		expect(full.points).toBe(20);
		const notified = full.notification!.lines.map((l) => [l.key, l.verdict, l.onTime]);
		expect(notified).toEqual(SEV1_REQUIRED.map((k) => [k, 'notified', true]));
		const ico = full.notification!.lines.find((l) => l.key === 'ico')!;
		expect(ico.stages[0]).toMatchObject({
			name: 'Breach report',
			words: 'Breach report within 72h of awareness',
			dueMs: 72 * 3_600_000,
			deadlines: [{ within: { amount: 72, unit: 'hours' }, anchor: 'awareness', anchorMs: 0 }]
		});
		expect(ico.because).toEqual(['personal data affected, and affects the United Kingdom']);

		// One level too low, one stakeholder missing, the press told without need.
		const lessOne = SEV1_REQUIRED.filter((k) => k !== 'board-risk');
		await answer(
			id,
			w.tara,
			'q-declare',
			{ severity: 'SEV2', notified: [...lessOne, 'media'] },
			41
		);
		const b = (await score(id, 'q-declare')).notification!;
		expect(b.severityVerdict).toBe('wrong');
		expect([b.severity.points, b.stakeholders.points, b.timeliness.points, b.total]).toEqual([
			0, 8.46, 3.69, 12.15
		]);
		expect(b.lines.find((l) => l.key === 'board-risk')?.verdict).toBe('missing');
		expect(b.lines.find((l) => l.key === 'media')).toMatchObject({
			verdict: 'over-notified',
			required: false
		});
	});

	it('counts deadlines from their anchors in scenario time: late after the first stage is due', async () => {
		const { injectId } = await tx(h.db, (trx) =>
			addAdhoc(
				trx,
				lead(),
				id,
				{
					title: 'Processor letter',
					channel: 'email',
					from: 'Processor',
					body: 'We noticed 71 hours ago.',
					to: ['dpo'],
					prompt: {
						type: 'notification',
						question: 'Who now?',
						points: 10,
						objective: 'obj-notify',
						expectedSeverity: 'SEV2',
						facts: ['personal-data', 'country-gb'],
						clock: { awareness: '-PT71H' }
					}
				},
				at(42)
			)
		);
		await answer(id, w.sam, `${injectId}-q`, { severity: 'SEV2', notified: ['ico', 'dpo'] }, 70);
		const b = (await score(id, `${injectId}-q`)).notification!;
		const ico = b.lines.find((l) => l.key === 'ico')!;
		expect(ico.stages[0].dueMs).toBe(60 * 60_000);
		expect(ico.onTime).toBe(false);
		expect(ico.marginMs).toBe(-10 * 60_000);
		const clocks = (await drillResults(h.db, id, at(70))).responseClocks.notifications;
		expect(clocks.find((c) => c.promptId === `${injectId}-q` && c.key === 'ico')).toMatchObject({
			dueMs: 3_600_000,
			answeredMs: 70 * 60_000,
			onTime: false
		});
	});

	it('grades free text by a rubric level, again after the answer changes, and keeps overrides with a reason', async () => {
		await release(id, 'ransom-note', 75);
		await answer(
			id,
			w.tara,
			'q-ransom-brief',
			{ text: 'Do not pay yet; counsel, insurer, sanctions.' },
			76
		);
		expect(await score(id, 'q-ransom-brief')).toMatchObject({
			status: 'awaiting-grade',
			points: null
		});
		await tx(h.db, (trx) =>
			gradeFreeText(
				trx,
				lead(),
				id,
				{ promptId: 'q-ransom-brief', level: 'Adequate', comment: 'Misses the leak.' },
				at(77)
			)
		);
		expect(await score(id, 'q-ransom-brief')).toMatchObject({ status: 'scored', points: 12 });
		await answer(
			id,
			w.tara,
			'q-ransom-brief',
			{ text: 'Decryption and the leak are separate questions…' },
			78
		);
		expect((await score(id, 'q-ransom-brief')).status).toBe('awaiting-grade');
		await tx(h.db, (trx) =>
			gradeFreeText(trx, lead(), id, { promptId: 'q-ransom-brief', level: 'Strong' }, at(79))
		);
		expect((await score(id, 'q-ransom-brief')).points).toBe(20);
		await expect(
			tx(h.db, (trx) =>
				overrideScore(
					trx,
					lead(),
					id,
					{ promptId: 'q-ransom-brief', points: 18, reason: '' },
					at(80)
				)
			)
		).rejects.toThrow(/Say why/);
		await expect(
			tx(h.db, (trx) =>
				overrideScore(
					trx,
					lead(),
					id,
					{ promptId: 'q-ransom-brief', points: 21, reason: 'x' },
					at(80)
				)
			)
		).rejects.toThrow(/from 0 to 20/);
		await tx(h.db, (trx) =>
			overrideScore(
				trx,
				lead(),
				id,
				{ promptId: 'q-ransom-brief', points: 18, reason: 'Said it aloud only.' },
				at(80)
			)
		);
		expect(await score(id, 'q-ransom-brief')).toMatchObject({
			points: 18,
			computed: 20,
			override: { reason: 'Said it aloud only.' }
		});
	});

	it('closes a prompt on the facilitator’s word and scores what is unanswered as 0', async () => {
		await release(id, 'insurer-call', 81);
		await tx(h.db, (trx) => closePrompt(trx, lead(), id, 'q-insurer', at(82)));
		await expect(answer(id, w.tara, 'q-insurer', { option: 'minimise' }, 83)).rejects.toThrow(
			/closed/
		);
		expect(await score(id, 'q-insurer')).toMatchObject({ status: 'unanswered', points: 0 });
	});

	it('rates objectives by share, honours an override, rolls up per capability, and explains in the export', async () => {
		await tx(h.db, (trx) => acknowledge(trx, actor(w.tara), id, 'rclone-alert', at(0.5)));
		await tx(h.db, (trx) =>
			overrideRating(
				trx,
				lead(),
				id,
				{ objectiveId: 'obj-contain', rating: 'S', reason: 'Slow on the VPN.' },
				at(85)
			)
		);
		await tx(h.db, (trx) => end(trx, lead(), id, at(90)));
		const r = await drillResults(h.db, id, at(90));
		const contain = r.objectives.find((o) => o.objectiveId === 'obj-contain')!;
		// q-first-action 15/15 and q-identity-contain 10/20 asked; q-backup never released.
		expect([contain.points, contain.max, contain.share, contain.computed, contain.rating]).toEqual([
			25,
			35,
			0.7143,
			'S',
			'S'
		]);
		const extortion = r.objectives.find((o) => o.objectiveId === 'obj-extortion')!;
		// Brief 18/20 (overridden), contact unanswered 0/15, insurer 0/10: 18/45 = 0.4 → M.
		expect([extortion.points, extortion.max, extortion.rating]).toEqual([18, 45, 'M']);
		expect(r.capabilities.find((c) => c.capability === 'containment')?.rating).toBe('S');
		expect(r.responseClocks.injects[0].firstAck).toMatchObject({
			name: w.tara.display_name,
			afterMs: 30_000
		});
		const csv = resultsToCsv(r);
		expect(csv).toContain(
			'prompt,q-ransom-brief,ransom-note,obj-extortion,free-text,scored,18,20,20,Said it aloud only.'
		);
		expect(csv).toContain('objective,obj-contain,,containment,,S,25,35');
	});
});
