import {
	actionLabel,
	actionStatusLabels,
	capabilityElementLabels,
	findingLabel,
	lessonSourceLabels
} from '../../lessons/words';
import { capabilityLabel } from '../../scenarios/labels';
import type { ActionListItem } from './list';

// The improvement plan as CSV: HSEEP's matrix (AAR/IP appendix A), one row per corrective
// action, with the source it came from. Cells that start like a formula are neutralised.

function cell(value: unknown): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (values: unknown[]) => values.map(cell).join(',');

export const improvementPlanColumns = [
	'Capability',
	'Area for improvement',
	'Corrective action',
	'Capability element',
	'Primary responsible organisation',
	'Point of contact',
	'Start',
	'Due',
	'Completed',
	'Status',
	'Source'
] as const;

export function improvementPlanCsv(actions: readonly ActionListItem[]): string {
	const lines = [
		row([...improvementPlanColumns]),
		...actions.map((a) =>
			row([
				a.capability ? capabilityLabel(a.capability) : '',
				`${findingLabel(a.findingNumber)} ${a.findingTitle}`,
				`${actionLabel(a.number)} ${a.action}`,
				capabilityElementLabels[a.element],
				a.organisation,
				a.ownerName,
				a.startDate,
				a.dueDate,
				a.completedDate,
				actionStatusLabels[a.status] + (a.overdue ? ' (overdue)' : ''),
				a.source.kind === 'drill'
					? `${lessonSourceLabels.drill}: ${a.source.title}`
					: `${lessonSourceLabels.incident} ${a.source.reference}: ${a.source.title}`
			])
		)
	];
	return lines.join('\r\n') + '\r\n';
}
