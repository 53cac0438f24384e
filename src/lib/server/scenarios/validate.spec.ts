import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibraryFolder } from './library';
import { templatePlanReference } from './plan-reference';
import { validateScenarioText } from './validate';

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
