import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { submitAnswer } from '../../src/lib/server/drills/answers';
import { asyncProgress } from '../../src/lib/server/drills/async';
import { gradeFreeText } from '../../src/lib/server/drills/grading';
import { gradingQueue } from '../../src/lib/server/drills/grading-queue';
import { end, pause, setSpeed, start } from '../../src/lib/server/drills/lifecycle';
import { releaseDue } from '../../src/lib/server/drills/release';
import { getDrill } from '../../src/lib/server/drills/rows';
import { participantState } from '../../src/lib/server/drills/state';
import { ConflictError } from '../../src/lib/server/errors';
import { programmeTick, startProgrammeTick } from '../../src/lib/server/programme/tick';
import type { DrillPacing } from '../../src/lib/server/db/schema';
import { actor, at, drillWorld, ransomwareDrill, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// Team drills over a window, on a real database with an injected clock: the programme tick
// opens the window (once, also with two instances), injects come on the clock stretched over
// the window or as prompts are answered, prompts close when the window does, the drill ends
// by itself, and the lead grades the free-text answers afterwards.

let h: DatabaseHandle;
let w: World;
beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
});
afterAll(() => h.close());

const HOUR = 60;
/** The ransomware scenario (3 h) over a 30 h window: the clock runs at 3 / 27 = 1/9. */
const WINDOW_H = 30;

/** A team drill over a window opening `opensIn` minutes after T0. */
const windowDrill = (pacing: DrillPacing = 'clock', opensIn = 0, hours = WINDOW_H) =>
	ransomwareDrill(h.db, w, {
		mode: 'async',
		observers: [],
		schedule: {
			at: at(opensIn),
			timeZone: 'Europe/London',
			windowEndsAt: at(opensIn + hours * HOUR),
			pacing
		}
	});

const injectIds = async (drillId: string) =>
	(
		await h.db
			.selectFrom('drill_injects')
			.select(['inject_id', 'state'])
			.where('drill_id', '=', drillId)
			.orderBy('scenario_ms')
			.execute()
	).map((r) => `${r.inject_id}:${r.state}`);

const auditOf = (drillId: string, action: string) =>
	h.db
		.selectFrom('audit_log')
		.select(['actor_id', 'actor_label', 'detail'])
		.where('target_id', '=', drillId)
		.where('action', '=', action)
		.execute();

const answer = (id: string, who: World['tara'], promptId: string, body: unknown, minutes: number) =>
	tx(h.db, (trx) => submitAnswer(trx, actor(who), id, promptId, body, at(minutes)));

const status = async (id: string) => (await getDrill(h.db, id))!.status;

describe('opening the window', () => {
	it('starts the drill at its time as the scheduler, once, when two instances tick', async () => {
		const id = await windowDrill();
		expect((await programmeTick(h.db, at(-1))).started).not.toContain(id);
		expect(await status(id)).toBe('draft');
		const [a, b] = await Promise.all([programmeTick(h.db, at(0.1)), programmeTick(h.db, at(0.1))]);
		expect([...a.started, ...b.started].filter((s) => s === id)).toHaveLength(1);
		expect(await status(id)).toBe('running');
		expect(await injectIds(id)).toEqual(['rclone-alert:released']);
		const started = await auditOf(id, 'drill.started');
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({ actor_id: null, actor_label: 'scheduler' });
	});

	it('runs the stretched clock from the window’s opening when the tick comes late', async () => {
		const id = await windowDrill('clock', 10);
		// The server was down for 200 minutes: 190 real minutes since the opening are 21
		// scenario minutes at 1/9, so the second inject (15 min) is out at once.
		await programmeTick(h.db, at(200));
		expect(await injectIds(id)).toEqual(['rclone-alert:released', 'vpn-foothold:released']);
	});

	it('cancels a drill whose whole window passed before it could start, with the reason', async () => {
		const id = await windowDrill('clock', -3 * HOUR, 2);
		await programmeTick(h.db, at(0));
		const drill = await getDrill(h.db, id);
		expect(drill!.status).toBe('cancelled');
		expect(drill!.schedule.cancelledReason).toMatch(/window passed/);
		expect(await auditOf(id, 'drill.cancelled')).toMatchObject([{ actor_label: 'scheduler' }]);
	});

	it('never starts a scheduled live drill by itself unless set to', async () => {
		const schedule = { at: at(2 * HOUR), timeZone: 'Europe/London' };
		const manual = await ransomwareDrill(h.db, w, { schedule });
		const auto = await ransomwareDrill(h.db, w, { schedule: { ...schedule, autoStart: true } });
		await programmeTick(h.db, at(2 * HOUR + 0.05));
		expect(await status(manual)).toBe('draft');
		expect(await status(auto)).toBe('running');
		expect(await auditOf(auto, 'drill.started')).toMatchObject([{ actor_label: 'scheduler' }]);
		await tx(h.db, (trx) => end(trx, actor(w.lead), auto, at(2 * HOUR + 1)));
	});

	it('leaves a self-starting live drill the server slept through for its facilitator', async () => {
		const schedule = { at: at(-10 * HOUR), timeZone: 'UTC', autoStart: true };
		const late = await ransomwareDrill(h.db, w, { schedule });
		await programmeTick(h.db, at(0));
		expect(await status(late)).toBe('draft');
	});

	it('refuses to move a window drill’s clock by hand, naming the mode', async () => {
		const id = await windowDrill('clock', 3 * HOUR);
		const lead = actor(w.lead);
		await expect(tx(h.db, (trx) => start(trx, lead, id, at(0)))).rejects.toMatchObject({
			field: 'mode'
		});
		await programmeTick(h.db, at(3 * HOUR));
		for (const change of [
			() => tx(h.db, (trx) => pause(trx, lead, id, at(3 * HOUR + 1))),
			() => tx(h.db, (trx) => setSpeed(trx, lead, id, 10, at(3 * HOUR + 1)))
		])
			await expect(change()).rejects.toBeInstanceOf(ConflictError);
		// Ending early is the facilitator's to do.
		await tx(h.db, (trx) => end(trx, lead, id, at(3 * HOUR + 2)));
		expect(await status(id)).toBe('ended');
	});
});

