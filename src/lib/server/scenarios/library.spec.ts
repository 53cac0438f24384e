import { describe, expect, it } from 'vitest';
import { formatProblem } from './validate';
import { loadLibraryFolder } from './library';

// The built-in library as shipped in scenarios/: every file valid, and each scenario rich
// enough to run (the bar the library promises its users).
const library = loadLibraryFolder('scenarios');

describe('the shipped scenario library', () => {
	it('has at least twelve files and every one is valid, without warnings', () => {
		expect(library.length).toBeGreaterThanOrEqual(12);
		const problems = library.flatMap((e) =>
			[...e.errors, ...e.warnings].map((p) => formatProblem(e.file, p))
		);
		expect(problems).toEqual([]);
	});

	it('offers at least six scenarios for solo practice', () => {
		expect(library.filter((e) => e.scenario?.solo).length).toBeGreaterThanOrEqual(6);
	});

	it.each(library.map((e) => [e.id, e] as const))('%s is a full exercise', (_id, entry) => {
		const s = entry.scenario!;
		const prompts = s.injects.flatMap((i) => i.prompts);
		expect(s.injects.length, 'injects').toBeGreaterThanOrEqual(8);
		expect(
			s.injects.filter((i) => i.when || i.variants.length).length,
			'branch points'
		).toBeGreaterThanOrEqual(2);
		expect(
			prompts.filter((p) => p.type === 'notification').length,
			'notification decisions'
		).toBeGreaterThanOrEqual(1);
		expect(
			s.injects.filter((i) => i.facilitatorNotes.trim()).length,
			'injects with facilitator notes'
		).toBeGreaterThanOrEqual(4);
		expect(
			s.injects.flatMap((i) => i.questions).length,
			'discussion questions'
		).toBeGreaterThanOrEqual(4);
		expect(s.objectives.length, 'objectives').toBeGreaterThanOrEqual(2);
		expect(s.attack.length, 'ATT&CK techniques').toBeGreaterThanOrEqual(1);
		expect(s.planSections.length, 'plan sections').toBeGreaterThanOrEqual(1);
		expect(entry.file).toBe(`scenarios/${s.id}.yaml`);
	});
});
