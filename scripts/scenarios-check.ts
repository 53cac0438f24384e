// `npm run scenarios:check [files…]`: validates the scenario library (or the files given),
// lists every error and warning with file, line and column, and fails on any error.
import fs from 'node:fs';
import path from 'node:path';
import {
	loadLibraryFolder,
	markDuplicateIds,
	type LibraryEntry
} from '../src/lib/server/scenarios/library';
import { templatePlanReference } from '../src/lib/server/scenarios/plan-reference';
import { formatProblem, validateScenarioText } from '../src/lib/server/scenarios/validate';

const files = process.argv.slice(2);
let entries: LibraryEntry[];
if (files.length) {
	entries = files.map((f) => {
		const text = fs.readFileSync(f, 'utf8');
		const r = validateScenarioText(text, templatePlanReference);
		return {
			file: path.relative(process.cwd(), path.resolve(f)),
			origin: 'built-in',
			id: r.scenario?.id ?? f,
			scenario: r.scenario,
			errors: r.errors,
			warnings: r.warnings,
			text
		};
	});
	markDuplicateIds(entries);
} else entries = loadLibraryFolder();

let errors = 0;
let warnings = 0;
for (const e of entries) {
	for (const p of e.errors) console.error(`error: ${formatProblem(e.file, p)}`);
	for (const p of e.warnings) console.warn(`warning: ${formatProblem(e.file, p)}`);
	errors += e.errors.length;
	warnings += e.warnings.length;
}
const valid = entries.filter((e) => e.scenario).length;
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
console.log(
	`${entries.length} scenario files: ${valid} valid, ${entries.length - valid} invalid (${count(errors, 'error')}, ${count(warnings, 'warning')}).`
);
process.exit(errors > 0 || entries.length === 0 ? 1 : 0);
