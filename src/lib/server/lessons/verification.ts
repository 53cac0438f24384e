import type { Kysely, Transaction } from 'kysely';
import { actionLabel, actionStatusLabels } from '../../lessons/words';
import { capabilityLabel } from '../../scenarios/labels';
import * as audit from '../audit/log';
import type { CorrectiveActionRow, Database, HseepRating } from '../db/schema';
import { drillResults, type DrillResults } from '../drills/results';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { formatVersionNumber } from '../plans/version-number';
import { isUuid } from '../users/users';
import type { LessonActor } from './actor';
import { actionTarget, lockAction, recordEvent } from './action-rows';
import { assertLessonEditor, requiredText } from './checks';
import { refOfRow, sourceSummary } from './sources';

// Closing the loop: a done action is verified by evidence. A later team drill whose final
// HSEEP rating (an override wins) is P or S for the finding's objective, or, where that
// objective was not assessed, for the action's capability; an approved plan version that
// carries the change; or a lead's note with a reference to the evidence.

export type Evidence =
	| { kind: 'drill'; drillId: string }
	| { kind: 'plan_version'; versionId: string }
	| { kind: 'note'; note: string; reference: string };

type Target = {
	objectiveId: string | null;
	capability: string | null;
	/** The source's moment: a re-test must end after it. */
	after: Date;
	sourceDrillId: string | null;
};

export type DrillVerdict = {
	/** The final rating the verdict rests on; null when the drill assessed neither. */
	rating: HseepRating | null;
	on: 'objective' | 'capability' | null;
	objective: { id: string; text: string; rating: HseepRating | null } | null;
	capability: { id: string; rating: HseepRating | null } | null;
	verifies: boolean;
	/** In words, for the form and for refusals. */
	explanation: string;
};

const good = (r: HseepRating | null) => r === 'P' || r === 'S';

/** What a drill's results say about the finding's objective or the action's capability. */
export function judgeDrill(results: DrillResults, target: Target): DrillVerdict {
	const o = target.objectiveId
		? results.objectives.find((x) => x.objectiveId === target.objectiveId)
		: undefined;
	const c = target.capability
		? results.capabilities.find((x) => x.capability === target.capability)
		: undefined;
	const objective = o ? { id: o.objectiveId, text: o.text, rating: o.rating } : null;
	const capability = c ? { id: c.capability as string, rating: c.rating } : null;
	if (objective?.rating) {
		const verifies = good(objective.rating);
		return {
			rating: objective.rating,
			on: 'objective',
			objective,
			capability,
			verifies,
			explanation: `Objective "${objective.text}" rated ${objective.rating}${verifies ? '' : ': a re-test verifies with P or S'}.`
		};
	}
	if (capability?.rating) {
		const verifies = good(capability.rating);
		return {
			rating: capability.rating,
			on: 'capability',
			objective,
			capability,
			verifies,
			explanation: `${capabilityLabel(capability.id)} rated ${capability.rating}${verifies ? '' : ': a re-test verifies with P or S'}.`
		};
	}
	const what = [
		target.objectiveId ? `objective "${target.objectiveId}"` : null,
		target.capability ? `the capability ${capabilityLabel(target.capability)}` : null
	]
		.filter(Boolean)
		.join(' nor ');
	return {
		rating: null,
		on: null,
		objective,
		capability,
		verifies: false,
		explanation: what
			? `This drill did not assess ${what}.`
			: 'The finding names no objective or capability a drill could re-test.'
	};
}

async function targetOf(db: Kysely<Database>, row: CorrectiveActionRow): Promise<Target> {
	const finding = await db
		.selectFrom('findings')
		.select(['objective_id', 'capability', 'drill_id', 'incident_review_id'])
		.where('id', '=', row.finding_id)
		.executeTakeFirstOrThrow();
	const source = await sourceSummary(db, refOfRow(finding));
	return {
		objectiveId: finding.objective_id,
		capability: row.capability ?? finding.capability,
		after: source.at,
		sourceDrillId: finding.drill_id
	};
}

async function checkDrill(db: Kysely<Database>, target: Target, drillId: string) {
	const drill = isUuid(drillId)
		? await db
				.selectFrom('drills')
				.select(['id', 'title', 'mode', 'status', 'ended_at'])
				.where('id', '=', drillId)
				.executeTakeFirst()
		: undefined;
	if (!drill) throw new InvalidInputError('No such drill.', 'drillId');
	if (drill.mode === 'solo' || drill.status !== 'ended' || !drill.ended_at)
		throw new InvalidInputError('A re-test is a team drill that has ended.', 'drillId');
	if (drill.id === target.sourceDrillId)
		throw new InvalidInputError(
			'That is the drill the finding came from: a re-test is a later drill.',
			'drillId'
		);
	if (drill.ended_at <= target.after)
		throw new InvalidInputError(
			'That drill ended before the finding was made: a re-test is a later drill.',
			'drillId'
		);
	const verdict = judgeDrill(await drillResults(db, drill.id), target);
	if (!verdict.verifies)
		throw new InvalidInputError(
			`"${drill.title}" does not verify this action. ${verdict.explanation}`,
			'drillId'
		);
	return verdict;
}

