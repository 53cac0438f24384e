import type { Kysely } from 'kysely';
import { formatDateTime } from '../../format';
import type { AuditEntry, Database } from '../db/schema';
import { describeAction } from './prose';
import type { ListedEntry } from './query';

// Entries as an auditor reads them: who by name, the sentence, the record with a link to it,
// and the detail as labelled fields. Secrets never reach the page or an export.

export type RecordRef = { type: string; id: string; label: string; href: string | null };
export type DetailField = { label: string; value: string };
export type AuditRow = {
	seq: number;
	at: string;
	atText: string;
	actor: string;
	actorEmail: string;
	action: string;
	sentence: string;
	record: RecordRef | null;
	ip: string | null;
	fields: DetailField[];
};

/** What a reader of the trail may follow: user pages only for those who manage users. */
export type LinkRights = { users: boolean };

// Keys that could ever hold a secret are left out, whatever an entry's writer put there.
const SECRET_KEY = /pass(word)?|secret|hash$|^token$|cookie|session_?id|credential/i;

/** The detail without anything secret: what the page and the exports show. */
export function publicDetail(detail: unknown): Record<string, unknown> {
	if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return {};
	return Object.fromEntries(Object.entries(detail).filter(([k]) => !SECRET_KEY.test(k)));
}

const fieldLabels: Record<string, string> = {
	planId: 'Plan id',
	versionId: 'Plan version id',
	planVersionId: 'Plan version id',
	number: 'Number',
	basedOn: 'Based on version',
	supersededBy: 'Superseded by version',
	changeSummary: 'Change summary',
	nextReviewDate: 'Next review',
	effectiveDate: 'Effective',
	sha256: 'SHA-256',
	auditHeadSeq: 'Trail head at the time',
	injectId: 'Inject',
	promptId: 'Prompt',
	objectiveId: 'Objective',
	scenarioMs: 'Scenario time (ms)',
	scheduledMs: 'Scheduled at (ms)',
	ownerId: 'Owner id',
	findingId: 'Finding id',
	traineeId: 'Trainee id',
	scenarioId: 'Scenario',
	seriesId: 'Series id',
	userId: 'User id',
	throughSeq: 'Up to entry'
};

/** "nextReviewDate" → "Next review date". */
function labelOf(key: string): string {
	if (fieldLabels[key]) return fieldLabels[key];
	const words = key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/_/g, ' ')
		.toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (Array.isArray(value)) return value.length ? value.map(valueText).join(', ') : '—';
	if (typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if ('from' in o && 'to' in o && Object.keys(o).length === 2)
			return `${valueText(o.from)} → ${valueText(o.to)}`;
		return Object.entries(o)
			.map(([k, v]) => `${labelOf(k).toLowerCase()}: ${valueText(v)}`)
			.join('; ');
	}
	return String(value);
}

export function detailFields(detail: unknown): DetailField[] {
	return Object.entries(publicDetail(detail)).map(([k, v]) => ({
		label: labelOf(k),
		value: valueText(v)
	}));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** The record an entry is about, named from its detail, with the page that shows it. */
export function recordOf(
	entry: Pick<AuditEntry, 'target_type' | 'target_id' | 'detail'>,
	names: ReadonlyMap<string, string>,
	rights: LinkRights
): RecordRef | null {
	const { target_type: type, target_id: id } = entry;
	if (!type || !id) return null;
	const d = publicDetail(entry.detail);
	const ref = (label: string, href: string | null): RecordRef => ({ type, id, label, href });
	const e = encodeURIComponent(id);
	const titled = (what: string, title: unknown) => (str(title) ? `${what} “${title}”` : what);
	switch (type) {
		case 'plan_version': {
			const planId = str(d.planId);
			const label = str(d.number) ? `plan version ${d.number}` : 'plan version';
			return ref(label, planId ? `/plans/${encodeURIComponent(planId)}/versions/${e}` : null);
		}
		case 'plan':
			return ref(titled('plan', d.title), `/plans/${e}`);
		case 'drill':
			return ref(titled('drill', d.title), `/drills/${e}`);
		case 'drill_series':
			return ref(titled('recurring series', d.title), `/drills/series/${e}`);
		case 'corrective_action': {
			const label = typeof d.number === 'number' ? `A-${d.number}` : (str(d.action) ?? '');
			return ref(`corrective action ${label}`.trim(), `/lessons/actions/${e}`);
		}
		case 'finding':
			return ref(
				typeof d.number === 'number' ? `finding F-${d.number}` : 'finding',
				`/lessons/findings/${e}`
			);
		case 'incident_review':
			return ref(`incident review ${str(d.reference) ?? ''}`.trim(), `/lessons/incidents/${e}`);
		case 'scenario':
			return ref(titled('scenario', d.title), `/scenarios/${e}`);
		case 'report':
			return ref(`report ${id}`, '/reports');
		case 'framework':
			return ref(titled('framework', d.name), '/programme');
		case 'user':
			return ref(names.get(id) ?? 'a user', rights.users ? `/admin/users/${e}` : null);
		case 'calendar_feed':
			return ref(`calendar feed of ${names.get(id) ?? 'a user'}`, null);
		case 'api_token':
			return ref(titled('API token', d.name), null);
		case 'practice_assignment':
			return ref('solo practice assignment', null);
		default:
			return ref(`${type.replace(/_/g, ' ')} ${id}`, null);
	}
}

/** Display names of the people entries were made by or are about, in one query. */
export async function namesFor(
	db: Kysely<Database>,
	entries: readonly Pick<AuditEntry, 'actor_id' | 'target_type' | 'target_id'>[]
): Promise<Map<string, string>> {
	const ids = new Set<string>();
	for (const e of entries) {
		if (e.actor_id) ids.add(e.actor_id);
		if ((e.target_type === 'user' || e.target_type === 'calendar_feed') && e.target_id)
			ids.add(e.target_id);
	}
	// Ids go to a uuid column: anything else (an old or hand-made entry) is simply unnamed.
	const wanted = [...ids].filter((id) => UUID.test(id));
	if (wanted.length === 0) return new Map();
	const rows = await db
		.selectFrom('users')
		.select(['id', 'display_name'])
		.where('id', 'in', wanted)
		.execute();
	return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function presentEntry(
	e: ListedEntry,
	names: ReadonlyMap<string, string>,
	rights: LinkRights
): AuditRow {
	return {
		seq: e.seq,
		at: e.occurred_at.toISOString(),
		atText: formatDateTime(e.occurred_at),
		actor: (e.actor_id && names.get(e.actor_id)) || e.actor_label,
		actorEmail: e.actor_label,
		action: e.action,
		sentence: describeAction(e.action, e.detail, e.target_id),
		record: recordOf(e, names, rights),
		ip: e.ip,
		fields: detailFields(e.detail)
	};
}

/** The kinds of record entries are about, for the filter's list. */
export const recordTypes = [
	{ value: 'plan', label: 'Plan' },
	{ value: 'plan_version', label: 'Plan version' },
	{ value: 'drill', label: 'Drill' },
	{ value: 'drill_series', label: 'Recurring series' },
	{ value: 'scenario', label: 'Scenario' },
	{ value: 'finding', label: 'Finding' },
	{ value: 'corrective_action', label: 'Corrective action' },
	{ value: 'incident_review', label: 'Incident review' },
	{ value: 'report', label: 'Report' },
	{ value: 'user', label: 'User' },
	{ value: 'api_token', label: 'API token' },
	{ value: 'calendar_feed', label: 'Calendar feed' },
	{ value: 'practice_assignment', label: 'Practice assignment' },
	{ value: 'framework', label: 'Framework' }
] as const;
