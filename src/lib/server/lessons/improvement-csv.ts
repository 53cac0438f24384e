import { csvCell } from '../http/csv';
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

const row = (values: unknown[]) => values.map(csvCell).join(',');

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

/** One corrective action as the matrix's cells, in words: shared by the CSV and the AAR/IP. */
export function improvementPlanCells(a: ActionListItem) {
	return {
		capability: a.capability ? capabilityLabel(a.capability) : '',
		issue: `${findingLabel(a.findingNumber)} ${a.findingTitle}`,
		action: `${actionLabel(a.number)} ${a.action}`,
		element: capabilityElementLabels[a.element],
		organisation: a.organisation,
		pointOfContact: a.ownerName,
		start: a.startDate,
		due: a.dueDate,
		completed: a.completedDate,
		status: actionStatusLabels[a.status] + (a.overdue ? ' (overdue)' : ''),
		source:
			a.source.kind === 'drill'
				? `${lessonSourceLabels.drill}: ${a.source.title}`
				: `${lessonSourceLabels.incident} ${a.source.reference}: ${a.source.title}`
	};
}

export function improvementPlanCsv(actions: readonly ActionListItem[]): string {
	const lines = [
		row([...improvementPlanColumns]),
		...actions.map((a) => {
			const c = improvementPlanCells(a);
			return row([
				c.capability,
				c.issue,
				c.action,
				c.element,
				c.organisation,
				c.pointOfContact,
				c.start,
				c.due,
				c.completed,
				c.status,
				c.source
			]);
		})
	];
	return lines.join('\r\n') + '\r\n';
}
