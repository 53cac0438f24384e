// Role and permission names, shared with the UI so it can hide what a user may not use.
// The server decides through $lib/server/access; this file only names things.

export const roles = ['admin', 'lead', 'trainee', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
	admin: 'Admin',
	lead: 'SOC lead',
	trainee: 'Trainee',
	auditor: 'Auditor'
};

export const roleDescriptions: Record<Role, string> = {
	admin: 'Manages users and settings; can do everything a SOC lead can.',
	lead: 'Owns the IR plan, runs drills, grades answers, turns lessons into plan changes.',
	trainee: 'Takes part in drills and practises scenarios alone; sees own results.',
	auditor: 'Read-only: reviews plans, evidence, reports and the audit trail.'
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Everything a user may do, by name. Later features add their own names here. */
export const permissions = {
	'dashboard.view': ['admin', 'lead', 'trainee', 'auditor'],
	'account.manage': ['admin', 'lead', 'trainee', 'auditor'],
	'users.read': ['admin'],
	'users.manage': ['admin'],
	'audit.read': ['admin', 'auditor'],
	/** The approved version in force of each plan: everyone must know the plan. */
	'plans.read_current': ['admin', 'lead', 'trainee', 'auditor'],
	/** Every version, draft, history, diff and approval record. */
	'plans.read_all': ['admin', 'lead', 'auditor'],
	'plans.edit': ['admin', 'lead'],
	/** Approve or send back; a lead never approves a draft they wrote (checked on the data). */
	'plans.review': ['admin', 'lead'],
	/** The library; trainees see the participant view of solo-ready scenarios only. */
	'scenarios.read': ['admin', 'lead', 'trainee', 'auditor'],
	/** Everything in a scenario: facilitator notes, expectations, branch logic, coverage. */
	'scenarios.read_all': ['admin', 'lead', 'auditor'],
	'scenarios.edit': ['admin', 'lead'],
	/** Drills: which ones a user may open is decided by visibility (drillView). */
	'drills.read': ['admin', 'lead', 'trainee', 'auditor'],
	/** Every drill, including those one is not in; ended ones for auditors (read-only). */
	'drills.read_all': ['admin', 'lead'],
	'drills.read_ended': ['admin', 'lead', 'auditor'],
	/** Create drills and run the clock, grade, override, observe. */
	'drills.facilitate': ['admin', 'lead'],
	/** Start a solo drill from the library ("Practise this"). */
	'drills.practise': ['admin', 'lead', 'trainee'],
	/** Answer prompts in a drill one takes part in, through one's roles. */
	'drills.answer': ['admin', 'lead', 'trainee'],
	/** The improvement plan, every finding, action, incident review and trace (read-only). */
	'lessons.read': ['admin', 'lead', 'auditor'],
	/** Create and edit findings, corrective actions and incident reviews; verify actions; link
	 * actions to plan drafts. */
	'lessons.edit': ['admin', 'lead'],
	/** Actions one owns ("my actions"): update their status and add progress notes (the
	 * ownership is checked on the data). */
	'actions.own': ['admin', 'lead', 'trainee'],
	/** Answer the hot wash of a drill one took part in (membership checked on the data). */
	'hotwash.answer': ['admin', 'lead', 'trainee'],
	/** The calendar page and one's own calendar feed: what shows is decided by visibility. */
	'calendar.view': ['admin', 'lead', 'trainee', 'auditor'],
	/** Schedule drills, recurring series and team drills over a window; grade their answers. */
	'schedule.manage': ['admin', 'lead'],
	/** Assign solo practice to trainees and follow their completion and scores. */
	'practice.assign': ['admin', 'lead'],
	/** The exercise programme: requirement status, evidence and coverage (read-only). */
	'programme.read': ['admin', 'lead', 'auditor'],
	/** Switch compliance frameworks on and off. */
	'programme.manage': ['admin'],
	/** The after-action report of a drill; for a trainee only of drills they took part in
	 * (checked on the data). */
	'reports.aar': ['admin', 'lead', 'trainee', 'auditor'],
	/** Plan version reports and compliance evidence packs. */
	'reports.generate': ['admin', 'lead', 'auditor'],
	/** Check whether a PDF is one Hotwash generated, and list the reports made. */
	'reports.verify': ['admin', 'lead', 'auditor']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role | undefined | null, permission: Permission): boolean {
	if (!role) return false;
	return (permissions[permission] as readonly Role[]).includes(role);
}
