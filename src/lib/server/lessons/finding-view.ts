import type { Kysely } from 'kysely';
import type { FindingKind } from '../../lessons/words';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { isUuid } from '../users/users';
import { listActions, type ActionListItem } from './list';
import { refOfRow, sourceDetails, type SourceContext, type SourceSummary } from './sources';

// One finding as its page and the API show it: its fields, its source, the objective and
// plan section it names (in the words of the version the source ran against) and the
// corrective actions answering it.

export type FindingView = {
	id: string;
	number: number;
	kind: FindingKind;
	title: string;
	observation: string;
	observationId: string | null;
	objective: { id: string; text: string } | null;
	capability: string | null;
	reference: {
		planId: string;
		planTitle: string;
		planVersionId: string;
		sectionKey: string;
		/** The section's number and title in that version; null if it is not there any more. */
		section: { number: string; title: string } | null;
	} | null;
	referenceText: string | null;
	analysis: string;
	recommendation: string;
	revision: number;
	createdByName: string;
	createdAt: Date;
	updatedAt: Date;
	source: SourceSummary;
	actions: ActionListItem[];
};

export async function getFinding(db: Kysely<Database>, findingId: string): Promise<FindingView> {
	return findingView(db, findingId, new Map());
}

/**
 * Several findings, e.g. all of a drill for its after-action report: a source (and its plan
 * version, which can be large) is read once for all the findings drawn from it.
 */
export function getFindings(db: Kysely<Database>, findingIds: string[]): Promise<FindingView[]> {
	const sources = new Map<string, Promise<SourceContext>>();
	return Promise.all(findingIds.map((id) => findingView(db, id, sources)));
}

async function findingView(
	db: Kysely<Database>,
	findingId: string,
	sources: Map<string, Promise<SourceContext>>
): Promise<FindingView> {
	const row = isUuid(findingId)
		? await db
				.selectFrom('findings as f')
				.innerJoin('users as u', 'u.id', 'f.created_by')
				.selectAll('f')
				.select('u.display_name as created_by_name')
				.where('f.id', '=', findingId)
				.executeTakeFirst()
		: undefined;
	if (!row) throw new NotFoundError('No such finding.');
	const ref = refOfRow(row);
	const key = JSON.stringify(ref);
	let details = sources.get(key);
	if (!details) {
		details = sourceDetails(db, ref);
		sources.set(key, details);
	}
	const [context, actions] = await Promise.all([
		details,
		listActions(db, { findingId: row.id, order: 'due' })
	]);
	// The page shows the source's summary; its objectives and sections name the finding's own.
	const { objectives, sections, ...source } = context;
	const objective = row.objective_id
		? {
				id: row.objective_id,
				text: objectives.find((o) => o.id === row.objective_id)?.text ?? row.objective_id
			}
		: null;
	const section = row.reference_section_key
		? (sections.find((s) => s.key === row.reference_section_key) ?? null)
		: null;
	return {
		id: row.id,
		number: row.number,
		kind: row.kind,
		title: row.title,
		observation: row.observation,
		observationId: row.observation_id,
		objective,
		capability: row.capability,
		reference:
			row.reference_section_key && row.reference_plan_id
				? {
						planId: row.reference_plan_id,
						planTitle: source.planTitle,
						planVersionId: source.planVersionId,
						sectionKey: row.reference_section_key,
						section: section ? { number: section.number, title: section.title } : null
					}
				: null,
		referenceText: row.reference_text,
		analysis: row.analysis,
		recommendation: row.recommendation,
		revision: row.revision,
		createdByName: row.created_by_name,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		source,
		actions
	};
}
