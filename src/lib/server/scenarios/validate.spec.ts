import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibraryFolder } from './library';
import { templatePlanReference } from './plan-reference';
import { validateScenarioText } from './validate';
import { findSlip } from './yaml-syntax';

const dir = path.resolve('tests/fixtures/scenarios');
const expected: Record<string, string[]> = JSON.parse(
	fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')
);
const check = (text: string) => {
	const r = validateScenarioText(text, templatePlanReference);
	return [
		...r.errors.map((p) => `error ${p.line}:${p.col}: ${p.message}`),
		...r.warnings.map((p) => `warning ${p.line}:${p.col}: ${p.message}`)
	];
};

describe('scenario validation', () => {
	it('accepts the valid fixture without errors or warnings', () => {
		expect(check(fs.readFileSync(path.join(dir, 'valid.yaml'), 'utf8'))).toEqual([]);
	});

	it('has a fixture for every expectation and an expectation for every fixture', () => {
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'valid.yaml');
		expect(files.sort()).toEqual(Object.keys(expected).sort());
	});

	it.each(Object.entries(expected))(
		'%s gets exactly the expected messages at their lines',
		(file, messages) => {
			expect(check(fs.readFileSync(path.join(dir, file), 'utf8'))).toEqual(messages);
		}
	);

	it('loads a scenario written before notification facts and clocks existed', () => {
		// As the fixture read before facts existed: mustNotify listing whom the matrix required.
		const old = fs
			.readFileSync(path.join(dir, 'valid.yaml'), 'utf8')
			.replace('mustNotify: []', 'mustNotify: [ciso]');
		const r = validateScenarioText(old, templatePlanReference);
		expect(r.errors).toEqual([]);
		const notify = r.scenario!.injects[1].prompts[0];
		expect(notify).toMatchObject({ type: 'notification', facts: [], mustNotify: ['ciso'] });
		expect('clock' in notify && notify.clock).toBeFalsy();
		// Only a hint that the matrix already requires the CISO at SEV1.
		expect(r.warnings.map((w) => w.message)).toEqual([
			"inject `spread`, prompt `q-notify`: stakeholder `ciso` is already required by the template plan's matrix at SEV1; `mustNotify` is for stakeholders the matrix does not require"
		]);
	});

	describe('one indentation slip gives one error on its line', () => {
		const valid = fs.readFileSync(path.join(dir, 'valid.yaml'), 'utf8').split('\n');
		const withLine = (n: number, text: string) =>
			valid.map((l, i) => (i === n - 1 ? text : l)).join('\n');
		it.each([
			[
				'a field one space short',
				withLine(23, '   title: EDR alert'),
				'error 23:4: indentation: `title` is indented 3 spaces, but `at` on line 22 is indented 4 spaces; line them up if they belong together'
			],
			[
				'a field one space too deep',
				withLine(23, '     title: EDR alert'),
				'error 23:6: indentation: `title` is indented 5 spaces, but `at` on line 22 is indented 4 spaces and already has a value; line them up (text that goes on over several lines needs quotes or `|`)'
			],
			[
				'a list item one space short',
				withLine(37, ' - id: spread'),
				'error 37:2: indentation: the list item `- id: spread` is indented 1 space, but the list item `- id: alert` on line 21 is indented 2 spaces; line them up if they belong together'
			],
			[
				'a tab',
				withLine(23, '\ttitle: EDR alert'),
				'error 23:1: line 23 is indented with a tab: YAML indents with spaces only'
			],
			[
				'a quote never closed',
				withLine(23, '    title: "EDR alert'),
				'error 23:12: YAML syntax: the text quoted with " here is never closed'
			]
		])('%s', (_what, text, message) => {
			expect(check(text)).toEqual([message]);
		});
	});

	it('sees no indentation slip in any well-formed file of the library', () => {
		const slips = fs
			.readdirSync('scenarios')
			.filter((f) => f.endsWith('.yaml'))
			.map((f) => ({ f, slip: findSlip(fs.readFileSync(path.join('scenarios', f), 'utf8')) }))
			.filter((x) => x.slip);
		expect(slips).toEqual([]);
	});

	it('refuses a file over 1 MB before parsing it', () => {
		const big =
			fs.readFileSync(path.join(dir, 'valid.yaml'), 'utf8') + `# ${'x'.repeat(1_000_000)}\n`;
		expect(check(big)).toEqual(['error 1:1: the file is larger than 1 MB']);
	});

	it('refuses a "billion laughs" document without expanding it', () => {
		const bomb = [
			'a: &a [x, x, x, x, x, x, x, x, x]',
			...'bcdefgh'
				.split('')
				.map(
					(c, i) => `${c}: &${c} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`
				)
		].join('\n');
		const messages = check(bomb);
		expect(messages[0]).toMatch(/^error 1:\d+: anchors \(&a\) are not allowed/);
		expect(messages.length).toBeGreaterThan(2);
	});

	it('loads a folder with broken files without failing, listing each broken file with its errors', () => {
		const entries = loadLibraryFolder(dir);
		expect(entries.filter((e) => e.scenario).map((e) => e.id)).toEqual(['fixture-valid']);
		// All fixtures share one id, so besides their own mistakes all but the first valid one clash.
		const broken = entries.filter((e) => !e.scenario);
		expect(broken.length).toBe(entries.length - 1);
		for (const e of broken) expect(e.errors.length).toBeGreaterThan(0);
	});

	it('reports a scenario id used by two files in the library, naming the first file', () => {
		const lib = fs.mkdtempSync(path.join(os.tmpdir(), 'hotwash-lib-'));
		const valid = fs.readFileSync(path.join(dir, 'valid.yaml'), 'utf8');
		fs.writeFileSync(path.join(lib, 'a.yaml'), valid);
		fs.writeFileSync(path.join(lib, 'b.yaml'), valid);
		const entries = loadLibraryFolder(lib);
		expect(entries[0].scenario).not.toBeNull();
		expect(entries[1].scenario).toBeNull();
		expect(entries[1].errors[0].message).toMatch(
			/^scenario id `fixture-valid` is already used by .*a\.yaml$/
		);
		fs.rmSync(lib, { recursive: true, force: true });
	});
});
