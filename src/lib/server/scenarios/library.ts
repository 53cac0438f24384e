import fs from 'node:fs';
import path from 'node:path';
import type { Scenario } from '../../scenarios/schema';
import { templatePlanReference } from './plan-reference';
import { validateScenarioText, type Problem } from './validate';

export type LibraryEntry = {
	/** Path relative to the project, e.g. scenarios/ransomware.yaml. */
	file: string;
	origin: 'built-in' | 'custom';
	/** The scenario's id, or the file name when the file is too broken to have one. */
	id: string;
	scenario: Scenario | null;
	errors: Problem[];
	warnings: Problem[];
	text: string;
};

export const scenariosDir = () => path.resolve(process.env.HOTWASH_SCENARIOS_DIR ?? 'scenarios');

/** Validates every *.yaml file in the folder, then checks that ids are unique across them. */
export function loadLibraryFolder(dir = scenariosDir()): LibraryEntry[] {
	if (!fs.existsSync(dir)) return [];
	const files = fs
		.readdirSync(dir)
		.filter((f) => /\.ya?ml$/.test(f))
		.sort();
	const entries = files.map((f): LibraryEntry => {
		const full = path.join(dir, f);
		const rel = path.relative(process.cwd(), full) || f;
		const size = fs.statSync(full).size;
		const text = size > 2_000_000 ? 'x'.repeat(1_000_001) : fs.readFileSync(full, 'utf8');
		const result = validateScenarioText(text, templatePlanReference);
		return {
			file: rel,
			origin: 'built-in',
			id: result.scenario?.id ?? f.replace(/\.ya?ml$/, ''),
			scenario: result.scenario,
			errors: result.errors,
			warnings: result.warnings,
			text: size > 2_000_000 ? '' : text
		};
	});
	markDuplicateIds(entries);
	return entries;
}

/** A scenario id must be unique across the whole library; every holder after the first is invalid. */
export function markDuplicateIds(entries: LibraryEntry[]): void {
	const firstFile = new Map<string, string>();
	for (const e of entries) {
		if (!e.scenario) continue;
		const first = firstFile.get(e.scenario.id);
		if (first) {
			e.errors.push({
				line: 1,
				col: 1,
				message: `scenario id \`${e.scenario.id}\` is already used by ${first}`
			});
			e.scenario = null;
		} else firstFile.set(e.scenario.id, e.file);
	}
}

let builtIn: LibraryEntry[] | undefined;

/** The built-in library, loaded and validated once (at startup). */
export function builtInLibrary(): LibraryEntry[] {
	builtIn ??= loadLibraryFolder();
	return builtIn;
}
