import { actionLabel, actionStatusLabels, findingLabel } from '../../lessons/words';

// Every action the app writes to the trail, as the words an auditor reads after the actor's
// name ("Ada Admin approved plan version 1.4"). The sentence is built from the entry's own
// detail, so old entries read as they did when written. prose.spec.ts fails when an action is
// written anywhere in src without a sentence here.

type Detail = Record<string, unknown>;
type Prose = (detail: Detail, targetId: string | null) => string;

const text = (v: unknown): string | null =>
	typeof v === 'string' && v.trim() !== ''
		? v.trim()
		: typeof v === 'number' && Number.isFinite(v)
			? String(v)
			: null;
/** " “Title”" or nothing: titles are quoted so a title reads as one. */
const titled = (v: unknown) => (text(v) ? ` “${text(v)}”` : '');
const when = (prefix: string, v: unknown) => (text(v) ? `${prefix}${text(v)}` : '');
const count = (n: unknown, one: string, many = `${one}s`) =>
	`${typeof n === 'number' ? n : 0} ${n === 1 ? one : many}`;
const version = (d: Detail, key = 'number') => `plan version${when(' ', d[key])}`;
const action = (d: Detail) =>
	typeof d.number === 'number'
		? `corrective action ${actionLabel(d.number)}`
		: `corrective action${when(' ', d.action)}`;
const finding = (d: Detail) =>
	typeof d.number === 'number' ? `finding ${findingLabel(d.number)}` : 'a finding';
const status = (v: unknown) =>
	(typeof v === 'string' && actionStatusLabels[v as keyof typeof actionStatusLabels]) ||
	text(v) ||
	'?';
const reportKinds: Record<string, string> = {
	aar: 'after-action report',
	plan_version: 'plan version report',
	evidence_pack: 'compliance evidence pack'
};

