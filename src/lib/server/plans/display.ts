import type { Kysely } from 'kysely';
import { sectionNumbers } from '../../plans/content';
import type { Database, PlanVersion } from '../db/schema';
import { renderMarkdown } from '../markdown/render';
import { formatVersionNumber } from './version-number';
import { contentOf } from './versions';

/** A version as the reader sees it: numbered sections rendered to safe HTML, names resolved. */
export async function versionForDisplay(db: Kysely<Database>, version: PlanVersion) {
	const content = contentOf(version);
	const numbers = sectionNumbers(content.sections);
	const ids = [
		version.author_id,
		version.approved_by,
		version.submitted_by,
		version.reviewed_by
	].filter((id): id is string => !!id);
	const people = ids.length
		? await db
				.selectFrom('users')
				.select(['id', 'display_name', 'email'])
				.where('id', 'in', ids)
				.execute()
		: [];
	const name = (id: string | null) =>
		id ? (people.find((p) => p.id === id)?.display_name ?? 'former user') : null;
	return {
		id: version.id,
		planId: version.plan_id,
		number: formatVersionNumber(version),
		status: version.status,
		revision: version.revision,
		changeSummary: version.change_summary,
		author: name(version.author_id),
		createdAt: version.created_at,
		updatedAt: version.updated_at,
		submittedAt: version.submitted_at,
		submittedBy: name(version.submitted_by),
		reviewComment: version.review_comment,
		reviewedBy: name(version.reviewed_by),
		approvedBy: name(version.approved_by),
		approvedAt: version.approved_at,
		approvalComment: version.approval_comment,
		effectiveDate: version.effective_date,
		nextReviewDate: version.next_review_date,
		supersededAt: version.superseded_at,
		sections: content.sections.map((s, i) => ({
			key: s.key,
			number: numbers[i],
			title: s.title,
			level: s.level,
			html: renderMarkdown(s.body)
		})),
		severityScale: content.severityScale.map((l) => ({
			...l,
			criteriaHtml: renderMarkdown(l.criteria)
		})),
		matrix: content.matrix
	};
}

export type VersionDisplay = Awaited<ReturnType<typeof versionForDisplay>>;
