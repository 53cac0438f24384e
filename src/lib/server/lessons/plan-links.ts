import type { Kysely, Transaction } from 'kysely';
import { actionLabel, findingLabel, type ActionStatus } from '../../lessons/words';
import { statusLabels } from '../../plans/status';
import * as audit from '../audit/log';
import type { AuditActor } from '../audit/log';
import type { Database, PlanVersion, PlanVersionStatus } from '../db/schema';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { PlanRuleError } from '../plans/errors';
import { formatVersionNumber } from '../plans/version-number';
import { contentOf, OPEN_STATUSES, openDraft } from '../plans/versions';
import { isUuid } from '../users/users';
import { holds, type LessonActor } from './actor';
import { actionLinks, linkOf, planById } from './joins';
import {
	keysOf,
	namedSections,
	sectionsOf,
	sourceColumns,
	sourceRef,
	type SectionRef,
	type SourceRef
} from './section-history';

export { sectionLessons } from './section-history';

// The plan change trace, its first half: a lead links a corrective action to the plan's draft
// (opening one when there is none) and ticks the sections the change touches; the draft then
// lists the actions it resolves, and its approval records "resolved by plan v1.3" on each.
//
// Row locks, always in this order: the plan, its open version, the action, then the audit
// trail's lock (audit.append). approve() locks the version first and the linked actions
// before it writes to the audit trail (resolveActionsOnApproval is called early), so a link
// and an approval of the same draft run one after the other: a link either lands before the
// version went to review (and its approval records it) or is refused.

/** Versions whose links may still change: a draft, or one sent back with changes requested. */
const LINKABLE: PlanVersionStatus[] = ['draft', 'changes_requested'];
const MAX_KEYS = 200;

const target = (actionId: string) => ({ type: 'corrective_action', id: actionId });
const versionName = (v: { major: number | null; minor: number | null }) =>
	v.major === null ? 'draft' : `draft v${formatVersionNumber(v)}`;
const sectionWords = (sections: SectionRef[]) =>
	sections.map((s) => (s.number ? `${s.number} ${s.title}` : s.key)).join(', ');

/** Why the plan's open version takes no links now, or null. */
const refusalOf = (open: Pick<PlanVersion, 'status' | 'major' | 'minor'> | undefined) =>
	open && !LINKABLE.includes(open.status)
		? `The plan's ${versionName(open)} is ${statusLabels[open.status]}: send it back (request changes) before linking more actions to it.`
		: null;

/** The plan's open version (a draft, one sent back or one in review), if any. */
function openVersion(db: Kysely<Database>, planId: string, { lock = false } = {}) {
	let query = db
		.selectFrom('plan_versions')
		.selectAll()
		.where('plan_id', '=', planId)
		.where('status', 'in', OPEN_STATUSES);
	if (lock) query = query.forUpdate();
	return query.executeTakeFirst();
}

function assertMayLink(actor: { role: LessonActor['role'] }) {
	if (!holds(actor, 'lessons.edit'))
		throw new ForbiddenError('Only a SOC lead or an admin links actions to plan drafts.');
}

function cleanKeys(sectionKeys: readonly unknown[]): string[] {
	const keys = [
		...new Set(sectionKeys.map((k) => (typeof k === 'string' ? k.trim() : '')).filter(Boolean))
	];
	if (keys.length === 0)
		throw new InvalidInputError('Tick at least one section the change touches.', 'sectionKeys');
	if (keys.length > MAX_KEYS)
		throw new InvalidInputError(`Tick at most ${MAX_KEYS} sections.`, 'sectionKeys');
	return keys;
}

/**
 * Links an action to the plan's draft, marking the sections the change touches (replacing
 * the sections of an earlier link of the same action to that draft). Opens the draft from the
 * version in force when the plan has none; refuses a draft in review. Returns the draft's id.
 */