export const auditActionProse = {
	'login.success': () => 'signed in',
	'login.failure': (d) => `failed to sign in${when(' (', d.reason)}${text(d.reason) ? ')' : ''}`,
	'login.throttled': () => 'was refused sign-in after too many attempts',
	logout: () => 'signed out',
	'session.ended': () => 'ended one of their sessions',
	'session.others_ended': (d) => `ended ${count(d.count, 'other session')} of theirs`,
	'password.reentry_failure': (d) => `entered a wrong password${when(' to confirm: ', d.purpose)}`,
	'password.reentry_throttled': (d) =>
		`was refused after too many password attempts${when(' to confirm: ', d.purpose)}`,
	'token.created': (d) => `created API token${titled(d.name)}`,
	'token.revoked': () => 'revoked an API token',

	'user.created': (d) =>
		`created the account of${when(' ', d.email)}${when(' as ', d.role)}${d.method === 'invite' ? ' (invited)' : ''}`,
	'user.role_changed': (d) => `changed a user’s role from ${text(d.from)} to ${text(d.to)}`,
	'user.disabled': () => 'disabled a user account',
	'user.enabled': () => 'enabled a user account',
	'user.invite_created': () => 'made an invitation link',
	'user.invite_accepted': () => 'accepted an invitation and set a password',
	'user.password_reset': () => 'reset a user’s password',
	'user.password_changed': () => 'changed their password',

	'plan.created': (d) => `created plan${titled(d.title)}`,
	'plan.review_interval_changed': (d) =>
		`changed a plan’s review interval from ${count(d.from, 'month')} to ${count(d.to, 'month')}`,
	'plan.draft_opened': (d) => `opened a new plan draft${when(' based on version ', d.basedOn)}`,
	'plan.draft_saved': (d) =>
		`saved revision ${text(d.revision) ?? '?'} of a plan draft${when(': ', d.change)}`,
	'plan.submitted': (d) => `submitted ${version(d)} for approval`,
	'plan.changes_requested': () => 'sent a plan draft back with changes requested',
	'plan.approved': (d) => `approved ${version(d)}`,
	'plan.superseded': (d) =>
		`retired ${version(d)}${when(', superseded by version ', d.supersededBy)}`,

	'scenario.saved': (d) => `saved scenario${titled(d.title)}${when(' as version ', d.version)}`,

	'drill.created': (d) => `created drill${titled(d.title)}`,
	'drill.updated': (d) => `edited drill${titled(d.title)}`,
	'drill.planned': () => 'rescheduled a drill',
	'drill.cancelled': (d) => `cancelled drill${titled(d.title)}${when(': ', d.reason)}`,
	'drill.started': (d) => `started drill${titled(d.title)}`,
	'drill.paused': () => 'paused a drill',
	'drill.resumed': () => 'resumed a drill',
	'drill.speed_changed': (d) =>
		`changed a drill’s speed from ${text(d.from) ?? '?'}× to ${text(d.to) ?? '?'}×`,
	'drill.ended': (d) =>
		`ended drill${titled(d.title)}${when(' (', d.how)}${text(d.how) ? ')' : ''}`,
	'drill.inject_released': (d) => `released inject${when(' ', d.injectId)}`,
	'drill.inject_skipped': (d) => `skipped inject${when(' ', d.injectId)}`,
	'drill.inject_added': (d) => `added inject${titled(d.title)} during a drill`,
	'drill.answer_graded': (d) =>
		`graded an answer${when(' as ', d.level)}${when(', ', d.points)}${text(d.points) ? ' points' : ''}`,
	'drill.score_overridden': (d) =>
		`overrode a score from ${text(d.from) ?? 'none'} to ${text(d.to) ?? 'none'}`,
	'drill.rating_overridden': (d) =>
		d.rating === null
			? 'removed a rating override'
			: `overrode an objective’s rating${when(' to ', d.rating)}`,

	'hotwash.opened': () => 'opened the hot wash of a drill',
	'hotwash.answered': () => 'answered a hot wash',
	'hotwash.answer_edited': () => 'edited their hot wash answer',
	'hotwash.summary_written': (d) => (d.replaced ? 'rewrote' : 'wrote') + ' a hot wash summary',
	'hotwash.summary_removed': () => 'removed a hot wash summary',
	'hotwash.closed': () => 'closed a hot wash',
	'hotwash.extended': () => 'extended a hot wash',

	'finding.created': (d) => `recorded ${finding(d)}${titled(d.title)}`,
	'finding.updated': (d) => `updated ${finding(d)}`,
	'action.created': (d) => `created ${action(d)}`,
	'action.edited': (d) => `edited ${action(d)}`,
	'action.status_changed': (d) => `moved ${action(d)} from ${status(d.from)} to ${status(d.to)}`,
	'action.noted': (d) => `added a progress note to ${action(d)}`,
	'action.verified': (d) => `verified ${action(d)}${when(' by ', d.kind)}`,
	'action.linked': (d) => `linked ${action(d)} to a plan draft`,
	'action.unlinked': (d) => `unlinked ${action(d)} from a plan draft`,
	'action.resolved': (d) => `resolved ${action(d)} with an approved plan version`,
	'incident_review.created': (d) =>
		`recorded incident review${when(' ', d.reference)}${titled(d.title)}`,
	'incident_review.updated': (d) => `updated incident review${when(' ', d.reference)}`,

	'series.created': (d) => `scheduled the recurring drills${titled(d.title)}`,
	'series.updated': () => 'changed a recurring drill series',
	'series.ended': (d) => `ended the recurring drills${titled(d.title)}`,
	'series.topped_up': (d) => `added ${count(d.made, 'drill')} to a recurring series`,
	'practice.assigned': () => 'assigned solo practice',
	'practice.assignment_cancelled': () => 'cancelled an assignment of solo practice',
	'calendar_feed.created': () => 'made a calendar feed link',
	'calendar_feed.regenerated': () => 'replaced their calendar feed link',
	'calendar_feed.revoked': () => 'revoked their calendar feed link',
	'programme.framework_enabled': (d) => `switched on framework${titled(d.name)}`,
	'programme.framework_disabled': (d) => `switched off framework${titled(d.name)}`,

	'report.generated': (d, id) =>
		`generated ${reportKinds[String(d.kind)] ?? 'report'}${when(' ', id)}`,
	'audit.exported': (d) =>
		`exported ${count(d.count, 'audit entry', 'audit entries')} as ${String(d.format ?? '').toUpperCase() || 'a file'}`
} satisfies Record<string, Prose>;

export type AuditAction = keyof typeof auditActionProse;

export const auditActions = Object.keys(auditActionProse).sort() as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
	return Object.hasOwn(auditActionProse, value);
}

/** The sentence for an entry; an action this version does not know reads from its name. */
export function describeAction(action: string, detail: unknown, targetId: string | null): string {
	const d =
		detail && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Detail) : {};
	if (isAuditAction(action)) {
		try {
			return auditActionProse[action](d, targetId);
		} catch {
			// A detail of an unexpected shape still gets the fallback below.
		}
	}
	return actionWords(action);
}

/** "plan.draft_opened" → "plan: draft opened", for actions with no sentence. */
export function actionWords(action: string): string {
	const [domain, verb] = action.includes('.') ? action.split('.', 2) : [null, action];
	const words = verb.replace(/_/g, ' ');
	return domain ? `${domain.replace(/_/g, ' ')}: ${words}` : words;
}
