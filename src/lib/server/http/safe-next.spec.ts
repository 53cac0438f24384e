import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const ORIGIN = 'https://hotwash.example';

/** Where a browser on our origin ends up when it follows `Location: path`. */
const landsOn = (path: string) => new URL(path, `${ORIGIN}/login`).origin;

describe('safeNext', () => {
	it.each([
		['/', '/'],
		['/admin/users?x=1', '/admin/users?x=1'],
		['/plans/abc/versions/def#section-2', '/plans/abc/versions/def#section-2'],
		['/scenarios?q=ransomware%20drill', '/scenarios?q=ransomware%20drill'],
		['/a/../plans', '/plans']
	])('keeps the path of this app %s', (next, kept) => {
		expect(safeNext(next)).toBe(kept);
	});

	it.each([
		'https://evil.example',
		'http:evil.example',
		'javascript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'evil.example',
		'./plans',
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'/\\/evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'\t//evil.example',
		' //evil.example',
		'/ /evil.example',
		'/.//evil.example',
		'/./\\evil.example',
		'/%2F%2Fevil.example',
		'/%2f/evil.example',
		'/%5Cevil.example',
		'/%5c%5cevil.example',
		'/%09/evil.example',
		'/%252F%252Fevil.example',
		'/%25252F%25252Fevil.example',
		'/plans%0d%0aSet-Cookie:%20x=1',
		'/plans\r\nSet-Cookie: x=1',
		'/plans\u0000',
		'/plans\u2028',
		'/pläne',
		'/%E0%A4%A',
		'/plans?q=%E0%A4%A',
		'/%',
		'/' + 'a'.repeat(5000),
		''
	])('refuses %j and sends to the fallback', (next) => {
		expect(safeNext(next)).toBe('/');
		expect(safeNext(next, '/account')).toBe('/account');
	});

	it('refuses what is not one string (a repeated or missing field)', () => {
		expect(safeNext(null)).toBe('/');
		expect(safeNext(undefined)).toBe('/');
		expect(safeNext(['/plans', '//evil.example'])).toBe('/');
		expect(safeNext(42)).toBe('/');
	});

	it('never throws and never leads off this origin, whatever it is given', () => {
		const piece = fc.constantFrom(
			'/',
			'//',
			'\\',
			'%2F',
			'%2f',
			'%5C',
			'%25',
			'%',
			'%E0%A4%A',
			'\t',
			'\n',
			'\r',
			' ',
			'.',
			'..',
			'?',
			'#',
			'@',
			':',
			'evil.example',
			'http:',
			'javascript:',
			'\u0000',
			'\u2028',
			'é'
		);
		const hostile = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 64 }),
			fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
			fc.array(piece, { maxLength: 12 }).map((parts) => '/' + parts.join(''))
		);
		fc.assert(
			fc.property(hostile, (next) => {
				const result = safeNext(next);
				expect(result.startsWith('/')).toBe(true);
				expect(result.startsWith('//')).toBe(false);
				expect(result).toMatch(/^[\x21-\x7e]+$/);
				expect(result).not.toContain('\\');
				expect(landsOn(result)).toBe(ORIGIN);
				// What it keeps decodes to a path of this app too.
				expect(landsOn(decodeURIComponent(result).replace(/\\/g, '/'))).toBe(ORIGIN);
			}),
			{ numRuns: 2000 }
		);
	});
});
