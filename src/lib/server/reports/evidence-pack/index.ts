import type { Kysely } from 'kysely';
import { frameworkById } from '../../../programme/catalogue';
import type { Database } from '../../db/schema';
import { enabledFrameworks } from '../../programme/requirements';
import type { ReportRequest } from '../runs';
import { loadEvidencePack } from './load';
import { readEvidencePackParams, type EvidencePackParams } from './params';
import { renderEvidencePack } from './render';

export { loadEvidencePack, type EvidencePackData } from './load';
export { readEvidencePackParams, type EvidencePackParams } from './params';
export { renderEvidencePack } from './render';

/**
 * The pack's parameters from a query string or form, defaulted against the frameworks
 * switched on and the UTC date of `now`; InvalidInputError names the field.
 */
export async function parseEvidencePackParams(
	db: Kysely<Database>,
	input: URLSearchParams | Record<string, unknown>,
	now: Date
): Promise<EvidencePackParams> {
	const enabled = await enabledFrameworks(db);
	return readEvidencePackParams(input, {
		today: now.toISOString().slice(0, 10),
		enabled: [...enabled.keys()]
	});
}

/** Loads the pack's evidence now; the run's context (id, time, audit head) comes at render. */
export async function evidencePackRequest(
	db: Kysely<Database>,
	params: EvidencePackParams,
	now: Date
): Promise<ReportRequest> {
	const data = await loadEvidencePack(db, params, now);
	const names = params.frameworks.map((id) => frameworkById(id)?.name ?? id).join(', ');
	return {
		kind: 'evidence_pack',
		subjectId: null,
		subjectLabel: `${params.from} to ${params.to}: ${names}`,
		params: { from: params.from, to: params.to, frameworks: params.frameworks },
		render: (ctx) => renderEvidencePack(data, ctx)
	};
}
