import { actionStatusLabels } from '../../../lessons/words';
import type { ReportDocument } from '../document';
import type { PlanVersionData, RowChange, SectionChange } from './load';

// Section 2: what changed since the previous approved version, and the corrective actions
// (from drills and incident reviews) each change answers — the link auditors look for
// between lessons learned and the plan (PCI DSS 12.10.6, ISO 27001 A.5.27, DORA Art. 13).

const STATUS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function sectionChangeText(s: SectionChange): string {
	const lines: string[] = [STATUS[s.status]];
	if (s.status === 'changed' && (s.wordsAdded || s.wordsRemoved))
		lines[0] += `: ${s.wordsAdded} words added, ${s.wordsRemoved} removed`;
	else if (s.status === 'added') lines[0] += ` (${s.wordsAdded} words)`;
	lines.push(...s.notes);
	return lines.join('\n');
}

function answersText(s: SectionChange): string {
	if (!s.answers.length) return '—';
	return s.answers
		.map((a) => `${a.label} ${a.text} (finding ${a.findingLabel}: ${a.findingTitle})`)
		.join('\n');
}

// Long texts (criteria, message templates) are reworded rather than quoted whole: the full
// text of this version is in sections 4 and 5.
const WORDY = new Set(['Criteria', 'Message template']);

function rowChangeText(r: RowChange): string {
	if (r.status !== 'changed') return STATUS[r.status];
	return r.changes
		.map((c) =>
			WORDY.has(c.field)
				? `${c.field}: reworded`
				: `${c.field}: ${c.from || '(none)'} → ${c.to || '(none)'}`
		)
		.join('\n');
}

export async function drawChanges(doc: ReportDocument, data: PlanVersionData, number: string) {
	const { changes, version } = data;
	if (version.changeSummary) {
		doc.heading(3, 'Change summary, as submitted');
		doc.paragraph(version.changeSummary);
	}
	if (!changes) {
		doc.paragraph(
			`Version ${version.number} is the plan’s first approved version: there is no earlier approved version to compare it with.`,
			'muted'
		);
	} else {
		const count = (status: SectionChange['status']) =>
			changes.sections.filter((s) => s.status === status).length;
		doc.paragraph(
			`Compared with version ${changes.fromNumber}: ${counted(count('changed'), 'section')} changed, ${count('added')} added, ${count('removed')} removed; ${counted(changes.severityScale.length, 'severity level')} and ${counted(changes.matrix.length, 'communication matrix row')} changed.`
		);
		doc.heading(2, `${number}.1 Sections`);
		if (changes.sections.length)
			doc.table({
				columns: [
					{ header: 'Section', width: 2.4 },
					{ header: 'Change', width: 2.2 },
					{ header: 'Corrective actions it answers', width: 3.4 }
				],
				rows: changes.sections.map((s) => [
					`${s.number ?? s.oldNumber} ${s.title}`,
					sectionChangeText(s),
					answersText(s)
				])
			});
		else doc.paragraph('No section changed.', 'muted');
		await doc.breathe();
		doc.heading(2, `${number}.2 Severity scale and communication matrix`);
		const rows = [
			...changes.severityScale.map((r) => [`Severity ${r.label}`, rowChangeText(r)]),
			...changes.matrix.map((r) => [r.label, rowChangeText(r)])
		];
		if (rows.length)
			doc.table({
				columns: [
					{ header: 'Level or stakeholder', width: 2 },
					{ header: 'Change', width: 6 }
				],
				rows
			});
		else doc.paragraph('The severity scale and the communication matrix are unchanged.', 'muted');
	}
	await doc.breathe();
	drawLessons(doc, data, `${number}.${changes ? 3 : 1}`);
}

function drawLessons(doc: ReportDocument, data: PlanVersionData, number: string) {
	doc.heading(2, `${number} Lessons this version answers`);
	if (!data.lessons.length) {
		doc.paragraph('No corrective action is linked to this version.', 'muted');
		return;
	}
	doc.table({
		columns: [
			{ header: 'Action', width: 0.8 },
			{ header: 'Corrective action', width: 3 },
			{ header: 'Finding and source', width: 2.6 },
			{ header: 'Plan sections', width: 1.8 },
			{ header: 'Status', width: 1 }
		],
		rows: data.lessons.map((l) => [
			l.action,
			l.actionText,
			`${l.finding} ${l.findingTitle}${l.source ? `\n${l.source}` : ''}`,
			l.sections.join('\n') || '—',
			actionStatusLabels[l.actionStatus]
		])
	});
}
