import type { Requirement } from './catalogue';

// Whether a requirement of the programme is met, computed from its evidence and a clock the
// caller passes in (tests inject it; nothing here reads the time). Pure and browser-safe.
//
// A requirement has one or more subjects that must each be met: the programme itself for a
// drill requirement, each IR plan for a plan review, each person for training. A subject's
// last evidence makes it due again `months` later; the requirement is as fresh as its stalest
// subject, so "last met" and "next due" are that subject's.

/** Due within this many days counts as "due". */
export const DUE_SOON_DAYS = 30;

export type RequirementState = 'met' | 'due' | 'overdue' | 'never';

export const requirementStateLabels: Record<RequirementState, string> = {
	met: 'Met',
	due: 'Due within 30 days',
	overdue: 'Overdue',
	never: 'Never met'
};

/** What met a requirement: a drill, an approved plan version or a practice, with its link. */
export type EvidenceItem = {
	kind: 'drill' | 'plan-version' | 'practice';
	/** When it was met: the drill's end, the version's approval. */
	at: Date;
	label: string;
	href: string;
};

export type Subject = {
	id: string;
	/** "Incident Response Plan", "Tara Trainee", "The programme". */
	label: string;
	/** The latest evidence for this subject, if any. */
	last: EvidenceItem | null;
};

export type SubjectStatus = Subject & { state: RequirementState; nextDue: Date | null };

export type RequirementStatus = {
	state: RequirementState;
	/** The stalest subject's last evidence: when the requirement as a whole was last met. */
	lastMet: EvidenceItem | null;
	/** When it is due again; null when it was never met. */
	nextDue: Date | null;
	/** Subjects that are not met (never, overdue or due), stalest first. */
	behind: SubjectStatus[];
	/** How many subjects there are (e.g. people to train). */
	subjects: number;
};

const DAY_MS = 86_400_000;

/** `months` calendar months after `at` (UTC), on the month's last day when it has no such day. */
export function addMonths(at: Date, months: number): Date {
	const d = new Date(at.getTime());
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, lastDay));
	return d;
}

/** A subject's state on its own. */
export function subjectStatus(subject: Subject, months: number, now: Date): SubjectStatus {
	if (!subject.last) return { ...subject, state: 'never', nextDue: null };
	const nextDue = addMonths(subject.last.at, months);
	const left = nextDue.getTime() - now.getTime();
	const state: RequirementState =
		left < 0 ? 'overdue' : left <= DUE_SOON_DAYS * DAY_MS ? 'due' : 'met';
	return { ...subject, state, nextDue };
}

const rank: Record<RequirementState, number> = { never: 0, overdue: 1, due: 2, met: 3 };

/** Stalest first: never met, then by the oldest evidence. */
function stalest(a: SubjectStatus, b: SubjectStatus): number {
	if (!a.last || !b.last) return (a.last ? 1 : 0) - (b.last ? 1 : 0);
	return a.last.at.getTime() - b.last.at.getTime();
}

/**
 * The requirement's state at `now`: never met while a subject has no evidence (or there is no
 * subject at all), otherwise overdue, due within 30 days or met by its stalest subject.
 */
export function requirementStatus(
	requirement: Pick<Requirement, 'months'>,
	subjects: readonly Subject[],
	now: Date
): RequirementStatus {
	const all = subjects.map((s) => subjectStatus(s, requirement.months, now)).sort(stalest);
	const worst = all[0];
	if (!worst) return { state: 'never', lastMet: null, nextDue: null, behind: [], subjects: 0 };
	return {
		state: worst.state,
		lastMet: worst.last,
		nextDue: worst.nextDue,
		behind: all
			.filter((s) => s.state !== 'met')
			.sort((a, b) => rank[a.state] - rank[b.state] || stalest(a, b)),
		subjects: all.length
	};
}
