import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillView } from '../../src/lib/server/access/visibility';
import { verifyChain } from '../../src/lib/server/audit/verify';
import { readConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { submitAnswer } from '../../src/lib/server/drills/answers';
import { startPractice } from '../../src/lib/server/drills/create';
import { listEventsAfter } from '../../src/lib/server/drills/events';
import { end, pause, resume, setSpeed, start } from '../../src/lib/server/drills/lifecycle';
import { listDrills, practiceAttempts } from '../../src/lib/server/drills/list';
import { drillAccess } from '../../src/lib/server/drills/membership';
import { releaseDue } from '../../src/lib/server/drills/release';
import { drillResults } from '../../src/lib/server/drills/results';
import { facilitatorState, participantState } from '../../src/lib/server/drills/state';
import { NotFoundError } from '../../src/lib/server/errors';
import { bootstrap } from '../../src/lib/server/setup/bootstrap';
import { actor, at, drillWorld, ransomwareDrill, T0, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// Who sees which drill, and what a participant's browser may hold.

let h: DatabaseHandle;
let w: World;
let live: string;
let solo: string;
beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
	live = await ransomwareDrill(h.db, w);
	const lead = actor(w.lead);
	await tx(h.db, (trx) => start(trx, lead, live, T0));
	await tx(h.db, (trx) => setSpeed(trx, lead, live, 2, at(1)));
	await tx(h.db, (trx) => pause(trx, lead, live, at(2)));
	await tx(h.db, (trx) => resume(trx, lead, live, at(3)));
	await tx(h.db, (trx) =>
		submitAnswer(trx, actor(w.tara), live, 'q-first-action', { option: 'monitor' }, at(3.5))
	);
	// 1 + 2×(2 − 1) + 2×(3.9 − 3) = 4.8 scenario minutes: the first prompt (5 minutes) is
	// still open and vpn-foothold (15) still upcoming.
	await tx(h.db, (trx) => releaseDue(trx, live, at(3.9)));
	solo = (
		await tx(h.db, (trx) =>
			startPractice(trx, actor(w.sam), { scenarioId: 'phishing-mailbox-takeover' }, T0)
		)
	).drillId;
});
afterAll(() => h.close());

