import type { Kysely } from 'kysely';
import { sectionNumbers } from '../../../plans/content';
import type { Database } from '../../db/schema';
import { drillPlan } from '../../drills/load';
import { drillResults, type DrillResults } from '../../drills/results';
import { getDrill } from '../../drills/rows';
import { scenarioOf } from '../../drills/scenario-of-drill';
import { ConflictError, NotFoundError } from '../../errors';
import { getFindings, type FindingView } from '../../lessons/finding-view';
import { drillFindings, loadHotWash } from '../../lessons/hot-wash';
import { listActions, type ActionListItem } from '../../lessons/list';
import { readStoredContent } from '../../plans/stored-content';
import { isUuid } from '../../users/users';

// Everything the after-action report prints about one ended drill, read through the
// functions the results page, the lessons pages and the improvement-plan CSV use, so the
// report cannot disagree with them. The facilitator's view: observations included.

export type AarFinding = Pick<
	FindingView,
	| 'id'
	| 'number'
	| 'kind'
	| 'title'
	| 'observation'
	| 'capability'
	| 'referenceText'
	| 'analysis'
	| 'recommendation'
> & {
	objectiveId: string | null;
	/** "2.3 Escalation" in the words of the plan version the drill tested; null if none. */
	planSection: string | null;
	/** A-numbers of the corrective actions answering it. */
	actionNumbers: number[];
};

export type AarMatrixChannel = { key: string; channels: string };

export type AarData = {
	results: DrillResults;
	scenario: {
		category: string;
		difficulty: string;
		durationIso: string;
		attack: string[];
		/** The plan sections the scenario exercises, numbered as in the version tested. */
		planSections: string[];
		roles: { id: string; name: string; description: string | null }[];
		/** Inject id → who sends it ("EDR console", "Priya Shah, CFO"). */
		senders: Record<string, string>;
		/** Objective id → NIST CSF function or PICERL phase, as written in the scenario. */
		frameworks: Record<string, string>;
	};
	plan: {
		id: string;
		versionId: string;
		number: string;
		title: string;
		status: string;
		approvedAt: string | null;
		approvedBy: string | null;
		effectiveDate: string | null;
	};
	schedule: { scheduledAt: string | null; timeZone: string | null; createdAt: string };
	/** How each stakeholder of the matrix is reached, by matrix row key. */
	matrixChannels: AarMatrixChannel[];
	findings: AarFinding[];
	actions: ActionListItem[];
	hotWash: {
		summary: string | null;
		summaryBy: string | null;
		responses: { name: string; wentWell: string; wentBadly: string; oneChange: string }[];
	} | null;
	/** The organisation's name when the settings hold one; the report's author and sponsor. */
	organisation: string | null;
};

async function planVersionRecord(db: Kysely<Database>, versionId: string) {
	return db
		.selectFrom('plan_versions as v')
		.leftJoin('users as u', 'u.id', 'v.approved_by')
		.select(['v.status', 'v.approved_at', 'v.effective_date', 'v.content', 'u.display_name'])
		.where('v.id', '=', versionId)
		.executeTakeFirstOrThrow();
}

/**
 * The after-action report's data for an ended drill, or NotFoundError / ConflictError. The
 * caller has checked that the user may read it.
 */
export async function loadAar(db: Kysely<Database>, drillId: string): Promise<AarData> {
	const drill = isUuid(drillId) ? await getDrill(db, drillId) : undefined;
	if (!drill) throw new NotFoundError('No such drill.');
	if (drill.status !== 'ended')
		throw new ConflictError('The after-action report is made once the drill has ended.');

	const [results, scenario, version, plan, listed, actions, hotWash] = await Promise.all([
		drillResults(db, drill.id),
		scenarioOf(db, drill.id),
		planVersionRecord(db, drill.planVersionId),
		drillPlan(db, drill.planVersionId),
		drillFindings(db, drill.id),
		listActions(db, { drillId: drill.id, order: 'matrix' }),
		loadHotWash(db, drill.id)
	]);
	const findings = await getFindings(
		db,
		listed.findings.map((f) => f.id)
	);

	const content = readStoredContent(version.content);
	const numbers = sectionNumbers(content.sections);
	const sectionName = new Map(content.sections.map((s, i) => [s.key, `${numbers[i]} ${s.title}`]));

	return {
		results,
		scenario: {
			category: scenario.category,
			difficulty: scenario.difficulty,
			durationIso: scenario.duration,
			attack: scenario.attack,
			planSections: scenario.planSections.map((key) => sectionName.get(key) ?? key),
			roles: scenario.roles.map((r) => ({
				id: r.id,
				name: r.name,
				description: r.description ?? null
			})),
			senders: Object.fromEntries(scenario.injects.map((i) => [i.id, i.from])),
			frameworks: Object.fromEntries(
				scenario.objectives.map((o) => [o.id, o.csf ? `CSF ${o.csf}` : `PICERL ${o.picerl}`])
			)
		},
		plan: {
			id: drill.planId,
			versionId: drill.planVersionId,
			number: plan.number,
			title: plan.planTitle,
			status: version.status,
			approvedAt: version.approved_at?.toISOString() ?? null,
			approvedBy: version.display_name ?? null,
			effectiveDate: version.effective_date ?? null
		},
		schedule: {
			scheduledAt: drill.schedule?.scheduledAt?.toISOString() ?? null,
			timeZone: drill.schedule?.timeZone ?? null,
			createdAt: drill.createdAt.toISOString()
		},
		matrixChannels: plan.content.matrix.map((row) => ({
			key: row.key,
			channels: contactChannels(row.contacts)
		})),
		findings: findings
			.sort((a, b) => a.number - b.number)
			.map((f) => ({
				id: f.id,
				number: f.number,
				kind: f.kind,
				title: f.title,
				observation: f.observation,
				capability: f.capability,
				referenceText: f.referenceText,
				analysis: f.analysis,
				recommendation: f.recommendation,
				objectiveId: f.objective?.id ?? null,
				planSection: f.reference
					? (sectionName.get(f.reference.sectionKey) ??
						(f.reference.section
							? `${f.reference.section.number} ${f.reference.section.title}`
							: null))
					: null,
				actionNumbers: f.actions.map((a) => a.number)
			})),
		actions,
		hotWash: hotWash && {
			summary: hotWash.summary,
			summaryBy: hotWash.summaryBy,
			responses: hotWash.responses.map((r) => ({
				name: r.name,
				wentWell: r.wentWell,
				wentBadly: r.wentBadly,
				oneChange: r.oneChange
			}))
		},
		// No setting holds the organisation's name yet: the report says "Hotwash" and leaves
		// the sponsor as not recorded rather than guessing.
		organisation: null
	};
}

/**
 * "Email, phone, out of band": how a matrix row's contacts are reached. The numbers and
 * addresses stay in the plan (and its report): an AAR is passed around more widely.
 */
function contactChannels(contacts: { email: string; phone: string; outOfBand: string }[]): string {
	const ways: string[] = [];
	if (contacts.some((c) => c.email)) ways.push('email');
	if (contacts.some((c) => c.phone)) ways.push('phone');
	if (contacts.some((c) => c.outOfBand)) ways.push('out of band');
	const text = ways.join(', ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
