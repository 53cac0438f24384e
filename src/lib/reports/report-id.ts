// A report's id is printed in every page's header and read aloud over the phone by an
// auditor, so it is short, upper-case and free of look-alike letters: HW-7K3M-Q9XD-2B4F
// (Crockford's base32, 60 random bits).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const REPORT_ID_PATTERN =
	/HW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

export function newReportId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	const chars = Array.from(bytes, (b) => ALPHABET[b % 32]).join('');
	return `HW-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Reads a typed id tolerantly: lower case, spaces, O for 0 and I/L for 1. */
export function normaliseReportId(input: string): string | null {
	const compact = input
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1')
		.replace(/^HW/, '');
	if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact)) return null;
	return `HW-${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`;
}

/** The report id a PDF names in its (uncompressed) info dictionary, read as Latin-1 text. */
export function claimedReportIdIn(latin1: string): string | null {
	const match = new RegExp(`\\((${REPORT_ID_PATTERN.source})\\)`).exec(latin1);
	return match ? match[1] : null;
}
