import { z } from 'zod';
import {
	currentParentTechniques,
	techniqueInfo,
	techniqueUrl,
	tactics
} from '../../scenarios/attack';
import { attackTechnique } from './display';
import { capabilities, categories, difficulties, durationMinutes } from '../../scenarios/schema';
import type { LibraryEntry } from './library';

/**
 * One line of the library: what the list, filters and coverage views need. Made once per
 * entry: an entry is an immutable file or stored version, kept while its cache keeps it.
 */
export function summarise(e: LibraryEntry): ScenarioSummary {
	let summary = summaries.get(e);
	if (!summary) {
		summary = summaryOf(e);
		summaries.set(e, summary);
	}
	return summary;
}
const summaries = new WeakMap<LibraryEntry, ScenarioSummary>();

function summaryOf(e: LibraryEntry) {
	const s = e.scenario;
	const prompts = s ? s.injects.flatMap((i) => i.prompts) : [];
	return {
		id: e.id,
		origin: e.origin,
		file: e.file,
		valid: !!s,
		errors: e.errors,
		warningCount: e.warnings.length,
		title: s?.title ?? e.id,
		summary: s?.summary ?? '',
		category: s?.category ?? null,
		difficulty: s?.difficulty ?? null,
		durationMinutes: s ? durationMinutes(s.duration) : null,
		tags: s?.tags ?? [],
		solo: s?.solo ?? false,
		capabilities: s ? [...new Set(s.objectives.map((o) => o.capability))] : [],
		attack: s?.attack ?? [],
		injects: s?.injects.length ?? 0,
		prompts: prompts.length,
		points: prompts.reduce((sum, p) => sum + p.points, 0),
		branchPoints: s ? s.injects.filter((i) => i.when || i.variants.length).length : 0
	};
}
export type ScenarioSummary = ReturnType<typeof summaryOf>;

const optional = <T extends z.ZodType>(t: T) =>
	z.preprocess((v) => (v === '' ? undefined : v), t.optional());

export const catalogueFilterSchema = z.object({
	q: optional(z.string().trim().max(200)),
	category: optional(z.enum(categories)),
	difficulty: optional(z.enum(difficulties)),
	capability: optional(z.enum(capabilities)),
	technique: optional(z.string().regex(/^T\d{4}(\.\d{3})?$/)),
	maxMinutes: optional(z.coerce.number().int().min(1).max(100_000)),
	solo: optional(z.enum(['1']))
});
export type CatalogueFilter = z.infer<typeof catalogueFilterSchema>;

export function filterCatalogue(list: ScenarioSummary[], f: CatalogueFilter): ScenarioSummary[] {
	const q = f.q?.toLowerCase();
	return list.filter(
		(s) =>
			(!q ||
				[s.title, s.summary, s.id, ...s.tags, ...s.attack].some((x) =>
					x.toLowerCase().includes(q)
				)) &&
			(!f.category || s.category === f.category) &&
			(!f.difficulty || s.difficulty === f.difficulty) &&
			(!f.capability || s.capabilities.includes(f.capability)) &&
			(!f.technique ||
				s.attack.some((a) => a === f.technique || a.startsWith(`${f.technique}.`))) &&
			(!f.maxMinutes || (s.durationMinutes ?? Infinity) <= f.maxMinutes) &&
			(!f.solo || s.solo)
	);
}

/**
 * The techniques of a tactic no scenario exercises: a technique counts as exercised when a
 * scenario names it or one of its sub-techniques.
 */
function uncoveredIn(tactic: string, exercised: string[]) {
	const covered = new Set(exercised.map((id) => id.split('.')[0]));
	return currentParentTechniques()
		.filter((t) => t.tactics.includes(tactic) && !covered.has(t.id))
		.map((t) => ({ id: t.id, name: t.name, href: techniqueUrl(t.id) }));
}

/** Which ATT&CK techniques (by tactic) and which capabilities the valid scenarios exercise. */
export function coverage(list: ScenarioSummary[]) {
	const valid = list.filter((s) => s.valid);
	const byTechnique = new Map<string, string[]>();
	for (const s of valid)
		for (const a of s.attack) byTechnique.set(a, [...(byTechnique.get(a) ?? []), s.id]);
	// As in the ATT&CK matrix, a technique shows under every tactic it serves; ids unknown to
	// the shipped ATT&CK release (the validator warns about them) gather under "Other".
	const techniquesByTactic = [...tactics, null].map((tactic) => ({
		tactic: tactic ?? 'Other tactics',
		techniques: [...byTechnique.entries()]
			.filter(([id]) => {
				const inTactics = techniqueInfo(id).tactics;
				return tactic ? inTactics.includes(tactic) : inTactics.length === 0;
			})
			.map(([id, scenarios]) => {
				const info = techniqueInfo(id);
				// A sub-technique by its own name ("T1566.001 Spearphishing Attachment").
				return {
					...attackTechnique(id),
					parentId: info.parentName ? id.split('.')[0] : null,
					scenarios
				};
			})
			.sort((a, b) => a.id.localeCompare(b.id)),
		uncovered: tactic ? uncoveredIn(tactic, [...byTechnique.keys()]) : []
	}));
	const other = techniquesByTactic.pop()!;
	return {
		scenarios: valid.map((s) => ({ id: s.id, title: s.title })),
		tactics: other.techniques.length ? [...techniquesByTactic, other] : techniquesByTactic,
		capabilities: capabilities.map((c) => ({
			capability: c,
			scenarios: valid.filter((s) => s.capabilities.includes(c)).map((s) => s.id)
		}))
	};
}
