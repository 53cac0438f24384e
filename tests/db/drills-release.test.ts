import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { submitAnswer } from '../../src/lib/server/drills/answers';
import { startPractice } from '../../src/lib/server/drills/create';
import { addAdhoc, releaseNow, skip } from '../../src/lib/server/drills/facilitator';
import { cancel, end, pause, resume, setSpeed, start } from '../../src/lib/server/drills/lifecycle';
import { releaseDue } from '../../src/lib/server/drills/release';
import { startScheduler, tick } from '../../src/lib/server/drills/scheduler';
import { continueSolo } from '../../src/lib/server/drills/solo';
import { facilitatorState, participantState } from '../../src/lib/server/drills/state';
import { actor, at, drillWorld, ransomwareDrill, T0, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// The clock and the MSEL on a real database: what is released when, exactly once, in order,
// also when two releasers run at once and after the server was down.

let h: DatabaseHandle;
let w: World;
beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
});
afterAll(() => h.close());

const lead = () => actor(w.lead);
const injects = async (drillId: string) =>
	(
		await h.db
			.selectFrom('drill_injects')
			.select(['inject_id', 'state', 'scenario_ms', 'variant_id', 'reason'])
			.where('drill_id', '=', drillId)
			.orderBy('scenario_ms')
			.execute()
	).map((r) => ({ ...r, scenario_ms: Number(r.scenario_ms) }));
const ids = async (drillId: string) =>
	(await injects(drillId)).map((r) => `${r.inject_id}:${r.state}`);
const releaseEvents = (drillId: string) =>
	h.db
		.selectFrom('drill_events')
		.select(['seq', 'type', 'payload'])
		.where('drill_id', '=', drillId)
		.where('type', 'in', ['inject.released', 'inject.not_released'])
		.orderBy('seq')
		.execute();

const answer = (id: string, who: World['tara'], promptId: string, body: unknown, minutes: number) =>
	tx(h.db, (trx) => submitAnswer(trx, actor(who), id, promptId, body, at(minutes)));

/** Runs the drill's release for `now` (only this drill; other tests' drills keep running). */
const due = (drillId: string, now: Date) => tx(h.db, (trx) => releaseDue(trx, drillId, now));

describe('releasing injects on the clock', () => {
	it('releases the first inject at the start and the next when its offset comes', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
		expect(await ids(id)).toEqual(['rclone-alert:released']);
		await due(id, at(14.9));
		expect(await ids(id)).toEqual(['rclone-alert:released']);
		await due(id, at(15));
		expect(await ids(id)).toEqual(['rclone-alert:released', 'vpn-foothold:released']);
		await tx(h.db, (trx) => cancel(trx, lead(), id, at(16)));
	});

	it('stops the clock while paused and goes on at the new speed', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
		await tx(h.db, (trx) => pause(trx, lead(), id, at(10)));
		await due(id, at(60));
		expect(await ids(id)).toEqual(['rclone-alert:released']);
		await tx(h.db, (trx) => resume(trx, lead(), id, at(60)));
		await tx(h.db, (trx) => setSpeed(trx, lead(), id, 10, at(60)));
		// 10 scenario minutes before the pause, 5 more needed: 30 s of real time at 10×.
		await due(id, at(60.45));
		expect(await ids(id)).toEqual(['rclone-alert:released']);
		await due(id, at(60.5));
		expect(await ids(id)).toEqual(['rclone-alert:released', 'vpn-foothold:released']);
		const state = await facilitatorState(h.db, id, at(60.5));
		expect(state.scenarioMs).toBe(15 * 60_000);
		expect(state.next).toMatchObject({ injectId: 'encryption-starts', atMs: 35 * 60_000 });
		expect(state.next!.dueAt).toBe(at(62.5).toISOString());
		await tx(h.db, (trx) => end(trx, lead(), id, at(61)));
	});

	it('releases each inject exactly once when releasers race', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
		await tx(h.db, (trx) => setSpeed(trx, lead(), id, 60, T0));
		// Two app instances' ticks and direct releases, all at once, at 36 scenario minutes.
		const now = new Date(T0.getTime() + 36_000);
		await Promise.all([
			tick(h.db, now),
			tick(h.db, now),
			due(id, now),
			due(id, now),
			tick(h.db, now)
		]);
		expect(await ids(id)).toEqual([
			'rclone-alert:released',
			'vpn-foothold:released',
			'encryption-starts:released'
		]);
		const events = await releaseEvents(id);
		expect(events.map((e) => (e.payload as { injectId: string }).injectId)).toEqual([
			'rclone-alert',
			'vpn-foothold',
			'encryption-starts'
		]);
		const seqs = (
			await h.db
				.selectFrom('drill_events')
				.select('seq')
				.where('drill_id', '=', id)
				.orderBy('seq')
				.execute()
		).map((e) => e.seq);
		expect(seqs).toEqual(seqs.map((_, i) => i + 1));
		await tx(h.db, (trx) => end(trx, lead(), id, now));
	});

	it('after the server was down, releases exactly the missed injects, in order', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
		await tx(h.db, (trx) => setSpeed(trx, lead(), id, 60, T0));
		// Nothing ran for two real minutes (two scenario hours at 60×); the first tick after it:
		const back = at(2);
		await tick(h.db, back);
		expect(await ids(id)).toEqual([
			'rclone-alert:released',
			'vpn-foothold:released',
			'encryption-starts:released',
			'veeam-exposed:released',
			'backups-wiped:not_released',
			'ransom-note:released',
			'merchants-contacted:not_released',
			'press-enquiry:released',
			'data-scoped:released'
		]);
		const events = await releaseEvents(id);
		expect(events.map((e) => (e.payload as { injectId: string }).injectId)).toEqual([
			'rclone-alert',
			'vpn-foothold',
			'encryption-starts',
			'veeam-exposed',
			'backups-wiped',
			'ransom-note',
			'merchants-contacted',
			'press-enquiry',
			'data-scoped'
		]);
		// The first prompt's five minutes ran out while the server was down: closed as of then.
		const closed = await h.db
			.selectFrom('drill_prompts')
			.select(['prompt_id', 'closed_reason', 'closed_at'])
			.where('drill_id', '=', id)
			.execute();
		expect(closed).toContainEqual({
			prompt_id: 'q-first-action',
			closed_reason: 'time-limit',
			closed_at: new Date(T0.getTime() + 5000)
		});
		await tick(h.db, back);
		await tick(h.db, new Date(back.getTime() + 1000));
		expect((await ids(id)).length).toBe(9);
		await tx(h.db, (trx) => end(trx, lead(), id, back));
	});
});

