import { describe, expect, it } from 'vitest';
import { contentToMarkdown, sectionsFromMarkdown } from './markdown-io';

const file = (text: string, name = 'plan.md') => ({ name, bytes: new TextEncoder().encode(text) });

describe('markdown import', () => {
	it('splits at level 1 and 2 headings, strips numbers and keeps deeper headings in the body', () => {
		const sections = sectionsFromMarkdown(
			file(
				'Intro text.\n\n# 1 Scope\nAll systems.\n\n## 1.1 Roles & responsibilities\nIC leads.\n### Deputy\nBackup IC.\n# Escalation\nCall.'
			)
		);
		expect(sections.map((s) => [s.key, s.level, s.title])).toEqual([
			['introduction', 1, 'Introduction'],
			['scope', 1, 'Scope'],
			['roles-responsibilities', 2, 'Roles & responsibilities'],
			['escalation', 1, 'Escalation']
		]);
		expect(sections[2].body).toBe('IC leads.\n### Deputy\nBackup IC.');
	});

	it('does not split at a heading inside a code block', () => {
		const s = sectionsFromMarkdown(file('# Tools\n```\n# not a heading\n```'));
		expect(s).toHaveLength(1);
	});

	it('gives duplicate titles distinct keys', () => {
		const s = sectionsFromMarkdown(file('# Notes\na\n# Notes\nb'));
		expect(s.map((x) => x.key)).toEqual(['notes', 'notes-2']);
	});

	it('refuses empty, binary, non-UTF-8, heading-less and oversized files with a clear message', () => {
		expect(() => sectionsFromMarkdown(file(''))).toThrow('plan.md is empty.');
		expect(() =>
			sectionsFromMarkdown({ name: 'x.pdf', bytes: new Uint8Array([37, 80, 68, 70, 0, 1]) })
		).toThrow(/not a text file/);
		expect(() =>
			sectionsFromMarkdown({ name: 'x.md', bytes: new Uint8Array([0xff, 0xfe, 0x41]) })
		).toThrow(/not UTF-8/);
		expect(() => sectionsFromMarkdown(file('just prose'))).toThrow(/no headings/);
		expect(() => sectionsFromMarkdown(file('# a\n' + 'x'.repeat(1_000_001)))).toThrow(
			/larger than 1 MB/
		);
	});

	it('exports a document that imports back to the same sections', () => {
		const content = {
			sections: [
				{ key: 'scope', title: 'Scope', level: 1 as const, body: 'All systems.' },
				{ key: 'roles', title: 'Roles', level: 2 as const, body: 'IC leads.' }
			],
			severityScale: [{ id: 'SEV1', name: 'Critical', criteria: 'Data | breach' }],
			matrix: []
		};
		const md = contentToMarkdown('IR plan', '1.0', content);
		expect(md).toContain('## 1.1 Roles');
		expect(md).toContain('Data \\| breach');
		const back = sectionsFromMarkdown(file(md));
		expect(back.slice(0, 2).map((s) => [s.title, s.level, s.body])).toEqual([
			['Scope', 1, 'All systems.'],
			['Roles', 2, 'IC leads.']
		]);
	});
});
