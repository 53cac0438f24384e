import fs from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/lib/scenarios/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { listEventsAfter } from '../../src/lib/server/drills/events';
import { pause, start } from '../../src/lib/server/drills/lifecycle';
import { announce, startBus, stopBus, subscribe } from '../../src/lib/server/realtime/bus';
import { eventStream, lastEventIdFrom } from '../../src/lib/server/realtime/sse';
import { SseReader, type SseBlock } from '../../src/lib/server/realtime/sse-test-kit';
import { actor, at, drillWorld, ransomwareDrill, T0, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// A drill's stream on the real event log and the running app's bus: what a participant and
// a facilitator receive, replayed and live.

const scenario = parse(
	fs.readFileSync('scenarios/ransomware-double-extortion.yaml', 'utf8')
) as Scenario;

let h: DatabaseHandle;
let w: World;
beforeAll(async () => {
	h = await createTestDatabase();
	await startBus(h);
	w = await drillWorld(h.db);
});
afterAll(async () => {
	await stopBus();
	await h.close();
});

const streams: SseReader[] = [];
afterAll(() => Promise.all(streams.map((s) => s.cancel())));

type Viewer = { userId: string; facilitator: boolean };

/** The stream as the drill's events route answers it, on the app's bus. */
function open(drillId: string, viewer: Viewer, lastEventId?: number) {
	const url = `http://localhost/drills/${drillId}/events`;
	const request = new Request(url, {
		headers: lastEventId ? { 'last-event-id': String(lastEventId) } : undefined
	});
	const response = eventStream({
		lastEventId: lastEventIdFrom(request),
		read: (afterSeq) => listEventsAfter(h.db, drillId, afterSeq, viewer),
		stillAllowed: async () => true,
		subscribe: (listener) => subscribe(drillId, listener),
		signal: request.signal,
		shareKey: `${drillId}:${viewer.facilitator ? 'facilitators' : 'participants'}`
	});
	const stream = new SseReader(response);
	streams.push(stream);
	return stream;
}

const events = (blocks: SseBlock[]) => blocks.filter((b) => b.event).map((b) => b.event);

/** Reads blocks until `ms` passes with nothing new. */
async function drain(stream: SseReader, ms = 300): Promise<SseBlock[]> {
	const blocks: SseBlock[] = [];
	for (;;) {
		try {
			const block = await stream.next(ms);
			if (!block) return blocks;
			blocks.push(block);
		} catch {
			return blocks;
		}
	}
}

describe('a drill’s event stream', () => {
	it('replays to a participant what participants may see, and nothing meant for facilitators', async () => {
		const id = await ransomwareDrill(h.db, w);
		const { seq } = await tx(h.db, (trx) => start(trx, actor(w.lead), id, T0));
		announce(id, seq);
		const participant = await drain(open(id, { userId: w.tara.id, facilitator: false }));
		expect(events(participant)).toEqual(['clock', 'inject.released']);
		// The first inject's notes and the feedback of its open prompt stay on the server.
		const text = participant.map((b) => b.data ?? '').join('\n');
		const inject = scenario.injects[0];
		const secrets = [
			inject.facilitatorNotes,
			...inject.prompts.flatMap((p) => ('options' in p ? p.options.map((o) => o.feedback) : []))
		].filter((s): s is string => !!s);
		expect(secrets.length).toBeGreaterThan(1);
		for (const secret of secrets) expect(text).not.toContain(JSON.stringify(secret).slice(1, 40));
		expect(text).not.toMatch(/"correct"|variantId/);

		const facilitator = await drain(open(id, { userId: w.lead.id, facilitator: true }));
		expect(events(facilitator)).toEqual(['clock', 'inject.released', 'inject.detail']);
		expect(facilitator.map((b) => b.data).join('\n')).toMatch(/variantId/);
	});

	it('brings a committed and announced change to the open streams live', async () => {
		const id = await ransomwareDrill(h.db, w);
		const { seq } = await tx(h.db, (trx) => start(trx, actor(w.lead), id, T0));
		announce(id, seq);
		const participant = open(id, { userId: w.tara.id, facilitator: false });
		const replay = await drain(participant);
		const change = await tx(h.db, (trx) => pause(trx, actor(w.lead), id, at(1)));
		announce(id, change.seq);
		const [live] = await participant.until((b) => b.event === 'clock', 2000);
		expect(JSON.parse(live.data!).payload).toMatchObject({ status: 'paused' });
		expect(Number(live.id)).toBeGreaterThan(Number(replay.at(-1)!.id));
	});

	it('resumes after the Last-Event-ID a reconnecting participant sends', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, actor(w.lead), id, T0));
		const first = await drain(open(id, { userId: w.tara.id, facilitator: false }));
		const lastId = Number(first.find((b) => b.event === 'clock')!.id);
		const again = await drain(open(id, { userId: w.tara.id, facilitator: false }, lastId));
		expect(events(again)).toEqual(['inject.released']);
	});
});
