// CSV as RFC 4180 has it (comma-separated, CRLF line ends, quotes doubled inside quoted
// cells), with cells that a spreadsheet would run as a formula (= + - @, tab, CR) neutralised
// by a leading apostrophe.

export function csvCell(value: unknown): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, with its CRLF. */
export const csvLine = (values: readonly unknown[]) => values.map(csvCell).join(',') + '\r\n';
