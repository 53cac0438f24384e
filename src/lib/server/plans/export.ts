import type { Kysely } from 'kysely';
import type { Database, Plan, PlanVersion } from '../db/schema';
import { versionForDisplay } from './display';
import { planHeader } from './plans';
import { contentToMarkdown } from './markdown-io';
import { formatVersionNumber } from './version-number';
import { contentOf } from './versions';

/** The version as JSON: sections with keys, severity scale, matrix, and the approval record. */
export async function versionAsJson(db: Kysely<Database>, plan: Plan, version: PlanVersion) {
	const d = await versionForDisplay(db, version);
	const content = contentOf(version);
	return {
		plan: planHeader(plan),
		version: {
			id: version.id,
			number: d.number,
			status: version.status,
			revision: version.revision,
			changeSummary: version.change_summary,
			basedOnId: version.based_on_id,
			author: d.author,
			createdAt: version.created_at,
			updatedAt: version.updated_at,
			submittedAt: version.submitted_at,
			submittedBy: d.submittedBy,
			approval: version.approved_at
				? {
						approvedBy: d.approvedBy,
						approvedAt: version.approved_at,
						comment: version.approval_comment,
						effectiveDate: version.effective_date,
						nextReviewDate: version.next_review_date
					}
				: null,
			supersededAt: version.superseded_at
		},
		sections: content.sections.map((s, i) => ({ ...s, number: d.sections[i].number })),
		severityScale: content.severityScale,
		matrix: content.matrix
	};
}

export function versionAsMarkdown(plan: Plan, version: PlanVersion): string {
	return contentToMarkdown(plan.title, formatVersionNumber(version), contentOf(version));
}

export function exportFileName(plan: Plan, version: PlanVersion, extension: string): string {
	const slug =
		plan.title
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'plan';
	return `${slug}-${formatVersionNumber(version)}.${extension}`;
}
