import type { Kysely } from 'kysely';
import type { ActionStatus, FindingKind, VerificationKind } from '../../lessons/words';
import { can, type Role } from '../../permissions';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { formatVersionNumber } from '../plans/version-number';
import { contentOf } from '../plans/versions';
import { isUuid } from '../users/users';
import { actionLinks, linkOf } from './joins';
import { listActions, type ActionListItem } from './list';
import { namedSections, sectionsOf, type SectionRef } from './section-history';
import { refOfRow, sourceSummary, type SourceSummary } from './sources';

// One corrective action as its page and the API show it: the row, its finding and source,
// its history, the plan versions it is linked to (a draft addressing it, the approved
// version that resolved it) and the evidence that verified it.

export type ActionEvent = {
	id: string;
	at: Date;
	byName: string | null;
	kind: string;
	from: ActionStatus | null;
	to: ActionStatus | null;
	note: string | null;
	detail: Record<string, unknown>;
};

export type PlanLink = {
	versionId: string;
	planId: string;
	planTitle: string;
	/** "1.3", or "draft" while the version is open. */
	number: string;
	status: string;
	sectionKeys: string[];
	/** The same keys as the version numbers and names them ("2.3 Notification and escalation"). */
	sections: SectionRef[];
};

export type ActionView = ActionListItem & {
	revision: number;
	cancelReason: string | null;
	createdAt: Date;
	createdByName: string;
	finding: {
		id: string;
		number: number;
		kind: FindingKind;
		title: string;
		observation: string;
		objectiveId: string | null;
		capability: string | null;
	};
	sourceDetail: SourceSummary;
	history: ActionEvent[];
	planLinks: PlanLink[];
	resolvedBy: { versionId: string; planId: string; name: string } | null;
	verification: {
		kind: VerificationKind;
		drill: { id: string; title: string; endedAt: Date | null } | null;
		planVersion: { id: string; planId: string; name: string } | null;
		note: string | null;
		reference: string | null;
		byName: string | null;
		at: Date | null;
	} | null;
};

async function versionName(db: Kysely<Database>, id: string | null) {
	if (!id) return null;
	const v = await db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select(['v.id', 'v.plan_id', 'v.major', 'v.minor', 'p.title'])
		.where('v.id', '=', id)
		.executeTakeFirst();
	return v ? { id: v.id, planId: v.plan_id, name: `${v.title} v${formatVersionNumber(v)}` } : null;
}

/** The action with everything about it, or NotFoundError. The caller has checked access. */
export async function getAction(db: Kysely<Database>, actionId: string): Promise<ActionView> {
	if (!isUuid(actionId)) throw new NotFoundError('No such corrective action.');
	const [item] = await listActions(db, { actionId });
	if (!item) throw new NotFoundError('No such corrective action.');
	const row = await db
		.selectFrom('corrective_actions as a')
		.innerJoin('users as c', 'c.id', 'a.created_by')
		.leftJoin('users as v', 'v.id', 'a.verified_by')
		.innerJoin('findings as f', 'f.id', 'a.finding_id')
		.select([
			'a.revision',
			'a.cancel_reason',
			'a.created_at',
			'c.display_name as created_by_name',
			'a.verified_by_kind',
			'a.verified_drill_id',
			'a.verified_plan_version_id',
			'a.verification_note',
			'a.verification_reference',
			'v.display_name as verified_by_name',
			'a.verified_at',
			'a.resolved_by_version_id',
			'f.id as finding_id',
			'f.number as finding_number',
			'f.kind',
			'f.title',
			'f.observation',
			'f.objective_id',
			'f.capability',
			'f.drill_id',
			'f.incident_review_id'
		])
		.where('a.id', '=', actionId)
		.executeTakeFirstOrThrow();
	const [history, links, sourceDetail, resolved, verifiedVersion, verifiedDrill] =
		await Promise.all([
			db
				.selectFrom('corrective_action_events as e')
				.leftJoin('users as u', 'u.id', 'e.by')
				.select([
					'e.id',
					'e.at',
					'u.display_name',
					'e.kind',
					'e.from_status',
					'e.to_status',
					'e.note',
					'e.detail'
				])
				.where('e.action_id', '=', actionId)
				.orderBy('e.at')
				.orderBy('e.id')
				.execute(),
			actionLinks(db)
				.select('v.content')
				.where('pva.action_id', '=', actionId)
				.orderBy('pva.added_at')
				.execute(),
			sourceSummary(db, refOfRow(row)),
			versionName(db, row.resolved_by_version_id),
			versionName(db, row.verified_plan_version_id),
			row.verified_drill_id
				? db
						.selectFrom('drills')
						.select(['id', 'title', 'ended_at'])
						.where('id', '=', row.verified_drill_id)
						.executeTakeFirst()
				: undefined
		]);
	return {
		...item,
		revision: row.revision,
		cancelReason: row.cancel_reason,
		createdAt: row.created_at,
		createdByName: row.created_by_name,
		finding: {
			id: row.finding_id,
			number: row.finding_number,
			kind: row.kind,
			title: row.title,
			observation: row.observation,
			objectiveId: row.objective_id,
			capability: row.capability
		},
		sourceDetail,
		history: history.map((e) => ({
			id: e.id,
			at: e.at,
			byName: e.display_name,
			kind: e.kind,
			from: e.from_status,
			to: e.to_status,
			note: e.note,
			detail: (e.detail ?? {}) as Record<string, unknown>
		})),
		planLinks: links.map((l) => {
			const link = linkOf(l);
			return { ...link, sections: namedSections(link.sectionKeys, sectionsOf(contentOf(l))) };
		}),
		resolvedBy: resolved
			? { versionId: resolved.id, planId: resolved.planId, name: resolved.name }
			: null,
		verification: row.verified_by_kind
			? {
					kind: row.verified_by_kind,
					drill: verifiedDrill
						? { id: verifiedDrill.id, title: verifiedDrill.title, endedAt: verifiedDrill.ended_at }
						: null,
					planVersion: verifiedVersion,
					note: row.verification_note,
					reference: row.verification_reference,
					byName: row.verified_by_name,
					at: row.verified_at
				}
			: null
	};
}

/**
 * The action as this user may see it: readers of lessons see every action, owners their
 * own; to anyone else it does not exist.
 */
export async function actionFor(
	db: Kysely<Database>,
	user: { id: string; role: Role },
	actionId: string
): Promise<ActionView> {
	const action = await getAction(db, actionId);
	if (can(user.role, 'lessons.read')) return action;
	if (can(user.role, 'actions.own') && action.ownerId === user.id) return action;
	throw new NotFoundError('No such corrective action.');
}
