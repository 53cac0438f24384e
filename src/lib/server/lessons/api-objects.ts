import { actionLabel, findingLabel } from '../../lessons/words';
import type { ActionView } from './action-view';
import type { FindingView } from './finding-view';
import type { ActionListItem, ActionSourceRef, FindingListItem } from './list';
import type { SourceSummary } from './sources';

// Findings and corrective actions as the API answers them: camelCase, with their short
// labels (F-4, A-12), one place per record kind.

const sourceObject = (s: ActionSourceRef) =>
	s.kind === 'drill'
		? { kind: 'drill' as const, drillId: s.id, title: s.title }
		: { kind: 'incident' as const, incidentReviewId: s.id, reference: s.reference, title: s.title };

const sourceDetailObject = (s: SourceSummary) => ({
	...(s.kind === 'drill'
		? { kind: 'drill' as const, drillId: s.id, title: s.title, endedAt: s.at }
		: {
				kind: 'incident' as const,
				incidentReviewId: s.id,
				reference: s.reference,
				title: s.title,
				awareAt: s.at
			}),
	planId: s.planId,
	planVersionId: s.planVersionId,
	planVersion: `${s.planTitle} v${s.planNumber}`
});

export function findingListObject(f: FindingListItem) {
	return {
		id: f.id,
		number: f.number,
		label: findingLabel(f.number),
		kind: f.kind,
		title: f.title,
		objectiveId: f.objectiveId,
		capability: f.capability,
		source: sourceObject(f.source),
		actions: f.actions,
		openActions: f.openActions,
		createdAt: f.createdAt
	};
}

export function actionListObject(a: ActionListItem) {
	return {
		id: a.id,
		number: a.number,
		label: actionLabel(a.number),
		finding: { id: a.findingId, label: findingLabel(a.findingNumber), title: a.findingTitle },
		capability: a.capability,
		action: a.action,
		element: a.element,
		organisation: a.organisation,
		owner: { id: a.ownerId, name: a.ownerName },
		startDate: a.startDate,
		dueDate: a.dueDate,
		completedDate: a.completedDate,
		status: a.status,
		overdue: a.overdue,
		verifiedBy: a.verifiedByKind,
		source: sourceObject(a.source),
		updatedAt: a.updatedAt
	};
}

export function findingObject(f: FindingView) {
	return {
		id: f.id,
		number: f.number,
		label: findingLabel(f.number),
		kind: f.kind,
		title: f.title,
		observation: f.observation,
		observationId: f.observationId,
		objective: f.objective,
		capability: f.capability,
		reference: {
			section: f.reference
				? {
						planId: f.reference.planId,
						planVersionId: f.reference.planVersionId,
						key: f.reference.sectionKey,
						number: f.reference.section?.number ?? null,
						title: f.reference.section?.title ?? null
					}
				: null,
			text: f.referenceText
		},
		analysis: f.analysis,
		recommendation: f.recommendation,
		revision: f.revision,
		createdBy: f.createdByName,
		createdAt: f.createdAt,
		updatedAt: f.updatedAt,
		source: sourceDetailObject(f.source),
		actions: f.actions.map(actionListObject)
	};
}

export function actionObject(a: ActionView) {
	return {
		...actionListObject(a),
		finding: {
			id: a.finding.id,
			label: findingLabel(a.finding.number),
			kind: a.finding.kind,
			title: a.finding.title,
			objectiveId: a.finding.objectiveId,
			capability: a.finding.capability
		},
		source: sourceDetailObject(a.sourceDetail),
		revision: a.revision,
		cancelReason: a.cancelReason,
		createdBy: a.createdByName,
		createdAt: a.createdAt,
		history: a.history.map((e) => ({
			at: e.at,
			by: e.byName,
			kind: e.kind,
			from: e.from,
			to: e.to,
			note: e.note,
			detail: e.detail
		})),
		planLinks: a.planLinks.map((l) => ({
			planId: l.planId,
			planVersionId: l.versionId,
			version: `${l.planTitle} v${l.number}`,
			status: l.status,
			sectionKeys: l.sectionKeys
		})),
		resolvedBy: a.resolvedBy
			? {
					planId: a.resolvedBy.planId,
					planVersionId: a.resolvedBy.versionId,
					version: a.resolvedBy.name
				}
			: null,
		verification: a.verification
			? {
					kind: a.verification.kind,
					drill: a.verification.drill,
					planVersion: a.verification.planVersion
						? {
								planId: a.verification.planVersion.planId,
								planVersionId: a.verification.planVersion.id,
								version: a.verification.planVersion.name
							}
						: null,
					note: a.verification.note,
					reference: a.verification.reference,
					by: a.verification.byName,
					at: a.verification.at
				}
			: null
	};
}
