import type { Kysely } from 'kysely';
import { sectionNumbers } from '../../plans/content';
import { can } from '../../permissions';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/schema';
import { readStoredContent } from '../plans/stored-content';
import { BoundedCache } from '$lib/server/cache/bounded-cache';

// A scenario names the IR plan sections it exercises by their keys; the reader follows them
// to that section of the plan in force (the approved version of each IR plan; the version
// page gives every section the id of its key). An approved version never changes, so its
// section index is read once and kept.

export type PlanSectionRef = {
	key: string;
	/** Where the section is in each IR plan in force that has it; empty: none has it. */
	places: { href: string; planTitle: string; number: string; title: string }[];
};

type SectionIndex = Map<string, { number: string; title: string }>;

const indexes = new BoundedCache<string, SectionIndex>(
	{ maxEntries: 50, maxBytes: 2_000_000 },
	(index) => [...index].reduce((n, [k, s]) => n + 2 * (k.length + s.title.length) + 64, 64)
);

async function sectionIndex(db: Kysely<Database>, versionId: string): Promise<SectionIndex> {
	const hit = indexes.get(versionId);
	if (hit) return hit;
	const row = await db
		.selectFrom('plan_versions')
		.select('content')
		.where('id', '=', versionId)
		.executeTakeFirstOrThrow();
	const { sections } = readStoredContent(row.content);
	const numbers = sectionNumbers(sections);
	const index: SectionIndex = new Map(
		sections.map((s, i) => [s.key, { number: numbers[i], title: s.title }])
	);
	indexes.set(versionId, index);
	return index;
}

/** The scenario's plan section keys, each with where it is in the plans in force. */
export async function planSectionRefs(
	db: Kysely<Database>,
	user: Pick<SessionUser, 'role'>,
	keys: string[]
): Promise<PlanSectionRef[]> {
	if (keys.length === 0) return [];
	// Everyone may read the version in force today; should that change, no link leads to a
	// page the reader cannot open.
	const inForce = can(user.role, 'plans.read_current')
		? await db
				.selectFrom('plan_versions as v')
				.innerJoin('plans as p', 'p.id', 'v.plan_id')
				.select(['v.id', 'v.plan_id', 'p.title'])
				.where('p.kind', '=', 'ir-plan')
				.where('v.status', '=', 'approved')
				.orderBy('p.title')
				.execute()
		: [];
	const plans = await Promise.all(
		inForce.map(async (v) => ({ ...v, index: await sectionIndex(db, v.id) }))
	);
	return keys.map((key) => ({
		key,
		places: plans.flatMap((p) => {
			const section = p.index.get(key);
			return section
				? [
						{
							href: `/plans/${p.plan_id}/versions/${p.id}#${key}`,
							planTitle: p.title,
							...section
						}
					]
				: [];
		})
	}));
}