export async function linkActionToPlan(
	trx: Transaction<Database>,
	actor: LessonActor,
	actionId: string,
	planId: string,
	sectionKeys: readonly unknown[],
	now: Date
): Promise<string> {
	assertMayLink(actor);
	const keys = cleanKeys(sectionKeys);
	const plan = await planById(trx, planId, { lock: true });
	const open = await openVersion(trx, plan.id, { lock: true });
	const refusal = refusalOf(open);
	if (refusal) throw new ConflictError(refusal);
	const action = isUuid(actionId)
		? await trx
				.selectFrom('corrective_actions')
				.select(['id', 'number', 'status'])
				.where('id', '=', actionId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!action) throw new NotFoundError('No such corrective action.');
	if (action.status === 'cancelled')
		throw new ConflictError('This action was cancelled: it needs no plan change.', 'status');

	// Any error below rolls the new draft back with the rest: nothing is half-saved.
	const draft = open ?? (await openDraft(trx, actor, plan.id));
	const sections = sectionsOf(contentOf(draft));
	const have = new Set(sections.map((s) => s.key));
	const missing = keys.find((k) => !have.has(k));
	if (missing !== undefined)
		throw new InvalidInputError(
			`The plan's draft has no section with the key “${missing.slice(0, 80)}”.`,
			'sectionKeys'
		);

	const before = await trx
		.selectFrom('plan_version_actions')
		.select('section_keys')
		.where('plan_version_id', '=', draft.id)
		.where('action_id', '=', action.id)
		.executeTakeFirst();
	const stored = JSON.stringify(keys);
	await trx
		.insertInto('plan_version_actions')
		.values({
			plan_version_id: draft.id,
			action_id: action.id,
			section_keys: stored,
			added_by: actor.id,
			added_at: now
		})
		.onConflict((oc) =>
			oc.columns(['plan_version_id', 'action_id']).doUpdateSet({ section_keys: stored })
		)
		.execute();
	const named = namedSections(keys, sections);
	const detail = {
		planId: plan.id,
		versionId: draft.id,
		sectionKeys: keys,
		previousSectionKeys: before ? keysOf(before.section_keys) : null,
		openedDraft: !open
	};
	await trx
		.insertInto('corrective_action_events')
		.values({
			action_id: action.id,
			at: now,
			by: actor.id,
			kind: 'linked',
			note: `${before ? 'Sections changed in' : 'Linked to'} the ${versionName(draft)} of ${plan.title}: ${sectionWords(named)}`,
			detail: JSON.stringify(detail)
		})
		.execute();
	await audit.append(trx, actor, 'action.linked', target(action.id), {
		action: actionLabel(action.number),
		...detail
	});
	return draft.id;
}

/** Removes an action from a draft's list (drafts and versions sent back only). */
export async function unlinkAction(
	trx: Transaction<Database>,
	actor: LessonActor,
	versionId: string,
	actionId: string,
	now: Date
): Promise<{ planId: string }> {
	assertMayLink(actor);
	const version = isUuid(versionId)
		? await trx
				.selectFrom('plan_versions')
				.select(['id', 'plan_id', 'status', 'major', 'minor'])
				.where('id', '=', versionId)
				.forUpdate()
				.executeTakeFirst()
		: undefined;
	if (!version) throw new NotFoundError('No such plan version.');
	if (!LINKABLE.includes(version.status))
		throw new ConflictError(
			`This version is ${statusLabels[version.status]}: only a draft's actions can be unlinked.`
		);
	const removed = isUuid(actionId)
		? await trx
				.deleteFrom('plan_version_actions')
				.where('plan_version_id', '=', version.id)
				.where('action_id', '=', actionId)
				.returning('section_keys')
				.executeTakeFirst()
		: undefined;
	if (!removed) throw new NotFoundError('This action is not linked to this version.');
	const action = await trx
		.selectFrom('corrective_actions')
		.select(['id', 'number'])
		.where('id', '=', actionId)
		.executeTakeFirstOrThrow();
	const detail = {
		planId: version.plan_id,
		versionId: version.id,
		sectionKeys: keysOf(removed.section_keys)
	};
	await trx
		.insertInto('corrective_action_events')
		.values({
			action_id: action.id,
			at: now,
			by: actor.id,
			kind: 'unlinked',
			note: `Unlinked from the ${versionName(version)}`,
			detail: JSON.stringify(detail)
		})
		.execute();
	await audit.append(trx, actor, 'action.unlinked', target(action.id), {
		action: actionLabel(action.number),
		...detail
	});
	return { planId: version.plan_id };
}