describe('releasing over the window', () => {
	it('releases each inject when the stretched clock reaches it', async () => {
		const id = await windowDrill('clock', 5 * HOUR);
		await programmeTick(h.db, at(5 * HOUR));
		// 15 scenario minutes at 1/9: 135 real minutes after the opening.
		await tx(h.db, (trx) => releaseDue(trx, id, at(5 * HOUR + 134.9)));
		expect(await injectIds(id)).toEqual(['rclone-alert:released']);
		await tx(h.db, (trx) => releaseDue(trx, id, at(5 * HOUR + 135)));
		expect(await injectIds(id)).toEqual(['rclone-alert:released', 'vpn-foothold:released']);
	});

	it('keeps prompts open past their time limit: they close with the window', async () => {
		const id = await windowDrill('clock', 6 * HOUR);
		await programmeTick(h.db, at(6 * HOUR));
		// q-first-action has a 5-minute limit; 10 real hours are 67 scenario minutes.
		const later = at(16 * HOUR);
		await tx(h.db, (trx) => releaseDue(trx, id, later));
		const view = await participantState(h.db, id, w.tara.id, later);
		const first = view.feed.flatMap((f) => f.prompts).find((p) => p.id === 'q-first-action');
		expect(first!.timing).toMatchObject({ open: true, closesAtMs: null });
		await answer(id, w.tara, 'q-first-action', { option: 'contain-host' }, 16 * HOUR);
	});

	it('jumps to the next inject when every open prompt is answered, without ending', async () => {
		const id = await windowDrill('answered', 7 * HOUR);
		await programmeTick(h.db, at(7 * HOUR));
		await answer(id, w.tara, 'q-first-action', { option: 'contain-host' }, 7 * HOUR + 1);
		expect(await injectIds(id)).toEqual(['rclone-alert:released', 'vpn-foothold:released']);
		await answer(
			id,
			w.tara,
			'q-identity-contain',
			{ options: ['kill-vpn', 'reset-da'] },
			7 * HOUR + 2
		);
		expect(await injectIds(id)).toEqual([
			'rclone-alert:released',
			'vpn-foothold:released',
			'encryption-starts:released'
		]);
		// Unanswered, the stretched clock still goes on: veeam-exposed is 15 scenario minutes
		// after the jump to 35, i.e. 135 real minutes later.
		await tx(h.db, (trx) => releaseDue(trx, id, at(7 * HOUR + 2 + 135)));
		expect(await injectIds(id)).toContain('veeam-exposed:released');
		expect(await status(id)).toBe('running');
	});
});