describe('which drills a user may list and open', () => {
	const listed = async (u: World['tara']) =>
		(await listDrills(h.db, drillView(u))).map((d) => d.id).sort();

	it('lists every drill for a lead, only their own for a trainee, nothing for one in none', async () => {
		expect(await listed(w.lead)).toEqual([live, solo].sort());
		expect(await listed(w.tara)).toEqual([live]);
		expect(await listed(w.sam)).toEqual([live, solo].sort());
		expect(await listed(w.other)).toEqual([]);
	});

	it('lets an auditor read ended drills and those they observe, never a running one they are not in', async () => {
		expect(await listed(w.auditor)).toEqual([live]); // an observer of the live drill
		await expect(drillAccess(h.db, w.auditor, solo)).rejects.toBeInstanceOf(NotFoundError);
		expect((await drillAccess(h.db, w.auditor, live)).as).toBe('observer');
	});

	it('keeps a trainee out of another trainee’s drill and answers', async () => {
		await expect(drillAccess(h.db, w.tara, solo)).rejects.toBeInstanceOf(NotFoundError);
		await expect(participantState(h.db, solo, w.tara.id, at(9))).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(drillAccess(h.db, w.other, live)).rejects.toBeInstanceOf(NotFoundError);
		expect(await practiceAttempts(h.db, w.tara.id)).toEqual([]);
		expect((await practiceAttempts(h.db, w.sam.id)).map((a) => a.drillId)).toEqual([solo]);
	});

	it('shows a draft: the MSEL waiting, nothing released to the team', async () => {
		const draft = await ransomwareDrill(h.db, w);
		const console = await facilitatorState(h.db, draft, at(1));
		expect([
			console.status,
			console.scenarioMs,
			console.next?.injectId,
			console.next?.dueAt
		]).toEqual(['draft', 0, 'rclone-alert', null]);
		const seen = await participantState(h.db, draft, w.tara.id, at(1));
		expect([seen.status, seen.feed, seen.me.roles]).toEqual(['draft', [], ['ic', 'soc-analyst']]);
		expect(seen.matrix.find((r) => r.key === 'ico')?.deadlines.SEV1).toEqual([
			'Breach report within 72h of awareness'
		]);
	});

	it('answers "not found" for a malformed id', async () => {
		await expect(drillAccess(h.db, w.lead, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('what reaches a participant', () => {
	// Text that only a facilitator may see while the prompt is open, from the scenario file.
	const secrets = [
		'A good team recognises rclone', // facilitator notes of the released inject
		'Right. Network containment stops the transfer', // option feedback
		'Observation has its place', // feedback of the option the team picked
		'Foothold traced to a legacy VPN account', // the next inject, not yet released
		'This is the moment to treat the domain as hostile', // its notes
		'EDR: ransomware across the London estate', // a variant, and its condition below
		'contain-host", "correct',
		'"correct"',
		'scoreAtLeast',
		'expectedSeverity',
		'facilitatorNotes'
	];

	it('never holds facilitator notes, answers, feedback, conditions or upcoming injects', async () => {
		const state = await participantState(h.db, live, w.tara.id, at(3.9));
		expect(state.feed.map((f) => f.injectId)).toEqual(['rclone-alert']);
		expect(state.feed[0].prompts[0].answer?.answer).toEqual({ option: 'monitor' });
		const text = JSON.stringify(state);
		for (const secret of secrets) expect(text).not.toContain(secret);
		expect(Object.keys(state.feed[0].prompts[0].options[0]).sort()).toEqual(['id', 'text']);
	});

	it('streams participants only events for everyone, with participant payloads', async () => {
		const events = await listEventsAfter(h.db, live, 0, { userId: w.tara.id, facilitator: false });
		expect(new Set(events.map((e) => e.type))).toEqual(
			new Set(['clock', 'inject.released', 'answer'])
		);
		const text = JSON.stringify(events);
		for (const secret of secrets) expect(text).not.toContain(secret);
		const all = await listEventsAfter(h.db, live, 0, { userId: w.lead.id, facilitator: true });
		expect(all.map((e) => e.type)).toContain('inject.detail');
		expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
		const later = await listEventsAfter(
			h.db,
			live,
			all[2].seq,
			{ userId: w.lead.id, facilitator: true },
			2
		);
		expect(later.map((e) => e.seq)).toEqual([all[3].seq, all[4].seq]);
	});

	it('shows the facilitator the notes, the expectations and the branch with what the answers say', async () => {
		const state = await facilitatorState(h.db, live, at(3.9));
		const enc = state.msel.find((m) => m.injectId === 'encryption-starts')!;
		expect(enc.state).toBe('upcoming');
		expect(enc.variants[0].condition).toContain(
			'q-first-action answered monitor (answered monitor)'
		);
		expect(state.msel[0].facilitatorNotes).toContain('A good team recognises rclone');
		expect(state.scenarioMs).toBe(4.8 * 60_000);
	});

	it('writes the clock changes to the audit trail', async () => {
		const actions = (
			await h.db
				.selectFrom('audit_log')
				.select('action')
				.where('target_id', '=', live)
				.orderBy('seq')
				.execute()
		).map((a) => a.action);
		expect(actions).toEqual([
			'drill.created',
			'drill.started',
			'drill.speed_changed',
			'drill.paused',
			'drill.resumed'
		]);
		await tx(h.db, (trx) => end(trx, actor(w.lead), live, at(9)));
		const last = await h.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.orderBy('seq', 'desc')
			.executeTakeFirstOrThrow();
		expect(last.action).toBe('drill.ended');
		expect((await verifyChain(h.db)).intact).toBe(true);
		// Ended: the auditor reads it as a reader of ended drills (besides observing it).
		expect((await listDrills(h.db, drillView(w.auditor))).map((d) => d.id)).toContain(live);
	});
});

describe('demo data', () => {
	it('holds an ended live drill with grades, observations and a rating override, a solo attempt and a re-test', async () => {
		const fresh = await createTestDatabase();
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-demo-'));
		try {
			await bootstrap(fresh.db, readConfig({ HOTWASH_DATA_DIR: dataDir, HOTWASH_DEMO: '1' }));
			const drills = await fresh.db
				.selectFrom('drills')
				.select(['id', 'mode', 'status'])
				// The team drill over a window has its own test (drills-async.test.ts).
				.where('mode', '!=', 'async')
				// So do last year's drills of the demo programme (demo-programme.test.ts).
				.where('scenario_id', '!=', 'ddos-customer-portal')
				// And the demo's recurring series (programme-series.test.ts).
				.where('series_id', 'is', null)
				.orderBy('created_at')
				.execute();
			// Ordered by creation: the tabletop, the re-test (prepared four days ago, run two days
			// ago) that verifies the tabletop's corrective action, and the solo attempt.
			expect(drills.map((d) => [d.mode, d.status])).toEqual([
				['live', 'ended'],
				['live', 'ended'],
				['solo', 'ended']
			]);
			const liveResults = await drillResults(fresh.db, drills[0].id);
			expect(liveResults.people.map((p) => [p.name, p.kind])).toEqual([
				['Lee Lead', 'facilitator'],
				['Sam Analyst', 'participant'],
				['Tara Trainee', 'participant'],
				['Ari Auditor', 'observer']
			]);
			expect(liveResults.totals.awaitingGrade).toBe(0);
			expect(liveResults.prompts.find((p) => p.promptId === 'q-ransom-brief')?.grade?.level).toBe(
				'Adequate'
			);
			expect(liveResults.observations).toHaveLength(3);
			expect(
				liveResults.objectives.find((o) => o.objectiveId === 'obj-notify')?.override?.rating
			).toBe('S');
			expect(liveResults.timeline.find((t) => t.injectId === 'backups-wiped')?.state).toBe(
				'not_released'
			);
			const declare = liveResults.prompts.find((p) => p.promptId === 'q-declare')!;
			expect(declare.notification?.lines.find((l) => l.key === 'board-risk')?.verdict).toBe(
				'missing'
			);
			const trainee = await fresh.db
				.selectFrom('users')
				.select('id')
				.where('email', '=', 'trainee@hotwash.example')
				.executeTakeFirstOrThrow();
			const attempts = await practiceAttempts(fresh.db, trainee.id);
			expect(attempts).toHaveLength(1);
			expect(attempts[0].share).toBeGreaterThan(0.5);
			expect((await verifyChain(fresh.db)).intact).toBe(true);
		} finally {
			await fresh.close();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