/**
 * Called by approve() (plans/versions.ts) for the version being approved, before it writes
 * to the audit trail: locks the linked actions, checks that every section they name is still
 * in the version, and records "resolved by plan v1.3" on each. The actions' status does not
 * move (the owner still marks the work done); the version becomes evidence for verifying them.
 */
export async function resolveActionsOnApproval(
	trx: Transaction<Database>,
	actor: AuditActor & { id: string },
	version: Pick<PlanVersion, 'id' | 'plan_id' | 'major' | 'minor' | 'content'>,
	now: Date
): Promise<{ actionId: string; number: number }[]> {
	const links = await trx
		.selectFrom('plan_version_actions')
		.select(['action_id', 'section_keys'])
		.where('plan_version_id', '=', version.id)
		.execute();
	if (links.length === 0) return [];
	const actions = await trx
		.selectFrom('corrective_actions')
		.select(['id', 'number'])
		.where(
			'id',
			'in',
			links.map((l) => l.action_id)
		)
		.orderBy('id')
		.forUpdate()
		.execute();
	const numberOf = new Map(actions.map((a) => [a.id, a.number]));
	const number = formatVersionNumber(version);
	const have = new Set(contentOf(version).sections.map((s) => s.key));
	for (const link of links) {
		const missing = keysOf(link.section_keys).find((k) => !have.has(k));
		if (missing !== undefined)
			throw new PlanRuleError(
				`Action ${actionLabel(numberOf.get(link.action_id) ?? 0)} is linked to section “${missing}”, which version ${number} no longer has: send the version back, then change the action's sections or unlink it.`,
				409
			);
	}
	await trx
		.updateTable('corrective_actions')
		.set({ resolved_by_version_id: version.id, updated_at: now })
		.where(
			'id',
			'in',
			links.map((l) => l.action_id)
		)
		.execute();
	const note = `resolved by plan v${number}`;
	const resolved = [];
	for (const link of links) {
		const detail = {
			planId: version.plan_id,
			versionId: version.id,
			number,
			sectionKeys: keysOf(link.section_keys)
		};
		await trx
			.insertInto('corrective_action_events')
			.values({
				action_id: link.action_id,
				at: now,
				by: actor.id,
				kind: 'resolved',
				note,
				detail: JSON.stringify(detail)
			})
			.execute();
		const n = numberOf.get(link.action_id) ?? 0;
		await audit.append(trx, actor, 'action.resolved', target(link.action_id), {
			action: actionLabel(n),
			...detail
		});
		resolved.push({ actionId: link.action_id, number: n });
	}
	return resolved;
}

export type VersionAction = {
	action: {
		id: string;
		number: number;
		label: string;
		text: string;
		status: ActionStatus;
		ownerName: string;
		dueDate: string;
	};
	finding: { id: string; number: number; label: string; title: string };
	source: SourceRef | null;
	sectionKeys: string[];
	/** The sections as this version has them; `number` null for a key it no longer has. */
	sections: SectionRef[];
	addedAt: Date;
	addedBy: string;
	/** This version's approval recorded it. */
	resolvedHere: boolean;
};