describe('the window closing', () => {
	it('ends the drill at the window’s end, once, closing open prompts with the end', async () => {
		const id = await windowDrill('clock', 8 * HOUR);
		await programmeTick(h.db, at(8 * HOUR));
		const closesAt = at(8 * HOUR + WINDOW_H * HOUR);
		// Nobody answers after the window's end, even before the tick has ended the drill.
		await expect(
			answer(id, w.tara, 'q-first-action', { option: 'contain-host' }, 8 * HOUR + WINDOW_H * HOUR)
		).rejects.toMatchObject({ field: 'status' });
		const later = new Date(closesAt.getTime() + 1_500);
		const [a, b] = await Promise.all([programmeTick(h.db, later), programmeTick(h.db, later)]);
		expect([...a.ended, ...b.ended].filter((e) => e === id)).toHaveLength(1);
		const drill = await getDrill(h.db, id);
		expect(drill!.status).toBe('ended');
		expect(drill!.endedAt!.toISOString()).toBe(closesAt.toISOString());
		const closed = await h.db
			.selectFrom('drill_prompts')
			.select(['prompt_id', 'closed_reason'])
			.where('drill_id', '=', id)
			.execute();
		expect(closed.length).toBeGreaterThan(5);
		expect(new Set(closed.map((c) => c.closed_reason))).toEqual(new Set(['end']));
		expect(await auditOf(id, 'drill.ended')).toMatchObject([
			{ actor_label: 'scheduler', detail: { how: 'window closed' } }
		]);
		// A team drill: its hot wash opens.
		const hw = await h.db
			.selectFrom('hot_washes')
			.select('drill_id')
			.where('drill_id', '=', id)
			.executeTakeFirst();
		expect(hw).toBeTruthy();
	});

	it('takes free-text answers in the window and queues them for the lead after the end', async () => {
		const opens = 40 * HOUR;
		const id = await windowDrill('clock', opens);
		await programmeTick(h.db, at(opens));
		// ransom-note (with the free-text brief) comes at 75 scenario minutes: 675 real minutes.
		await tx(h.db, (trx) => releaseDue(trx, id, at(opens + 700)));
		await answer(
			id,
			w.tara,
			'q-ransom-brief',
			{ text: 'Legal and the board decide.' },
			opens + 701
		);
		// While the drill runs, it is not in the queue of ended drills.
		expect((await gradingQueue(h.db, w.lead.id)).map((d) => d.drillId)).not.toContain(id);

		const progress = await asyncProgress(h.db, (await getDrill(h.db, id))!);
		const tara = progress!.rows.find((r) => r.userId === w.tara.id)!;
		const column = progress!.prompts.findIndex((p) => p.id === 'q-ransom-brief');
		expect(tara.cells[column]).toBe('answered');
		const sam = progress!.rows.find((r) => r.userId === w.sam.id)!;
		// One answer stands for the team: Sam's cell says a team-mate answered it.
		expect(sam.cells[column]).toBe('team');

		await programmeTick(h.db, at(opens + WINDOW_H * HOUR));
		expect(await status(id)).toBe('ended');
		const queue = await gradingQueue(h.db, w.lead.id);
		expect(queue.find((d) => d.drillId === id)).toMatchObject({
			mode: 'async',
			items: [{ promptId: 'q-ransom-brief', answer: 'Legal and the board decide.' }]
		});
		// Someone who does not facilitate it never sees it.
		expect(await gradingQueue(h.db, w.admin.id)).toEqual([]);

		await tx(h.db, (trx) =>
			gradeFreeText(
				trx,
				actor(w.lead),
				id,
				{ promptId: 'q-ransom-brief', level: 'Adequate', comment: 'Fine.' },
				at(opens + WINDOW_H * HOUR + 60)
			)
		);
		expect((await gradingQueue(h.db, w.lead.id)).map((d) => d.drillId)).not.toContain(id);
	});
});

describe('the running tick', () => {
	it('runs its daily jobs once on the first tick of the day, and stops cleanly', async () => {
		const runs: Date[] = [];
		const stop = startProgrammeTick(h.db, () => {}, {
			intervalMs: 20,
			daily: [{ name: 'count', run: async (_db, now) => runs.push(now) }]
		});
		await new Promise((r) => setTimeout(r, 200));
		await stop();
		expect(runs).toHaveLength(1);
	});
});

describe('demo data', () => {
	it('holds a team drill over a window, open now, with the demo trainee answering', async () => {
		const fresh = await createTestDatabase();
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-demo-'));
		try {
			await bootstrap(fresh.db, readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '1' }));
			const row = await fresh.db
				.selectFrom('drills')
				.select('id')
				.where('mode', '=', 'async')
				.executeTakeFirstOrThrow();
			const drill = (await getDrill(fresh.db, row.id))!;
			expect(drill.status).toBe('running');
			const now = Date.now();
			expect(drill.schedule.scheduledAt!.getTime()).toBeLessThan(now);
			expect(drill.schedule.windowEndsAt!.getTime()).toBeGreaterThan(now + 24 * 3_600_000);
			const progress = (await asyncProgress(fresh.db, drill))!;
			expect(progress.prompts.length).toBeGreaterThan(2);
			expect(progress.rows.map((r) => [r.name, r.answered])).toEqual([
				['Sam Analyst', 1],
				['Tara Trainee', 1]
			]);
		} finally {
			await fresh.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
		// The whole demo is seeded first: slow on a busy machine.
	}, 120_000);
});
