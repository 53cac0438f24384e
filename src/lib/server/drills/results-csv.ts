import { csvCell } from '../http/csv';
import type { DrillResults } from './results';

// The CSV export of a drill's results: one row per prompt asked, per stakeholder of a
// notification answer (verdict, on time, due and margin in scenario minutes, the plan's
// words), per objective and per capability, the first column saying which, so a spreadsheet
// can filter and total them. Cells that start like a formula are neutralised.

const row = (values: unknown[]) => values.map(csvCell).join(',');
const minutes = (ms: number | null) => (ms === null ? '' : Math.round(ms / 600) / 100);

export function resultsToCsv(r: DrillResults): string {
	const lines = [
		row([
			'section',
			'id',
			'inject',
			'objective',
			'type',
			'status',
			'points',
			'max',
			'computed',
			'override reason',
			'answered by',
			'answered at (scenario min)',
			'question or text'
		]),
		...r.prompts
			.filter((p) => p.asked)
			.map((p) =>
				row([
					'prompt',
					p.promptId,
					p.injectId,
					p.objective,
					p.type,
					p.status,
					p.points,
					p.max,
					p.computed,
					p.override?.reason,
					p.answeredBy,
					minutes(p.answeredMs),
					p.question
				])
			),
		// Each stakeholder of a notification answer: notified or not, on time against its first stage.
		...r.prompts
			.filter((p) => p.asked && p.notification)
			.flatMap((p) =>
				p.notification!.lines.map((l) =>
					row([
						'notification',
						l.key,
						p.injectId,
						p.objective,
						l.audience,
						l.verdict,
						l.onTime === null ? '' : l.onTime ? 'on time' : 'late',
						l.stages[0] ? minutes(l.stages[0].dueMs) : '',
						l.marginMs === null ? '' : minutes(l.marginMs),
						l.stages[0]?.words,
						'',
						minutes(p.notification!.answeredMs),
						l.stakeholder
					])
				)
			),
		...r.objectives.map((o) =>
			row([
				'objective',
				o.objectiveId,
				'',
				o.capability,
				'',
				o.rating ?? 'not assessed',
				o.points,
				o.max,
				o.computed,
				o.override?.reason,
				'',
				'',
				o.text
			])
		),
		...r.capabilities.map((c) =>
			row([
				'capability',
				c.capability,
				'',
				'',
				'',
				c.rating ?? 'not assessed',
				c.points,
				c.max,
				'',
				'',
				'',
				'',
				c.objectiveIds.join(' ')
			])
		)
	];
	return lines.join('\r\n') + '\r\n';
}