/** The actions a version resolves (or, for a draft, will), with the sections each touches. */
export async function actionsOfVersion(
	db: Kysely<Database>,
	versionId: string
): Promise<VersionAction[]> {
	if (!isUuid(versionId)) return [];
	const rows = await db
		.selectFrom('plan_version_actions as pva')
		.innerJoin('corrective_actions as a', 'a.id', 'pva.action_id')
		.innerJoin('findings as f', 'f.id', 'a.finding_id')
		.leftJoin('users as owner', 'owner.id', 'a.owner_id')
		.leftJoin('users as adder', 'adder.id', 'pva.added_by')
		.leftJoin('drills as d', 'd.id', 'f.drill_id')
		.leftJoin('incident_reviews as i', 'i.id', 'f.incident_review_id')
		.select([
			'pva.section_keys',
			'pva.added_at',
			'adder.display_name as added_by_name',
			'a.id as action_id',
			'a.number as action_number',
			'a.action as action_text',
			'a.status as action_status',
			'a.due_date',
			'a.resolved_by_version_id',
			'owner.display_name as owner_name',
			'f.id as finding_id',
			'f.number as finding_number',
			'f.title as finding_title',
			...sourceColumns
		])
		.where('pva.plan_version_id', '=', versionId)
		.orderBy('a.number')
		.execute();
	// Most versions resolve no action: their content (large) is read only when some link names sections.
	if (rows.length === 0) return [];
	const version = await db
		.selectFrom('plan_versions')
		.select(['id', 'content'])
		.where('id', '=', versionId)
		.executeTakeFirstOrThrow();
	const sections = sectionsOf(contentOf(version));
	const order = new Map(sections.map((s, i) => [s.key, i]));
	return rows.map((r) => {
		const keys = keysOf(r.section_keys).sort(
			(a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity)
		);
		return {
			action: {
				id: r.action_id,
				number: r.action_number,
				label: actionLabel(r.action_number),
				text: r.action_text,
				status: r.action_status,
				ownerName: r.owner_name ?? 'former user',
				dueDate: r.due_date
			},
			finding: {
				id: r.finding_id,
				number: r.finding_number,
				label: findingLabel(r.finding_number),
				title: r.finding_title
			},
			source: sourceRef(r),
			sectionKeys: keys,
			sections: namedSections(keys, sections),
			addedAt: r.added_at,
			addedBy: r.added_by_name ?? 'former user',
			resolvedHere: r.resolved_by_version_id === version.id
		};
	});
}

/** An action as the "link to a plan" page shows it, with its source's plan and its links. */
export async function actionForLinking(db: Kysely<Database>, actionId: string) {
	const row = isUuid(actionId)
		? await db
				.selectFrom('corrective_actions as a')
				.innerJoin('findings as f', 'f.id', 'a.finding_id')
				.leftJoin('drills as d', 'd.id', 'f.drill_id')
				.leftJoin('incident_reviews as i', 'i.id', 'f.incident_review_id')
				.select([
					'a.id',
					'a.number',
					'a.action',
					'a.status',
					'f.id as finding_id',
					'f.number as finding_number',
					'f.title as finding_title',
					'f.reference_plan_id',
					'f.reference_section_key',
					'd.plan_id as drill_plan_id',
					'i.plan_id as incident_plan_id',
					...sourceColumns
				])
				.where('a.id', '=', actionId)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such corrective action.');
	const links = await actionLinks(db)
		.where('pva.action_id', '=', row.id)
		.orderBy('pva.added_at')
		.execute();
	return {
		id: row.id,
		number: row.number,
		label: actionLabel(row.number),
		text: row.action,
		status: row.status,
		finding: {
			id: row.finding_id,
			label: findingLabel(row.finding_number),
			title: row.finding_title,
			referencePlanId: row.reference_plan_id,
			referenceSectionKey: row.reference_section_key
		},
		source: sourceRef(row),
		/** The plan the drill or incident ran against: preselected. */
		sourcePlanId: row.drill_plan_id ?? row.incident_plan_id ?? null,
		links: links.map(linkOf)
	};
}

/**
 * Where a link to this plan would land: its open version (a draft, one sent back, or one in
 * review, which refuses links) or, when there is none, the version in force that the new
 * draft is copied from. Sections are the ones the lead may tick.
 */
export async function linkTarget(db: Kysely<Database>, planId: string) {
	const plan = await planById(db, planId);
	const open = await openVersion(db, plan.id);
	const version =
		open ??
		(await db
			.selectFrom('plan_versions')
			.selectAll()
			.where('plan_id', '=', plan.id)
			.where('status', '=', 'approved')
			.executeTakeFirst());
	return {
		plan,
		version: version
			? {
					id: version.id,
					number: formatVersionNumber(version),
					status: version.status,
					sections: sectionsOf(contentOf(version))
				}
			: null,
		/** Linking opens a new draft from the version in force. */
		opensDraft: !open,
		/** The open version is in review: links wait until it is sent back. */
		refusal: refusalOf(open) ?? (!version ? 'This plan has no version to link to yet.' : null)
	};
}
