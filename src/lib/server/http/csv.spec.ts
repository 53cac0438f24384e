import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv';

describe('CSV cells', () => {
	it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('plain')).toBe('plain');
	});

	it('neutralises cells a spreadsheet would run as a formula', () => {
		for (const start of ['=', '+', '-', '@', '\t'])
			expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
		expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
	});

	it('writes empty cells for null and undefined, and ends lines with CRLF', () => {
		expect(csvLine([1, null, undefined, 'x'])).toBe('1,,,x\r\n');
	});
});
