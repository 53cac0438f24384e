import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { formRows } from '$lib/server/http/form';
import {
	MAX_NOTIFICATION_ROWS,
	MAX_TIMELINE_ROWS,
	type IncidentInput,
	type IncidentReview
} from '$lib/server/lessons/incidents';
import { contentOf } from '$lib/server/plans/versions';
import { formatVersionNumber } from '$lib/server/plans/version-number';
import { stageInWords } from '$lib/plans/matrix-words';
import type { IncidentFormValues, VersionChoice } from './form-types';

// The incident review form: what it offers (every plan's approved and superseded versions
// with their severities and matrix rows), what it posts (plain fields, and repeated rows
// `timeline-N-…` and `notifications-N-…`), and what goes back to it after a refusal.

/** Blank rows offered under the filled ones (more with "More rows"). */
export const BLANK_ROWS = 3;

export async function versionChoices(db: Kysely<Database>): Promise<VersionChoice[]> {
	const rows = await db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select([
			'v.id',
			'v.plan_id',
			'p.title',
			'v.status',
			'v.major',
			'v.minor',
			'v.approved_at',
			'v.content'
		])
		.where('v.status', 'in', ['approved', 'superseded'])
		.orderBy('p.title')
		.orderBy('v.approved_at', 'desc')
		.execute();
	return rows.map((v) => {
		const content = contentOf(v);
		return {
			id: v.id,
			planId: v.plan_id,
			planTitle: v.title,
			number: formatVersionNumber(v),
			inForce: v.status === 'approved',
			severities: content.severityScale.map((l) => ({ id: l.id, name: l.name })),
			rows: content.matrix.map((r) => ({
				key: r.key,
				stakeholder: r.stakeholder,
				stages: Object.fromEntries(
					Object.entries(r.notifications).map(([sev, rule]) => [
						sev,
						rule.notify ? rule.stages.map((s) => stageInWords(s)) : []
					])
				)
			}))
		};
	});
}

const one = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

const FIELDS = [
	'reference',
	'title',
	'severity',
	'planId',
	'planVersionId',
	'awareAt',
	'declaredAt',
	'classifiedAt',
	'determinedAt',
	'resolvedAt',
	'summary'
] as const;

/** The form as typed, for showing it again. */
export function formValues(form: FormData): IncidentFormValues {
	const plain = Object.fromEntries(FIELDS.map((f) => [f, one(form, f)])) as Record<
		(typeof FIELDS)[number],
		string
	>;
	return {
		...plain,
		timeline: formRows(form, 'timeline', MAX_TIMELINE_ROWS + 1).map((r) => ({
			at: r.at ?? '',
			decision: r.decision ?? '',
			by: r.by ?? ''
		})),
		notifications: formRows(form, 'notifications', MAX_NOTIFICATION_ROWS + 1).map((r) => ({
			target: r.target ?? '',
			notifiedAt: r.notifiedAt ?? '',
			note: r.note ?? ''
		}))
	};
}

/** The values as the domain takes them: the target `rowKey#stage` split in two. */
export function inputOf(values: IncidentFormValues): IncidentInput {
	return {
		...values,
		timeline: values.timeline,
		notifications: values.notifications.map((n) => {
			const cut = n.target.lastIndexOf('#');
			return {
				rowKey: cut < 0 ? n.target : n.target.slice(0, cut),
				stage: cut < 0 ? '0' : n.target.slice(cut + 1),
				notifiedAt: n.notifiedAt,
				note: n.note
			};
		})
	};
}

/** `YYYY-MM-DDTHH:MM` in UTC, as a datetime-local input shows it. */
export const inputTime = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : '');

export function valuesOfReview(r: IncidentReview): IncidentFormValues {
	return {
		reference: r.reference,
		title: r.title,
		severity: r.severity,
		planId: r.plan_id,
		planVersionId: r.plan_version_id,
		awareAt: inputTime(r.aware_at),
		declaredAt: inputTime(r.declared_at),
		classifiedAt: inputTime(r.classified_at),
		determinedAt: inputTime(r.determined_at),
		resolvedAt: inputTime(r.resolved_at),
		summary: r.summary,
		timeline: r.timeline.map((t) => ({ at: inputTime(t.at), decision: t.decision, by: t.by })),
		notifications: r.notifications.map((n) => ({
			target: `${n.rowKey}#${n.stage}`,
			notifiedAt: inputTime(n.notifiedAt),
			note: n.note
		}))
	};
}

export function blankValues(choices: VersionChoice[]): IncidentFormValues {
	const first = choices.find((v) => v.inForce) ?? choices[0];
	return {
		reference: '',
		title: '',
		severity: '',
		planId: first?.planId ?? '',
		planVersionId: '',
		awareAt: '',
		declaredAt: '',
		classifiedAt: '',
		determinedAt: '',
		resolvedAt: '',
		summary: '',
		timeline: [],
		notifications: []
	};
}

/** "More rows": the form again as typed, with more blank rows, nothing saved. */
export function withMoreRows(values: IncidentFormValues, form: FormData): IncidentFormValues {
	const which = one(form, 'more');
	const add = 5;
	return {
		...values,
		timeline:
			which === 'timeline'
				? [
						...values.timeline.filter((t) => t.at || t.decision || t.by),
						...Array.from({ length: add }, () => ({ at: '', decision: '', by: '' }))
					].slice(0, MAX_TIMELINE_ROWS)
				: values.timeline,
		notifications:
			which === 'notifications'
				? [
						...values.notifications.filter((n) => n.target || n.notifiedAt || n.note),
						...Array.from({ length: add }, () => ({ target: '', notifiedAt: '', note: '' }))
					].slice(0, MAX_NOTIFICATION_ROWS)
				: values.notifications
	};
}
