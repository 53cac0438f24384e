import type { Kysely } from 'kysely';
import type { ActionStatus } from '../../../lessons/words';
import type { MatrixRow, SeverityLevel } from '../../../plans/content';
import type { FieldChange, PlanDiff, RowDiff } from '../../../plans/diff-types';
import { statusLabels, type VersionStatus } from '../../../plans/status';
import type { Database } from '../../db/schema';
import { ConflictError, NotFoundError } from '../../errors';
import { actionsOfVersion } from '../../lessons/plan-links';
import { diffVersions, type DiffAnswer } from '../../plans/compare';
import { versionForDisplay } from '../../plans/display';
import { getPlan, listVersions } from '../../plans/plans';
import { compareVersionNumbers } from '../../plans/version-number';
import { contentOf, getVersion } from '../../plans/versions';

/** One step of the version's review, from the audit trail. */
export type ReviewStep = {
	at: Date;
	by: string;
	step: 'submitted' | 'changes requested' | 'approved';
	comment: string | null;
};

export type SectionChange = {
	key: string;
	number: string | null;
	oldNumber: string | null;
	title: string;
	status: 'added' | 'removed' | 'changed';
	/** What changed besides the words: "renamed from …", "moved from 3", "now a subsection". */
	notes: string[];
	wordsAdded: number;
	wordsRemoved: number;
	answers: DiffAnswer[];
};

export type RowChange = {
	label: string;
	status: 'added' | 'removed' | 'changed';
	changes: Pick<FieldChange, 'field' | 'from' | 'to'>[];
};

export type PlanVersionData = {
	organisation: string;
	plan: { id: string; title: string };
	version: {
		id: string;
		number: string;
		status: 'approved' | 'superseded';
		changeSummary: string | null;
		effectiveDate: string | null;
		nextReviewDate: string | null;
		supersededAt: Date | null;
	};
	approval: {
		author: string | null;
		createdAt: Date;
		submittedBy: string | null;
		submittedAt: Date | null;
		reviewedBy: string | null;
		reviewComment: string | null;
		approvedBy: string | null;
		approvedAt: Date | null;
		approvalComment: string | null;
		steps: ReviewStep[];
	};
	sections: { key: string; number: string; title: string; level: 1 | 2; body: string }[];
	severityScale: SeverityLevel[];
	matrix: MatrixRow[];
	/** Every numbered version of the plan, oldest first. */
	changeLog: {
		id: string;
		number: string;
		status: VersionStatus;
		author: string | null;
		approver: string | null;
		createdAt: Date;
		approvedAt: Date | null;
		effectiveDate: string | null;
		supersededAt: Date | null;
		changeSummary: string | null;
	}[];
	/** Against the previous approved version; null for the plan's first approved version. */
	changes: {
		fromNumber: string;
		sections: SectionChange[];
		severityScale: RowChange[];
		matrix: RowChange[];
	} | null;
	/** The corrective actions this version resolves, with the finding and where it came from. */
	lessons: {
		action: string;
		actionText: string;
		actionStatus: ActionStatus;
		finding: string;
		findingTitle: string;
		source: string | null;
		sections: string[];
	}[];
};

const UNREPORTED: Record<VersionStatus, string> = {
	draft: 'a draft',
	in_review: 'in review',
	changes_requested: 'a draft with changes requested',
	approved: statusLabels.approved,
	superseded: statusLabels.superseded
};

const REVIEW_STEPS: Record<string, ReviewStep['step']> = {
	'plan.submitted': 'submitted',
	'plan.changes_requested': 'changes requested',
	'plan.approved': 'approved'
};

