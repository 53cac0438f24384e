import type { Kysely } from 'kysely';

// Frozen in time: never import app code here.
//
// Communication-matrix rows held one deadline per severity, in minutes from declaration:
//   { notify: true, withinMinutes: 4320 }
// and now hold the facts that make them required and staged deadlines with their anchors:
//   appliesWhen: [], { notify: true, stages: [{ name: 'Notify',
//     deadlines: [{ within: { amount: 72, unit: 'hours' }, anchor: 'declaration' }] }] }
// Open versions (draft, in review, changes requested) are rewritten. Approved and superseded
// versions are the record and never change (a trigger refuses it): the app reads their old
// rows as exactly this one stage, so a diff between the two shows no change.

const OPEN = ['draft', 'in_review', 'changes_requested'];

type Rule = { notify?: unknown; withinMinutes?: unknown; stages?: unknown };
type Row = { appliesWhen?: unknown; notifications?: Record<string, Rule> };
type Content = { matrix?: Row[] };

function staged(rule: Rule): Rule {
	if (!rule || typeof rule !== 'object' || 'stages' in rule) return rule;
	const minutes = rule.withinMinutes;
	const notify = rule.notify === true;
	const within =
		typeof minutes === 'number' && Number.isInteger(minutes) && minutes > 0
			? minutes % 60 === 0
				? { amount: minutes / 60, unit: 'hours' }
				: { amount: minutes, unit: 'minutes' }
			: null;
	return {
		notify,
		stages:
			notify && within ? [{ name: 'Notify', deadlines: [{ within, anchor: 'declaration' }] }] : []
	};
}

function legacy(rule: Rule): Rule {
	if (!rule || typeof rule !== 'object' || !Array.isArray(rule.stages)) return rule;
	const perUnit: Record<string, number> = {
		minutes: 1,
		hours: 60,
		days: 1440,
		'business-days': 1440,
		months: 31 * 1440
	};
	// Lossy by nature: the earliest deadline of the first stage, whatever it counted from.
	const first = (rule.stages[0] ?? null) as {
		deadlines?: { within: { amount: number; unit: string } }[];
	} | null;
	const minutes = (first?.deadlines ?? []).map(
		(d) => d.within.amount * (perUnit[d.within.unit] ?? 1)
	);
	return {
		notify: rule.notify === true,
		withinMinutes: rule.notify === true && minutes.length ? Math.min(...minutes) : null
	};
}

/** The content with every row rewritten, or null when nothing in it changes. */
function rewrite(content: Content, rule: (r: Rule) => Rule, up: boolean): Content | null {
	if (!content || !Array.isArray(content.matrix)) return null;
	let changed = false;
	const matrix = content.matrix.map((row) => {
		const next: Row = { ...row };
		if (up && !Array.isArray(row.appliesWhen)) {
			next.appliesWhen = [];
			changed = true;
		}
		if (!up && 'appliesWhen' in row) {
			delete next.appliesWhen;
			changed = true;
		}
		next.notifications = Object.fromEntries(
			Object.entries(row.notifications ?? {}).map(([level, r]) => {
				const converted = rule(r);
				if (converted !== r) changed = true;
				return [level, converted];
			})
		);
		return next;
	});
	return changed ? { ...content, matrix } : null;
}

async function rewriteOpenVersions(
	db: Kysely<any>,
	rule: (r: Rule) => Rule,
	up: boolean
): Promise<void> {
	const versions = await db
		.selectFrom('plan_versions')
		.select(['id', 'content'])
		.where('status', 'in', OPEN)
		.execute();
	for (const v of versions) {
		const stored = typeof v.content === 'string' ? JSON.parse(v.content) : v.content;
		const next = rewrite(stored, rule, up);
		if (!next) continue;
		await db
			.updateTable('plan_versions')
			.set({ content: JSON.stringify(next) })
			.where('id', '=', v.id)
			.where('status', 'in', OPEN)
			.execute();
	}
}

export async function up(db: Kysely<any>): Promise<void> {
	await rewriteOpenVersions(db, staged, true);
}

export async function down(db: Kysely<any>): Promise<void> {
	await rewriteOpenVersions(db, legacy, false);
}
