import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { scenarioTimeAt } from './clock';
import { decideRelease, type ReleaseDecision } from './conditions';
import { emit } from './events';
import { answerLookup, loadDrillData, promptWindow, type DrillData } from './load';
import type { MselEntry } from './msel';
import { participantInject, participantPrompt } from './participant-view';
import { lockDrill, type Drill } from './rows';

// Releasing injects. Under the drill's row lock, every scenario inject whose offset has come
// and that has no release row yet is decided in MSEL order, on the answers stored now:
// released (with its variant) or not released (with the reason). The row's primary key
// (drill, inject) makes a release happen at most once, also with two app instances; injects
// that came due while the server was down are released on the first tick after it is back.

export type ReleaseOutcome = {
	/** The last event's sequence number, to announce after commit; null when nothing happened. */
	seq: number | null;
	released: string[];
	notReleased: string[];
	closed: string[];
};

const nothing = (): ReleaseOutcome => ({ seq: null, released: [], notReleased: [], closed: [] });

/** Releases what is due for a running drill at `now`; anything else is left as it is. */
export async function releaseDue(
	trx: Transaction<Database>,
	drillId: string,
	now: Date
): Promise<ReleaseOutcome> {
	const drill = await lockDrill(trx, drillId);
	if (drill.status !== 'running') return nothing();
	return releaseDueLocked(trx, drill, now);
}

/** releaseDue for a drill the caller has locked (start, speed change, solo jump). */
export async function releaseDueLocked(
	trx: Transaction<Database>,
	drill: Drill,
	now: Date,
	loaded?: DrillData
): Promise<ReleaseOutcome> {
	const data = loaded ?? (await loadDrillData(trx, drill));
	const t = scenarioTimeAt(drill.clock, now);
	const out = nothing();
	const closing = await closeExpiredPrompts(trx, data, now);
	out.closed = closing.closed;
	out.seq = closing.seq;
	const look = answerLookup(data);
	for (const entry of data.msel.entries) {
		if (entry.adhoc || data.injects.has(entry.inject.id) || entry.atMs > t) continue;
		const decision = decideRelease(entry.inject, look);
		const seq = await recordRelease(trx, data, entry, decision, t, now);
		if (seq === null) continue;
		out.seq = seq;
		(decision.release ? out.released : out.notReleased).push(entry.inject.id);
	}
	return out;
}

/**
 * Stores one release decision and its events; null when the inject already had a row (the
 * other releaser won). `data` is kept current for the decisions that follow.
 */
export async function recordRelease(
	trx: Transaction<Database>,
	data: DrillData,
	entry: MselEntry,
	decision: ReleaseDecision,
	scenarioMs: number,
	now: Date,
	extra: { reason?: string; adhoc?: unknown } = {}
): Promise<number | null> {
	const drillId = data.drill.id;
	const injectId = entry.inject.id;
	const variantId = decision.release ? decision.variantId : null;
	const reason = extra.reason ?? (decision.release ? null : decision.reason);
	const inserted = await trx
		.insertInto('drill_injects')
		.values({
			drill_id: drillId,
			inject_id: injectId,
			state: decision.release ? 'released' : 'not_released',
			scenario_ms: scenarioMs,
			released_at: now,
			variant_id: variantId,
			reason,
			adhoc: extra.adhoc ? JSON.stringify(extra.adhoc) : null
		})
		.onConflict((oc) => oc.columns(['drill_id', 'inject_id']).doNothing())
		.returning('inject_id')
		.executeTakeFirst();
	if (!inserted) return null;
	data.injects.set(injectId, {
		drill_id: drillId,
		inject_id: injectId,
		state: decision.release ? 'released' : 'not_released',
		scenarioMs,
		released_at: now,
		variant_id: variantId,
		reason,
		adhoc: extra.adhoc ?? null
	});
	if (!decision.release)
		return emit(trx, drillId, 'inject.not_released', { injectId, reason, scenarioMs }, now);
	const view = participantInject(
		entry.inject,
		{ variantId, scenarioMs, releasedAt: now },
		() => false
	);
	await emit(trx, drillId, 'inject.released', view, now);
	return emit(trx, drillId, 'inject.detail', { injectId, variantId, reason, scenarioMs }, now);
}

/**
 * Stores the closing of every released prompt whose time limit has passed in scenario time
 * (reads already treat them as closed; this records when, and tells the screens).
 */
export async function closeExpiredPrompts(
	trx: Transaction<Database>,
	data: DrillData,
	now: Date
): Promise<{ seq: number | null; closed: string[] }> {
	const t = scenarioTimeAt(data.drill.clock, now);
	const clock = data.drill.clock;
	let seq: number | null = null;
	const closed: string[] = [];
	for (const { prompt } of data.msel.prompts) {
		const w = promptWindow(data, prompt.id, t);
		if (w.closedReason !== 'time-limit' || data.prompts.get(prompt.id)?.closedAt) continue;
		// When the limit was reached in real time (the clock ran steadily since its anchor).
		const at =
			clock.realAt && w.closesAtMs! >= clock.scenarioMs
				? new Date(clock.realAt.getTime() + (w.closesAtMs! - clock.scenarioMs) / clock.speed)
				: now;
		const s = await storeClosing(trx, data, prompt.id, 'time-limit', at);
		if (s !== null) {
			seq = s;
			closed.push(prompt.id);
		}
	}
	return { seq, closed };
}

/** Records a prompt as closed (once) and tells everyone, revealing its expectations. */
export async function storeClosing(
	trx: Transaction<Database>,
	data: DrillData,
	promptId: string,
	reason: 'time-limit' | 'facilitator' | 'end' | 'continue',
	at: Date
): Promise<number | null> {
	const row = await trx
		.insertInto('drill_prompts')
		.values({ drill_id: data.drill.id, prompt_id: promptId, closed_at: at, closed_reason: reason })
		.onConflict((oc) =>
			oc
				.columns(['drill_id', 'prompt_id'])
				.doUpdateSet({ closed_at: at, closed_reason: reason })
				.where('drill_prompts.closed_at', 'is', null)
		)
		.returning('prompt_id')
		.executeTakeFirst();
	if (!row) return null;
	const stored = data.prompts.get(promptId);
	data.prompts.set(promptId, {
		grade: stored?.grade ?? null,
		override: stored?.override ?? null,
		closedAt: at,
		closedReason: reason
	});
	const prompt = data.msel.prompt(promptId)!.prompt;
	return emit(
		trx,
		data.drill.id,
		'prompt.closed',
		{ promptId, reason, at: at.toISOString(), prompt: participantPrompt(prompt, true) },
		at
	);
}