/** The data of a plan version report: the version as approved, how it got there, what changed. */
export async function loadPlanVersion(
	db: Kysely<Database>,
	versionId: string
): Promise<PlanVersionData> {
	const row = await getVersion(db, versionId);
	if (!row) throw new NotFoundError('No such plan version.');
	if (row.status !== 'approved' && row.status !== 'superseded')
		throw new ConflictError(
			`Only approved versions have a report; this version is ${UNREPORTED[row.status]}.`
		);
	const [plan, display, history, lessons, steps] = await Promise.all([
		getPlan(db, row.plan_id),
		versionForDisplay(db, row),
		listVersions(db, row.plan_id),
		actionsOfVersion(db, row.id),
		reviewSteps(db, row.id)
	]);
	if (!plan) throw new NotFoundError('No such plan.');
	const numbered = history
		.filter((v) => v.major !== null && v.minor !== null)
		.map((v) => ({ ...v, n: { major: v.major!, minor: v.minor! } }))
		.sort((a, b) => compareVersionNumbers(a.n, b.n));
	const here = { major: row.major!, minor: row.minor! };
	const previous = numbered
		.filter((v) => v.status === 'approved' || v.status === 'superseded')
		.filter((v) => compareVersionNumbers(v.n, here) < 0)
		.at(-1);
	const content = contentOf(row);
	return {
		organisation: 'Hotwash',
		plan: { id: plan.id, title: plan.title },
		version: {
			id: row.id,
			number: display.number,
			status: row.status,
			changeSummary: display.changeSummary,
			effectiveDate: display.effectiveDate,
			nextReviewDate: display.nextReviewDate,
			supersededAt: display.supersededAt
		},
		approval: {
			author: display.author,
			createdAt: display.createdAt,
			submittedBy: display.submittedBy,
			submittedAt: display.submittedAt,
			reviewedBy: display.reviewedBy,
			reviewComment: display.reviewComment,
			approvedBy: display.approvedBy,
			approvedAt: display.approvedAt,
			approvalComment: display.approvalComment,
			steps
		},
		sections: display.sections.map((s, i) => ({
			key: s.key,
			number: s.number,
			title: s.title,
			level: s.level,
			body: content.sections[i].body
		})),
		severityScale: content.severityScale,
		matrix: content.matrix,
		changeLog: numbered.map((v) => ({
			id: v.id,
			number: `${v.n.major}.${v.n.minor}`,
			status: v.status,
			author: v.author_name,
			approver: v.approver_name,
			createdAt: v.created_at,
			approvedAt: v.approved_at,
			effectiveDate: v.effective_date,
			supersededAt: v.superseded_at,
			changeSummary: v.change_summary
		})),
		changes: previous
			? await changesSince(db, row.plan_id, previous.id, row.id, content.sections)
			: null,
		lessons: lessons.map((l) => ({
			action: l.action.label,
			actionText: l.action.text,
			actionStatus: l.action.status,
			finding: l.finding.label,
			findingTitle: l.finding.title,
			source: l.source?.label ?? null,
			sections: l.sections.map((s) => (s.number ? `${s.number} ${s.title}` : s.title))
		}))
	};
}

async function changesSince(
	db: Kysely<Database>,
	planId: string,
	fromId: string,
	toId: string,
	sections: { key: string; level: 1 | 2 }[]
): Promise<NonNullable<PlanVersionData['changes']>> {
	const compared = await diffVersions(db, planId, fromId, toId, { answers: true });
	const answers = compared.answers ?? {};
	return {
		fromNumber: compared.from.number,
		sections: sectionChanges(compared.diff, answers, sections),
		severityScale: rowChanges(compared.diff.severityScale),
		matrix: rowChanges(compared.diff.matrix)
	};
}

function sectionChanges(
	diff: PlanDiff,
	answers: Record<string, DiffAnswer[]>,
	sections: { key: string; level: 1 | 2 }[]
): SectionChange[] {
	const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
	return diff.sections.flatMap((s) => {
		if (s.status === 'unchanged') return [];
		const notes: string[] = [];
		if (s.status === 'changed') {
			if (s.renamed) notes.push(`renamed from “${s.oldTitle}”`);
			if (s.moved || s.oldNumber !== s.newNumber) notes.push(`was ${s.oldNumber}`);
			if (s.levelChanged) {
				const level = sections.find((x) => x.key === s.key)?.level;
				notes.push(level === 2 ? 'now a subsection' : 'now a main section');
			}
			if (s.wholeSection) notes.push('rewritten');
		}
		const parts = s.words ?? [];
		const count = (kind: 'added' | 'removed') =>
			parts.filter((p) => p.kind === kind).reduce((n, p) => n + words(p.text), 0);
		return [
			{
				key: s.key,
				number: s.newNumber,
				oldNumber: s.oldNumber,
				title: s.newTitle ?? s.oldTitle ?? s.key,
				status: s.status,
				notes,
				wordsAdded: s.wholeSection ? words(s.wholeSection.new) : count('added'),
				wordsRemoved: s.wholeSection ? words(s.wholeSection.old) : count('removed'),
				answers: answers[s.key] ?? []
			}
		];
	});
}

function rowChanges(rows: RowDiff[]): RowChange[] {
	return rows.flatMap((r) =>
		r.status === 'unchanged'
			? []
			: [
					{
						label: r.label,
						status: r.status,
						changes: r.changes.map(({ field, from, to }) => ({ field, from, to }))
					}
				]
	);
}

/** Submissions, change requests and the approval of this version, oldest first. */
async function reviewSteps(db: Kysely<Database>, versionId: string): Promise<ReviewStep[]> {
	const rows = await db
		.selectFrom('audit_log as a')
		.leftJoin('users as u', 'u.id', 'a.actor_id')
		.select(['a.occurred_at', 'a.action', 'a.actor_label', 'a.detail', 'u.display_name'])
		.where('a.target_type', '=', 'plan_version')
		.where('a.target_id', '=', versionId)
		.where('a.action', 'in', Object.keys(REVIEW_STEPS))
		.orderBy('a.seq')
		.execute();
	return rows.map((r) => {
		const detail = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as {
			comment?: unknown;
		} | null;
		return {
			at: new Date(r.occurred_at),
			by: r.display_name ?? r.actor_label,
			step: REVIEW_STEPS[r.action],
			comment: typeof detail?.comment === 'string' ? detail.comment : null
		};
	});
}
