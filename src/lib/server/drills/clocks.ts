import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { durationMinutes } from '../../scenarios/schema';
import type { DrillData } from './load';
import { ms } from './rows';
import type { PromptScore } from './scoring';

// Response clocks: how long the team took to acknowledge each inject and to answer each of
// its prompts (in scenario time, and in real time), and for each stakeholder of a
// notification answer, when it was told against when its first stage was due.

export type Ack = { injectId: string; userId: string; name: string; at: Date; scenarioMs: number };

export async function loadAcks(db: Kysely<Database>, drillId: string): Promise<Ack[]> {
	const rows = await db
		.selectFrom('drill_acks as a')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.select(['a.inject_id', 'a.user_id', 'u.display_name', 'a.acked_at', 'a.scenario_ms'])
		.where('a.drill_id', '=', drillId)
		.orderBy('a.acked_at')
		.execute();
	return rows.map((r) => ({
		injectId: r.inject_id,
		userId: r.user_id,
		name: r.display_name,
		at: r.acked_at,
		scenarioMs: ms(r.scenario_ms)
	}));
}

export type PromptResponse = {
	promptId: string;
	timeLimitMs: number | null;
	submissions: number;
	/** From the inject's release to the first answer, in scenario ms; null when unanswered. */
	firstAnswerMs: number | null;
	firstAnswerRealMs: number | null;
	/** To the answer that counts (the last one). */
	finalAnswerMs: number | null;
	withinLimit: boolean | null;
};

export type InjectResponse = {
	injectId: string;
	releasedMs: number;
	releasedAt: string;
	acks: number;
	firstAck: { name: string; afterMs: number; afterRealMs: number } | null;
	prompts: PromptResponse[];
};

export type NotificationClock = {
	promptId: string;
	key: string;
	stakeholder: string;
	notified: boolean;
	stage: string;
	dueMs: number;
	answeredMs: number;
	/** Due minus answered (negative: late). */
	marginMs: number;
	onTime: boolean;
};

export type ResponseClocks = { injects: InjectResponse[]; notifications: NotificationClock[] };

export function responseClocks(
	data: DrillData,
	acks: readonly Ack[],
	scores: ReadonlyMap<string, PromptScore>
): ResponseClocks {
	const injects: InjectResponse[] = [];
	for (const entry of data.msel.entries) {
		const row = data.injects.get(entry.inject.id);
		if (row?.state !== 'released') continue;
		const mine = acks.filter((a) => a.injectId === entry.inject.id);
		const first = mine[0];
		injects.push({
			injectId: entry.inject.id,
			releasedMs: row.scenarioMs,
			releasedAt: row.released_at.toISOString(),
			acks: mine.length,
			firstAck: first
				? {
						name: first.name,
						afterMs: first.scenarioMs - row.scenarioMs,
						afterRealMs: first.at.getTime() - row.released_at.getTime()
					}
				: null,
			prompts: entry.inject.prompts.map((p) => {
				const subs = data.answers.filter((a) => a.promptId === p.id);
				const limit = p.timeLimit ? Math.round(durationMinutes(p.timeLimit) * 60_000) : null;
				const final = subs.at(-1);
				return {
					promptId: p.id,
					timeLimitMs: limit,
					submissions: subs.length,
					firstAnswerMs: subs[0] ? subs[0].scenarioMs - row.scenarioMs : null,
					firstAnswerRealMs: subs[0] ? subs[0].at.getTime() - row.released_at.getTime() : null,
					finalAnswerMs: final ? final.scenarioMs - row.scenarioMs : null,
					withinLimit: final && limit !== null ? final.scenarioMs - row.scenarioMs <= limit : null
				};
			})
		});
	}
	const notifications: NotificationClock[] = [];
	for (const score of scores.values()) {
		const b = score.notification;
		if (!b) continue;
		for (const line of b.lines) {
			const stage = line.stages[0];
			if (!line.required || !stage) continue;
			notifications.push({
				promptId: score.promptId,
				key: line.key,
				stakeholder: line.stakeholder,
				notified: line.notified,
				stage: stage.name,
				dueMs: stage.dueMs,
				answeredMs: b.answeredMs,
				marginMs: stage.dueMs - b.answeredMs,
				onTime: line.onTime === true
			});
		}
	}
	return { injects, notifications };
}