async function checkPlanVersion(db: Kysely<Database>, row: CorrectiveActionRow, versionId: string) {
	const v = isUuid(versionId)
		? await db
				.selectFrom('plan_versions as v')
				.innerJoin('plans as p', 'p.id', 'v.plan_id')
				.select(['v.id', 'v.status', 'v.major', 'v.minor', 'p.title'])
				.where('v.id', '=', versionId)
				.executeTakeFirst()
		: undefined;
	if (!v) throw new InvalidInputError('No such plan version.', 'versionId');
	const name = `${v.title} v${formatVersionNumber(v)}`;
	if (v.status !== 'approved' && v.status !== 'superseded')
		throw new InvalidInputError(
			`${name} is not approved yet: only an approved version is evidence.`,
			'versionId'
		);
	const linked = await db
		.selectFrom('plan_version_actions')
		.select('action_id')
		.where('plan_version_id', '=', v.id)
		.where('action_id', '=', row.id)
		.executeTakeFirst();
	if (!linked && row.resolved_by_version_id !== v.id)
		throw new InvalidInputError(
			`${name} does not carry this action: link the action to the plan's draft, and verify once that version is approved.`,
			'versionId'
		);
	return { name };
}

/** Verifies a done action with evidence (leads); the evidence is checked, then kept. */
export async function verifyAction(
	trx: Transaction<Database>,
	actor: LessonActor,
	actionId: string,
	evidence: Evidence,
	now: Date
): Promise<void> {
	assertLessonEditor(actor, 'verify corrective actions');
	const row = await lockAction(trx, actionId);
	if (row.status !== 'done')
		throw new ConflictError(
			`Only a done action is verified; ${actionLabel(row.number)} is ${actionStatusLabels[row.status].toLowerCase()}.`,
			'status'
		);
	const set = {
		verified_drill_id: null as string | null,
		verified_plan_version_id: null as string | null,
		verification_note: null as string | null,
		verification_reference: null as string | null
	};
	let detail: Record<string, unknown>;
	if (evidence?.kind === 'drill') {
		const verdict = await checkDrill(trx, await targetOf(trx, row), evidence.drillId);
		set.verified_drill_id = evidence.drillId;
		detail = { drillId: evidence.drillId, rating: verdict.rating, on: verdict.on };
	} else if (evidence?.kind === 'plan_version') {
		const { name } = await checkPlanVersion(trx, row, evidence.versionId);
		set.verified_plan_version_id = evidence.versionId;
		detail = { versionId: evidence.versionId, version: name };
	} else if (evidence?.kind === 'note') {
		set.verification_note = requiredText(evidence.note, 'note', 4000, 'Describe the evidence.');
		set.verification_reference = requiredText(
			evidence.reference,
			'reference',
			500,
			'Give a reference to the evidence: a document, a ticket or an attachment.'
		);
		detail = { reference: set.verification_reference };
	} else
		throw new InvalidInputError(
			'Choose the evidence: a later drill, an approved plan version or a note.',
			'evidence'
		);
	await trx
		.updateTable('corrective_actions')
		.set({
			...set,
			status: 'verified',
			verified_by_kind: evidence.kind,
			verified_by: actor.id,
			verified_at: now,
			updated_at: now
		})
		.where('id', '=', row.id)
		.execute();
	await recordEvent(trx, row.id, actor.id, 'verified', now, {
		from: 'done',
		to: 'verified',
		note: set.verification_note,
		detail: { kind: evidence.kind, ...detail }
	});
	await audit.append(trx, actor, 'action.verified', actionTarget(row.id), {
		number: row.number,
		kind: evidence.kind,
		...detail
	});
}

export type DrillCandidate = {
	id: string;
	title: string;
	endedAt: Date;
	verdict: DrillVerdict;
};
export type VersionCandidate = {
	id: string;
	planId: string;
	name: string;
	approvedAt: Date | null;
};

/**
 * What the verify form offers: recent team drills ended after the source (at most 20, newest
 * first) with their rating for the objective or capability, and the approved plan versions
 * that carry the action.
 */
export async function verificationCandidates(
	db: Kysely<Database>,
	actionId: string
): Promise<{ drills: DrillCandidate[]; versions: VersionCandidate[] }> {
	const row = isUuid(actionId)
		? await db
				.selectFrom('corrective_actions')
				.selectAll()
				.where('id', '=', actionId)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such corrective action.');
	const target = await targetOf(db, row);
	let query = db
		.selectFrom('drills')
		.select(['id', 'title', 'ended_at'])
		.where('mode', '!=', 'solo')
		.where('status', '=', 'ended')
		.where('ended_at', '>', target.after);
	if (target.sourceDrillId) query = query.where('id', '!=', target.sourceDrillId);
	const drills = await query.orderBy('ended_at', 'desc').limit(20).execute();
	const out: DrillCandidate[] = [];
	for (const d of drills)
		out.push({
			id: d.id,
			title: d.title,
			endedAt: d.ended_at!,
			verdict: judgeDrill(await drillResults(db, d.id), target)
		});
	const versions = await db
		.selectFrom('plan_versions as v')
		.innerJoin('plans as p', 'p.id', 'v.plan_id')
		.select(['v.id', 'v.plan_id', 'v.major', 'v.minor', 'v.approved_at', 'p.title'])
		.where('v.status', 'in', ['approved', 'superseded'])
		.where((eb) =>
			eb.or([
				eb(
					'v.id',
					'in',
					eb
						.selectFrom('plan_version_actions')
						.select('plan_version_id')
						.where('action_id', '=', row.id)
				),
				...(row.resolved_by_version_id ? [eb('v.id', '=', row.resolved_by_version_id)] : [])
			])
		)
		.orderBy('v.approved_at', 'desc')
		.execute();
	return {
		drills: out,
		versions: versions.map((v) => ({
			id: v.id,
			planId: v.plan_id,
			name: `${v.title} v${formatVersionNumber(v)}`,
			approvedAt: v.approved_at
		}))
	};
}
