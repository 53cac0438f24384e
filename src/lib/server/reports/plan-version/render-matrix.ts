import {
	audienceLabels,
	clockAnchorInfo,
	type ClockAnchor,
	type MatrixRow,
	type SeverityLevel
} from '../../../plans/content';
import { approxMinutes, formatDuration } from '../../../plans/durations';
import { appliesWhenInWords, onlyWhenInWords, stageInWords } from '../../../plans/matrix-words';
import type { ReportDocument } from '../document';
import { drawMarkdown } from './markdown-pdf';

// The severity scale and the communication matrix. The matrix is wide (stakeholders ×
// severities × stages), so it is shown twice on A4 portrait: a grid of the first deadline
// per severity to scan, then one row per stakeholder with every stage and condition in words.

/** More severities than this and the grid's columns get too narrow to read. */
const GRID_MAX_LEVELS = 7;

export async function drawSeverityScale(doc: ReportDocument, levels: SeverityLevel[]) {
	doc.paragraph(
		`${levels.length} ${levels.length === 1 ? 'level' : 'levels'}, most severe first. The communication matrix refers to them by id.`,
		'muted'
	);
	for (const level of levels) {
		doc.heading(3, `${level.id} · ${level.name}`);
		await drawMarkdown(doc, level.criteria);
		await doc.breathe();
	}
}

/** The first message's earliest deadline at a level: `15m`, `24h (+2 stages)`, or `—`. */
export function firstDeadline(row: MatrixRow, levelId: string): string {
	const rule = row.notifications[levelId];
	if (!rule?.notify || rule.stages.length === 0) return '—';
	const [first, ...later] = rule.stages;
	const soonest = [...first.deadlines].sort(
		(a, b) => approxMinutes(a.within) - approxMinutes(b.within)
	)[0];
	const more = later.length ? ` (+${later.length} ${later.length === 1 ? 'stage' : 'stages'})` : '';
	return `${formatDuration(soonest.within)}${more}`;
}

/** Every level's stages in words; the levels they are not told at, together on one line. */
export function deadlinesInWords(row: MatrixRow, levels: SeverityLevel[]): string {
	const lines: string[] = [];
	const silent: string[] = [];
	for (const level of levels) {
		const rule = row.notifications[level.id];
		if (rule?.notify && rule.stages.length) {
			const [first, ...later] = rule.stages.map(stageInWords);
			lines.push(`${level.id}: ${first}`, ...later.map((stage) => `    then ${stage}`));
		} else silent.push(level.id);
	}
	if (silent.length) lines.push(`Not told at ${silent.join(', ')}`);
	return lines.join('\n');
}

function conditionsInWords(row: MatrixRow): string {
	const only = onlyWhenInWords(row.onlyWhen);
	const applies = appliesWhenInWords(row.appliesWhen);
	return only ? `${applies}\nand only when all of: ${only}` : applies;
}

function anchorsUsed(matrix: MatrixRow[]): ClockAnchor[] {
	const used = new Set<ClockAnchor>();
	for (const row of matrix)
		for (const rule of Object.values(row.notifications))
			for (const stage of rule.stages) for (const d of stage.deadlines) used.add(d.anchor);
	return (Object.keys(clockAnchorInfo) as ClockAnchor[]).filter((a) => used.has(a));
}

export async function drawMatrix(
	doc: ReportDocument,
	matrix: MatrixRow[],
	levels: SeverityLevel[],
	number: string
) {
	if (matrix.length === 0) {
		doc.paragraph('This version has no communication matrix rows.', 'muted');
		return;
	}
	doc.paragraph(
		`${matrix.length} stakeholders: who is told, by whom and within how long at each severity. Each deadline counts from the moment it names.`
	);
	const anchors = anchorsUsed(matrix);
	if (anchors.length)
		doc.keyValues(
			anchors.map((a) => [a, clockAnchorInfo[a].meaning]),
			100
		);

	let sub = 1;
	if (levels.length <= GRID_MAX_LEVELS) {
		doc.heading(2, `${number}.${sub++} Deadlines at a glance`);
		doc.paragraph(
			'The first message’s earliest deadline per severity; later stages are counted in brackets and listed in full below. “—”: not told at that level.',
			'muted'
		);
		doc.table({
			columns: [
				{ header: 'Stakeholder', width: 3.2 },
				...levels.map((l) => ({ header: l.id, width: 1.3, align: 'center' as const }))
			],
			rows: matrix.map((row) => [row.stakeholder, ...levels.map((l) => firstDeadline(row, l.id))])
		});
	}
	await doc.breathe();

	doc.heading(2, `${number}.${sub++} Stages, conditions and senders`);
	doc.table({
		columns: [
			{ header: 'Stakeholder', width: 2.4 },
			{ header: 'When they are told', width: 4.2 },
			{ header: 'Required when', width: 2 },
			{ header: 'Sent by · approved by', width: 1.9 }
		],
		rows: matrix.map((row) => [
			`${row.stakeholder}\n(${audienceLabels[row.audience]})`,
			deadlinesInWords(row, levels),
			conditionsInWords(row),
			row.approver ? `${row.notifier}\napproved by ${row.approver}` : row.notifier
		])
	});
	await doc.breathe();

	doc.heading(2, `${number}.${sub++} Contacts`);
	doc.table({
		columns: [
			{ header: 'Stakeholder', width: 1.9 },
			{ header: 'Name', width: 1.6 },
			{ header: 'Email', width: 3.3 },
			{ header: 'Phone', width: 1.6 },
			{ header: 'Out of band', width: 1.6 }
		],
		rows: matrix.flatMap((row) =>
			row.contacts.length
				? row.contacts.map((c, i) => [
						i === 0 ? row.stakeholder : '',
						c.name || '—',
						c.email || '—',
						c.phone || '—',
						c.outOfBand || '—'
					])
				: [[row.stakeholder, '—', '—', '—', '—']]
		)
	});
	await doc.breathe();

	const templates = matrix.filter((row) => row.messageTemplate.trim());
	if (templates.length) {
		doc.heading(2, `${number}.${sub++} Message templates`);
		for (const row of templates) {
			doc.heading(3, row.stakeholder);
			await drawMarkdown(doc, row.messageTemplate);
			await doc.breathe();
		}
	}
}
