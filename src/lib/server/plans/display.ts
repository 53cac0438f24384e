import type { Kysely } from 'kysely';
import { sectionNumbers, type PlanContent } from '../../plans/content';
import type { PlanView } from '../access/visibility';
import type { Database, PlanVersion, PlanVersionStatus } from '../db/schema';
import { NotFoundError } from '../errors';
import { renderMarkdown } from '../markdown/render';
import { approximateBytes, BoundedCache } from '$lib/server/cache/bounded-cache';
import { isUuid } from '../users/users';
import { versionVisible } from './access';
import { formatVersionNumber } from './version-number';
import { contentOf } from './versions';

/** A version's record without its content: what a page reads on every request. */
export type VersionRecord = Omit<PlanVersion, 'content'>;

/** The names of the people a version's record mentions. */
type People = {
	author: string | null;
	submittedBy: string | null;
	reviewedBy: string | null;
	approvedBy: string | null;
};

/** A version's content as a reader sees it: numbered sections and criteria rendered to safe HTML. */
export function renderContent(content: PlanContent) {
	const numbers = sectionNumbers(content.sections);
	return {
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

export type RenderedContent = ReturnType<typeof renderContent>;

/** Approved and superseded versions: a database trigger refuses any change to their content. */
const IMMUTABLE: readonly PlanVersionStatus[] = ['approved', 'superseded'];

/**
 * What a rendering of `version` is kept under (here and in matrix-grid.ts): its id and
 * revision while it cannot change; null for a version still open to edits, which is rendered
 * afresh every time so an edit is never served stale.
 */
export function keptRenderingKey(
	version: Pick<PlanVersion, 'id' | 'status' | 'revision'>
): string | null {
	return IMMUTABLE.includes(version.status) ? `${version.id}:${version.revision}` : null;
}

// Rendering and sanitising a whole plan takes tens of milliseconds, and the version in force
// is the page read most: immutable versions are rendered once and kept, in a bounded cache
// (a plan renders to about 0.3 MB as counted here).
const rendered = new BoundedCache<string, RenderedContent>(
	{ maxEntries: 200, maxBytes: 32 * 1024 * 1024 },
	approximateBytes
);

/** The kept rendering of an immutable version, if there is one. */
function keptRendering(version: Pick<PlanVersion, 'id' | 'status' | 'revision'>) {
	const key = keptRenderingKey(version);
	return key === null ? undefined : rendered.get(key);
}

/** The version's content rendered, from the cache when it is immutable and was rendered before. */
export function renderedContentOf(
	version: Pick<PlanVersion, 'id' | 'status' | 'revision' | 'content'>
): RenderedContent {
	const key = keptRenderingKey(version);
	const render = () => renderContent(contentOf(version));
	return key === null ? render() : rendered.getOrSet(key, render);
}

/** How much the cache of renderings holds (for tests and memory accounting). */
export const renderingCache = {
	get entries() {
		return rendered.size;
	},
	get bytes() {
		return rendered.bytes;
	}
};

function describe(version: VersionRecord, people: People, content: RenderedContent) {
	return {
		id: version.id,
		planId: version.plan_id,
		number: formatVersionNumber(version),
		status: version.status,
		revision: version.revision,
		changeSummary: version.change_summary,
		author: people.author,
		createdAt: version.created_at,
		updatedAt: version.updated_at,
		submittedAt: version.submitted_at,
		submittedBy: people.submittedBy,
		reviewComment: version.review_comment,
		reviewedBy: people.reviewedBy,
		approvedBy: people.approvedBy,
		approvedAt: version.approved_at,
		approvalComment: version.approval_comment,
		effectiveDate: version.effective_date,
		nextReviewDate: version.next_review_date,
		supersededAt: version.superseded_at,
		...content
	};
}

/** A version as the reader sees it: numbered sections rendered to safe HTML, names resolved. */
export async function versionForDisplay(db: Kysely<Database>, version: PlanVersion) {
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
	return describe(
		version,
		{
			author: name(version.author_id),
			submittedBy: name(version.submitted_by),
			reviewedBy: name(version.reviewed_by),
			approvedBy: name(version.approved_by)
		},
		renderedContentOf(version)
	);
}

export type VersionDisplay = Awaited<ReturnType<typeof versionForDisplay>>;

const recordColumns = [
	'v.id',
	'v.plan_id',
	'v.status',
	'v.major',
	'v.minor',
	'v.revision',
	'v.based_on_id',
	'v.change_summary',
	'v.author_id',
	'v.contributor_ids',
	'v.created_at',
	'v.updated_at',
	'v.updated_by',
	'v.submitted_at',
	'v.submitted_by',
	'v.review_comment',
	'v.reviewed_by',
	'v.reviewed_at',
	'v.approved_by',
	'v.approved_at',
	'v.approval_comment',
	'v.effective_date',
	'v.next_review_date',
	'v.superseded_at'
] as const;

/**
 * The version page's plan and version, as the viewer may see them (see findVisibleVersion),
 * in one query with the people's names; the content is read only when no kept rendering of
 * it exists.
 */
export async function findVersionForDisplay(
	db: Kysely<Database>,
	view: PlanView,
	planId: string,
	versionId: string
) {
	const row =
		isUuid(planId) && isUuid(versionId)
			? await db
					.selectFrom('plan_versions as v')
					.innerJoin('plans as p', 'p.id', 'v.plan_id')
					.leftJoin('users as author', 'author.id', 'v.author_id')
					.leftJoin('users as submitter', 'submitter.id', 'v.submitted_by')
					.leftJoin('users as reviewer', 'reviewer.id', 'v.reviewed_by')
					.leftJoin('users as approver', 'approver.id', 'v.approved_by')
					.select([
						...recordColumns,
						'p.title as plan_title',
						'author.display_name as author_name',
						'submitter.display_name as submitter_name',
						'reviewer.display_name as reviewer_name',
						'approver.display_name as approver_name'
					])
					.where('v.id', '=', versionId)
					.where('p.id', '=', planId)
					.executeTakeFirst()
			: undefined;
	if (!row || !versionVisible(view, row)) throw new NotFoundError('No such plan version.');
	const { plan_title, author_name, submitter_name, reviewer_name, approver_name, ...version } = row;
	// A user is never deleted while a version names them; 'former user' guards the rest.
	const named = (id: string | null, name: string | null) => (id ? (name ?? 'former user') : null);
	const content =
		keptRendering(version) ??
		renderedContentOf({
			...version,
			content: (
				await db
					.selectFrom('plan_versions')
					.select('content')
					.where('id', '=', version.id)
					.executeTakeFirstOrThrow()
			).content
		});
	return {
		plan: { id: version.plan_id, title: plan_title },
		version: version satisfies VersionRecord,
		display: describe(
			version,
			{
				author: named(version.author_id, author_name),
				submittedBy: named(version.submitted_by, submitter_name),
				reviewedBy: named(version.reviewed_by, reviewer_name),
				approvedBy: named(version.approved_by, approver_name)
			},
			content
		)
	};
}
