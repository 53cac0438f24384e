import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { ConflictError } from '../errors';
import { scenarioTimeAt } from './clock';
import { endLocked, moveClock, type DrillChange } from './lifecycle';
import { loadDrillData, promptWindow, type DrillData } from './load';
import { assertRunsDrill, type DrillActor } from './membership';
import { releaseDueLocked, storeClosing } from './release';
import { lockDrill, type Drill } from './rows';

// Solo practice is self-paced: the next inject comes when the trainee has answered the
// current prompts or presses Continue, and scenario time jumps to that inject's offset (real
// elapsed time is kept too: every answer has its real moment). The last inject done ends it.

/** "Continue": close what is open and go on to the next inject. */
export async function continueSolo(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	now: Date
): Promise<DrillChange> {
	const drill = await lockDrill(trx, drillId);
	await assertRunsDrill(trx, drill, actor, 'continue');
	if (drill.mode !== 'solo')
		throw new ConflictError('Only a solo drill moves on at the trainee’s pace.', 'mode');
	if (drill.status !== 'running') throw new ConflictError('The drill is not running.', 'status');
	return advanceSolo(trx, actor, drill, now);
}

/** Jumps to the next inject that is released (conditions may pass some by), or ends the drill. */
export async function advanceSolo(
	trx: Transaction<Database>,
	actor: DrillActor,
	drill: Drill,
	now: Date,
	loaded?: DrillData
): Promise<DrillChange> {
	const data = loaded ?? (await loadDrillData(trx, drill));
	let seq = drill.lastSeq;
	const t = scenarioTimeAt(drill.clock, now);
	for (const { prompt } of data.msel.prompts) {
		const w = promptWindow(data, prompt.id, t);
		if (w.released && w.open)
			seq = (await storeClosing(trx, data, prompt.id, 'continue', now)) ?? seq;
	}
	for (;;) {
		const next = data.msel.entries.find((e) => !e.adhoc && !data.injects.has(e.inject.id));
		if (!next) return endLocked(trx, actor, drill, now, 'solo drill completed');
		seq = await moveClock(trx, drill, now, { jumpToMs: next.atMs });
		data.drill = drill;
		const out = await releaseDueLocked(trx, drill, now, data);
		seq = out.seq ?? seq;
		if (out.released.length) return { seq };
	}
}
