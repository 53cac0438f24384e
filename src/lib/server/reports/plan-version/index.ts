import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { ReportRequest } from '../runs';
import { loadPlanVersion } from './load';
import { renderPlanVersion } from './render';

export { loadPlanVersion, type PlanVersionData } from './load';
export { renderPlanVersion } from './render';

/** The report of an approved (or superseded) plan version, ready for produceReport. */
export async function planVersionRequest(
	db: Kysely<Database>,
	versionId: string
): Promise<ReportRequest> {
	const data = await loadPlanVersion(db, versionId);
	return {
		kind: 'plan_version',
		subjectId: data.version.id,
		subjectLabel: `${data.plan.title} v${data.version.number}`,
		params: { planId: data.plan.id, version: data.version.number },
		render: (ctx) => renderPlanVersion(data, ctx)
	};
}
