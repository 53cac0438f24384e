import type { Kysely } from 'kysely';
import { actionLabel, findingLabel, type ActionStatus } from '../../lessons/words';
import type { Database, PlanVersion } from '../db/schema';
import { NotFoundError } from '../errors';
import { isUuid } from '../users/users';
import { keysOf } from '../lessons/section-history';
import type { PlanDiff, RenderedPart } from '../../plans/diff-types';
import { approximateBytes, BoundedCache } from '$lib/server/cache/bounded-cache';
import { diffPlanContent } from './diff';
import { renderedChange } from './diff-rendered';
import { compareVersionNumbers, formatVersionNumber } from './version-number';
import { contentOf, getVersion } from './versions';

/** A corrective action a changed section answers, and the version that made the change. */
export type DiffAnswer = {
	actionId: string;
	label: string;
	text: string;
	status: ActionStatus;
	findingId: string;
	findingLabel: string;
	findingTitle: string;
	versionId: string;
	versionNumber: string;
};

/**
 * Two versions of one plan compared section by section, word by word and row by row. With
 * `answers`, each changed section also lists the corrective actions it answers: the actions
 * linked to the newer version, or to an approved version between the two.
 */
export async function diffVersions(
	db: Kysely<Database>,
	planId: string,
	fromId: string,
	toId: string,
	{ answers = false }: { answers?: boolean } = {}
) {
	const [a, b] = await Promise.all([versionHeader(db, fromId), versionHeader(db, toId)]);
	if (!a || !b || a.plan_id !== planId || b.plan_id !== planId)
		throw new NotFoundError('No such version of this plan.');
	const key = `${identity(a)}>${identity(b)}`;
	let cached = comparisons.get(key);
	if (!cached) {
		// The contents (the largest column) are read only when the comparison is not kept.
		const [withA, withB] = await Promise.all([getVersion(db, a.id), getVersion(db, b.id)]);
		if (!withA || !withB) throw new NotFoundError('No such version of this plan.');
		cached = compare(withA, withB);
		comparisons.set(key, cached);
	}
	const { diff, rendered } = cached;
	return {
		from: { id: a.id, number: formatVersionNumber(a) },
		to: { id: b.id, number: formatVersionNumber(b) },
		diff,
		rendered,
		...(answers ? { answers: await sectionAnswers(db, a, b, diff) } : {})
	};
}

/** Time for rendering the changed sections, after the diff's own budget. */
const RENDER_BUDGET_MS = 300;

// A comparison depends only on the two contents; a version's content changes only with its
// revision (a draft's saves), so the key names the revision and the last update and an
// edited draft never meets a stale entry. Bounded in entries and bytes.
const comparisons = new BoundedCache<
	string,
	{ diff: PlanDiff; rendered: Record<string, RenderedPart[]> }
>({ maxEntries: 64, maxBytes: 16 * 1024 * 1024 }, approximateBytes);

type VersionHeader = Pick<
	PlanVersion,
	'id' | 'plan_id' | 'major' | 'minor' | 'revision' | 'updated_at'
>;

async function versionHeader(
	db: Kysely<Database>,
	versionId: string
): Promise<VersionHeader | undefined> {
	if (!isUuid(versionId)) return undefined;
	return db
		.selectFrom('plan_versions')
		.select(['id', 'plan_id', 'major', 'minor', 'revision', 'updated_at'])
		.where('id', '=', versionId)
		.executeTakeFirst();
}

const identity = (v: VersionHeader) => `${v.id}@${v.revision}@${new Date(v.updated_at).getTime()}`;

function compare(a: PlanVersion, b: PlanVersion) {
	const diff = diffPlanContent(contentOf(a), contentOf(b));
	const deadline = performance.now() + RENDER_BUDGET_MS;
	const rendered: Record<string, RenderedPart[]> = {};
	for (const s of diff.sections) {
		if (s.status === 'unchanged' || !(s.words || s.wholeSection)) continue;
		const parts = renderedChange(s, deadline);
		if (parts) rendered[s.key] = parts;
	}
	return { diff, rendered };
}

type Numbered = Pick<PlanVersion, 'id' | 'major' | 'minor'>;

/** Order of versions: by number, a draft (no number yet) after every numbered one. */
function compareVersions(a: Numbered, b: Numbered): number {
	if (a.major === null || a.minor === null) return b.major === null ? 0 : 1;
	if (b.major === null || b.minor === null) return -1;
	return compareVersionNumbers(
		{ major: a.major, minor: a.minor },
		{ major: b.major, minor: b.minor }
	);
}

async function sectionAnswers(
	db: Kysely<Database>,
	a: VersionHeader,
	b: VersionHeader,
	diff: PlanDiff
): Promise<Record<string, DiffAnswer[]>> {
	const order = compareVersions(a, b);
	if (a.id === b.id || order === 0) return {};
	const [older, newer] = order < 0 ? [a, b] : [b, a];
	const between =
		older.major === null
			? []
			: await db
					.selectFrom('plan_versions')
					.select(['id', 'major', 'minor'])
					.where('plan_id', '=', a.plan_id)
					.where('status', 'in', ['approved', 'superseded'])
					.where('major', 'is not', null)
					.execute()
					.then((rows) =>
						rows.filter((v) => compareVersions(v, older) > 0 && compareVersions(v, newer) < 0)
					);
	const versionIds = [newer.id, ...between.map((v) => v.id)];
	const rows = await db
		.selectFrom('plan_version_actions as pva')
		.innerJoin('plan_versions as v', 'v.id', 'pva.plan_version_id')
		.innerJoin('corrective_actions as ca', 'ca.id', 'pva.action_id')
		.innerJoin('findings as f', 'f.id', 'ca.finding_id')
		.select([
			'pva.section_keys',
			'v.id as version_id',
			'v.major',
			'v.minor',
			'ca.id as action_id',
			'ca.number as action_number',
			'ca.action as action_text',
			'ca.status as action_status',
			'f.id as finding_id',
			'f.number as finding_number',
			'f.title as finding_title'
		])
		.where('pva.plan_version_id', 'in', versionIds)
		.orderBy('ca.number')
		.execute();
	const numberOf = new Map(
		rows.map((r) => [r.version_id, { id: r.version_id, major: r.major, minor: r.minor }])
	);
	const changed = new Set(diff.sections.filter((s) => s.status !== 'unchanged').map((s) => s.key));
	const out: Record<string, DiffAnswer[]> = {};
	for (const r of rows) {
		for (const key of keysOf(r.section_keys)) {
			if (!changed.has(key)) continue;
			const list = (out[key] ??= []);
			// An action linked to two versions in the range is listed once, for the newer.
			const seen = list.findIndex((x) => x.actionId === r.action_id);
			const answer: DiffAnswer = {
				actionId: r.action_id,
				label: actionLabel(r.action_number),
				text: r.action_text,
				status: r.action_status,
				findingId: r.finding_id,
				findingLabel: findingLabel(r.finding_number),
				findingTitle: r.finding_title,
				versionId: r.version_id,
				versionNumber: formatVersionNumber(r)
			};
			if (seen < 0) list.push(answer);
			else if (
				compareVersions(numberOf.get(r.version_id)!, numberOf.get(list[seen].versionId)!) > 0
			)
				list[seen] = answer;
		}
	}
	return out;
}
