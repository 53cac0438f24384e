// What the calendar shows, in words the page, the feed and the API share.

export const calendarKinds = ['drill', 'plan-review', 'action-due'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

export const calendarKindLabels: Record<CalendarKind, string> = {
	drill: 'Drills',
	'plan-review': 'Plan reviews',
	'action-due': 'Corrective actions due'
};

/** Where an entry stands, whatever its kind. */
export const entryStates = ['planned', 'in-progress', 'done', 'cancelled', 'overdue'] as const;
export type EntryState = (typeof entryStates)[number];

export const entryStateLabels: Record<EntryState, string> = {
	planned: 'Planned',
	'in-progress': 'In progress',
	done: 'Done',
	cancelled: 'Cancelled',
	overdue: 'Overdue'
};

export const isCalendarKind = (v: unknown): v is CalendarKind =>
	typeof v === 'string' && (calendarKinds as readonly string[]).includes(v);
export const isEntryState = (v: unknown): v is EntryState =>
	typeof v === 'string' && (entryStates as readonly string[]).includes(v);

export type CalendarAddress = {
	month: string;
	view: 'month' | 'list';
	kinds: readonly CalendarKind[];
	states: readonly EntryState[];
	mine: boolean;
};

/** The calendar page's address for a month, view and filter (the page reads it back). */
export function calendarAddress(a: CalendarAddress): string {
	const p = new URLSearchParams({ month: a.month });
	if (a.view !== 'month') p.set('view', a.view);
	for (const k of a.kinds) p.append('kind', k);
	for (const s of a.states) p.append('state', s);
	if (a.mine) p.set('mine', '1');
	return `/calendar?${p}`;
}
