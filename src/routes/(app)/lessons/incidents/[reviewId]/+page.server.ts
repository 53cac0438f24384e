import { may } from '$lib/server/access/gate';
import { page } from '$lib/server/http/route';
import { minutesInWords } from '$lib/server/lessons/incident-timeliness';
import { incidentReviewDetail } from '$lib/server/lessons/incidents';
import { db } from '$lib/server/runtime';
import { clockAnchorInfo } from '$lib/plans/content';
import type { PageServerLoad } from './$types';

// One post-incident review: its facts, the decisions, each notification against the matrix
// deadline of its stage, the rows never told, and the findings drawn from it.

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const load: PageServerLoad = page('lessons.read', async (event, user) => {
	const {
		review: r,
		content,
		timeliness,
		findings
	} = await incidentReviewDetail(db(), event.params.reviewId);
	const level = content.severityScale.find((l) => l.id === r.severity);
	return {
		canEdit: may(user, 'lessons.edit'),
		review: {
			id: r.id,
			reference: r.reference,
			title: r.title,
			severity: r.severity,
			severityName: level?.name ?? '',
			planId: r.plan_id,
			planVersionId: r.plan_version_id,
			planTitle: r.planTitle,
			versionNumber: r.versionNumber,
			versionStatus: r.versionStatus,
			awareAt: iso(r.aware_at),
			declaredAt: iso(r.declared_at),
			classifiedAt: iso(r.classified_at),
			determinedAt: iso(r.determined_at),
			resolvedAt: iso(r.resolved_at),
			summary: r.summary,
			createdBy: r.createdByName,
			createdAt: iso(r.created_at),
			updatedAt: iso(r.updated_at),
			revision: r.revision,
			timeline: r.timeline.map((t) => ({ at: t.at.toISOString(), decision: t.decision, by: t.by }))
		},
		notifications: timeliness.notifications.map((n) => ({
			rowKey: n.rowKey,
			stakeholder: n.stakeholder,
			stage: n.stage,
			stageName: n.stageName,
			notifiedAt: n.notifiedAt.toISOString(),
			note: n.note ?? '',
			verdict: n.verdict,
			due: 'due' in n ? iso(n.due) : null,
			deadlines: n.deadlines.map((d) => ({
				words: d.words,
				anchor: clockAnchorInfo[d.anchor].label,
				anchorAt: iso(d.anchorAt),
				due: iso(d.due)
			})),
			verdictWords:
				n.verdict === 'on_time'
					? `On time (${minutesInWords(n.marginMinutes)} to spare)`
					: n.verdict === 'late'
						? `Late by ${minutesInWords(n.lateByMinutes)}`
						: n.verdict === 'anchor_unknown'
							? `Cannot tell: the ${n.missing.map((a) => clockAnchorInfo[a].label).join(' and ')} time is not recorded`
							: n.verdict === 'not_required'
								? `Not required at ${r.severity}`
								: 'No longer in this version’s matrix'
		})),
		missing: timeliness.missing.map((m) => ({
			...m,
			stages: m.stages.map((s) => ({ ...s, due: iso(s.due) }))
		})),
		findings
	};
});
