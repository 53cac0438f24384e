// The words of lessons learned, HSEEP's where it has them (see shared/DOMAIN.md), shared by
// the pages, the API, the CSV export and the reports.

export const findingKinds = ['strength', 'area_for_improvement'] as const;
export type FindingKind = (typeof findingKinds)[number];
export const findingKindLabels: Record<FindingKind, string> = {
	strength: 'Strength',
	area_for_improvement: 'Area for improvement'
};

/** HSEEP's capability elements: where a corrective action makes its change. */
export const capabilityElements = [
	'planning',
	'organisation',
	'equipment',
	'training',
	'exercise'
] as const;
export type CapabilityElement = (typeof capabilityElements)[number];
export const capabilityElementLabels: Record<CapabilityElement, string> = {
	planning: 'Planning',
	organisation: 'Organisation',
	equipment: 'Equipment',
	training: 'Training',
	exercise: 'Exercise'
};

export const actionStatuses = ['open', 'in_progress', 'done', 'verified', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusLabels: Record<ActionStatus, string> = {
	open: 'Open',
	in_progress: 'In progress',
	done: 'Done',
	verified: 'Verified',
	cancelled: 'Cancelled'
};

/**
 * The steps an action may take by a status change: forward one step at a time, or back from
 * done to in progress when the work turns out unfinished. Verification (done → verified)
 * needs evidence and is its own step; cancelling needs a reason and ends the action.
 */
export const statusSteps: Record<ActionStatus, readonly ActionStatus[]> = {
	open: ['in_progress', 'cancelled'],
	in_progress: ['done', 'cancelled'],
	done: ['in_progress', 'verified', 'cancelled'],
	verified: [],
	cancelled: []
};

/** Still to be closed: counts towards "overdue" once past its due date. */
export const openStatuses: readonly ActionStatus[] = ['open', 'in_progress'];

export const verificationKinds = ['drill', 'plan_version', 'note'] as const;
export type VerificationKind = (typeof verificationKinds)[number];
export const verificationKindLabels: Record<VerificationKind, string> = {
	drill: 'Re-tested in a later drill',
	plan_version: 'Carried by an approved plan version',
	note: 'Evidence noted by a lead'
};

/** Where a finding came from. */
export type LessonSource = 'drill' | 'incident';
export const lessonSourceLabels: Record<LessonSource, string> = {
	drill: 'Drill',
	incident: 'Real incident'
};

export const findingLabel = (n: number) => `F-${n}`;
export const actionLabel = (n: number) => `A-${n}`;

/** "F-4" or "f4" → 4; anything else null. */
export function parseLabel(text: string, prefix: 'F' | 'A'): number | null {
	const m = new RegExp(`^${prefix}-?(\\d{1,9})$`, 'i').exec(text.trim());
	return m ? Number(m[1]) : null;
}

/** Whether an action still to be closed is past its due date on `today` (YYYY-MM-DD). */
export function isOverdue(a: { status: ActionStatus; dueDate: string }, today: string): boolean {
	return openStatuses.includes(a.status) && a.dueDate < today;
}