describe('the scheduler', () => {
	it('ticks on its own, announces what it released, and stops cleanly', async () => {
		const id = await ransomwareDrill(h.db, w);
		// Started 20 real minutes ago at 1×: vpn-foothold (15 minutes) is overdue.
		await tx(h.db, (trx) => start(trx, lead(), id, new Date(Date.now() - 20 * 60_000)));
		const announced: [string, number][] = [];
		const stop = startScheduler(h.db, (drillId, seq) => announced.push([drillId, seq]), 20);
		for (let i = 0; i < 100 && !announced.some(([d]) => d === id); i++)
			await new Promise((r) => setTimeout(r, 20));
		await stop();
		expect(await ids(id)).toContain('vpn-foothold:released');
		const last = await h.db
			.selectFrom('drills')
			.select('next_seq')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(announced.filter(([d]) => d === id).at(-1)).toEqual([id, last.next_seq]);
		await tx(h.db, (trx) => cancel(trx, lead(), id, new Date()));
	});
});

describe('branching on the answers stored at release time', () => {
	it('chooses the variant whose condition holds, and passes over a false condition with the reason', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
		await answer(id, w.tara, 'q-first-action', { option: 'contain-host' }, 2);
		await due(id, at(15));
		await answer(
			id,
			w.tara,
			'q-identity-contain',
			{ options: ['kill-vpn', 'reset-da', 'collect-task'] },
			20
		);
		await due(id, at(50));
		await answer(id, w.sam, 'q-backup', { option: 'isolate-backups' }, 52);
		await due(id, at(65));
		const rows = await injects(id);
		expect(rows.find((r) => r.inject_id === 'encryption-starts')?.variant_id).toBe('limited');
		const wiped = rows.find((r) => r.inject_id === 'backups-wiped');
		expect(wiped?.state).toBe('not_released');
		expect(wiped?.reason).toBe(
			'condition false: any of: q-backup answered backup-now (answered isolate-backups); q-backup answered leave-online (answered isolate-backups)'
		);
		const seen = await participantState(h.db, id, w.tara.id, at(65));
		expect(seen.feed.map((f) => f.injectId)).toEqual([
			'rclone-alert',
			'vpn-foothold',
			'encryption-starts',
			'veeam-exposed'
		]);
		expect(seen.feed[2].title).toBe('EDR: attempted ransomware deployment blocked');
		await tx(h.db, (trx) => end(trx, lead(), id, at(66)));
	});

	it('follows the other branch when the team watched instead of containing', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
		await answer(id, w.tara, 'q-first-action', { option: 'monitor' }, 1);
		await due(id, at(50));
		await answer(id, w.sam, 'q-backup', { option: 'backup-now' }, 51);
		await due(id, at(65));
		const rows = await injects(id);
		expect(rows.find((r) => r.inject_id === 'encryption-starts')?.variant_id).toBe('widespread');
		expect(rows.find((r) => r.inject_id === 'backups-wiped')?.state).toBe('released');
		await tx(h.db, (trx) => end(trx, lead(), id, at(66)));
	});

	it('lets the facilitator release now, skip, and add an ad-hoc inject with a prompt', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, lead(), id, T0));
		await tx(h.db, (trx) => releaseNow(trx, lead(), id, 'ransom-note', at(1)));
		await tx(h.db, (trx) => skip(trx, lead(), id, 'vpn-foothold', at(2)));
		const { injectId } = await tx(h.db, (trx) =>
			addAdhoc(
				trx,
				lead(),
				id,
				{
					title: 'CEO on the phone',
					channel: 'phone-call',
					from: 'CEO',
					body: 'Are we paying?',
					to: ['ic'],
					prompt: {
						type: 'single-choice',
						question: 'What do you tell the CEO?',
						points: 5,
						objective: 'obj-extortion',
						options: [
							{ id: 'wait', text: 'We need counsel first', correct: true },
							{ id: 'pay', text: 'Pay now' }
						]
					}
				},
				at(3)
			)
		);
		expect(injectId).toBe('adhoc-1');
		await answer(id, w.tara, 'adhoc-1-q', { option: 'wait' }, 4);
		await due(id, at(20));
		expect(await ids(id)).toEqual([
			'rclone-alert:released',
			'ransom-note:released',
			'vpn-foothold:skipped',
			'adhoc-1:released'
		]);
		const state = await facilitatorState(h.db, id, at(20));
		const adhoc = state.msel.find((m) => m.injectId === 'adhoc-1')!;
		expect(adhoc.prompts[0].score.points).toBe(5);
		expect(state.msel.find((m) => m.injectId === 'vpn-foothold')?.reason).toBe(
			`skipped by ${w.lead.email}`
		);
		const audit = await h.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_id', '=', id)
			.orderBy('seq')
			.execute();
		expect(audit.map((a) => a.action)).toEqual([
			'drill.created',
			'drill.started',
			'drill.inject_released',
			'drill.inject_skipped',
			'drill.inject_added'
		]);
		await tx(h.db, (trx) => end(trx, lead(), id, at(21)));
	});
});

