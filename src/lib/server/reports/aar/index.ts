import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ReportRequest } from '../runs';
import { loadAar } from './load';
import { renderAar } from './render';

export { loadAar, type AarData, type AarFinding } from './load';
export { renderAar, AAR_TITLE } from './render';

/**
 * The after-action report of an ended drill, loaded now and drawn once the run's context is
 * known. The caller has checked access; NotFoundError for no drill, ConflictError before it ends.
 */
export async function aarRequest(db: Kysely<Database>, drillId: string): Promise<ReportRequest> {
	const data = await loadAar(db, drillId);
	return {
		kind: 'aar',
		subjectId: data.results.drill.id,
		subjectLabel: data.results.drill.title,
		render: (ctx) => renderAar(data, ctx)
	};
}
