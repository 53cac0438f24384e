import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadDrillData, scoresOf } from './load';
import { drillColumns, toDrill } from './rows';

// The lead's grading queue: free-text answers of ended team drills (live and over a window)
// that wait for a grade, in the drills this user facilitates (only a facilitator may grade,
// see grading.ts). Newest drills first; bounded so the page stays cheap.

/** At most this many ended drills are looked through, newest first. */
const MAX_DRILLS = 50;

export type GradingQueueItem = {
	promptId: string;
	question: string;
	answer: string;
	by: string;
	/** The rubric levels to grade it with. */
	rubric: { level: string; points: number; description: string }[];
};

export type GradingQueueDrill = {
	drillId: string;
	title: string;
	mode: 'live' | 'async';
	endedAt: string;
	items: GradingQueueItem[];
};

export async function gradingQueue(
	db: Kysely<Database>,
	userId: string
): Promise<GradingQueueDrill[]> {
	const rows = await db
		.selectFrom('drills as d')
		.innerJoin('drill_members as m', (j) =>
			j.onRef('m.drill_id', '=', 'd.id').on('m.user_id', '=', userId)
		)
		.select(drillColumns.map((c) => `d.${c}` as const))
		.where('m.kind', '=', 'facilitator')
		.where('d.mode', 'in', ['live', 'async'])
		.where('d.status', '=', 'ended')
		.where((eb) =>
			eb.exists(
				eb.selectFrom('drill_answers as a').select('a.id').whereRef('a.drill_id', '=', 'd.id')
			)
		)
		.orderBy('d.ended_at', 'desc')
		.limit(MAX_DRILLS)
		.execute();
	const out: GradingQueueDrill[] = [];
	for (const row of rows) {
		const drill = toDrill(row);
		const data = await loadDrillData(db, drill);
		const scores = scoresOf(data);
		const items = data.msel.prompts.flatMap(({ prompt }): GradingQueueItem[] => {
			const current = data.current.get(prompt.id);
			if (prompt.type !== 'free-text' || !current) return [];
			if (scores.get(prompt.id)?.status !== 'awaiting-grade') return [];
			const text = 'text' in current.answer ? current.answer.text : '';
			const rubric = prompt.rubric.map((r) => ({
				level: r.level,
				points: r.points,
				description: r.description
			}));
			return [
				{ promptId: prompt.id, question: prompt.question, answer: text, by: current.byName, rubric }
			];
		});
		if (items.length)
			out.push({
				drillId: drill.id,
				title: drill.title,
				mode: drill.mode as 'live' | 'async',
				endedAt: drill.endedAt!.toISOString(),
				items
			});
	}
	return out;
}