describe('solo practice', () => {
	it('jumps to the next inject when every prompt is answered, and ends after the last', async () => {
		const trainee = actor(w.tara);
		const { drillId: id } = await tx(h.db, (trx) =>
			startPractice(trx, trainee, { scenarioId: 'phishing-mailbox-takeover' }, T0)
		);
		await answer(id, w.tara, 'q-first', { option: 'revoke-all' }, 1);
		let state = await participantState(h.db, id, w.tara.id, at(1));
		expect(state.scenarioMs).toBe(10 * 60_000);
		expect(state.feed.map((f) => f.injectId)).toEqual(['reports-arrive', 'signin-logs']);
		// Answered and moved on: the first prompt is closed and shows its feedback.
		expect(state.feed[0].prompts[0].closed).toBe(true);
		expect(state.feed[0].prompts[0].options.find((o) => o.id === 'revoke-all')?.correct).toBe(true);
		await tx(h.db, (trx) => continueSolo(trx, trainee, id, at(2)));
		state = await participantState(h.db, id, w.tara.id, at(2));
		expect(state.scenarioMs).toBe(20 * 60_000);
		// Continue again: oauth-persists is passed over (the first move was right), so the jump
		// goes on to internal-spread at 35 minutes.
		await tx(h.db, (trx) => continueSolo(trx, trainee, id, at(3)));
		state = await participantState(h.db, id, w.tara.id, at(3));
		expect(state.scenarioMs).toBe(35 * 60_000);
		expect(state.feed.at(-1)?.injectId).toBe('internal-spread');
		for (let i = 0; i < 20 && state.status === 'running'; i++) {
			await tx(h.db, (trx) => continueSolo(trx, trainee, id, at(4 + i)));
			state = await participantState(h.db, id, w.tara.id, at(4 + i));
		}
		expect(state.status).toBe('ended');
	});
});
