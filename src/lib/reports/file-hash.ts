import { claimedReportIdIn } from './report-id';

/**
 * In the browser: a file's SHA-256 (hex) and the report id it names, so the verify form
 * sends 64 characters instead of the file. Null where Web Crypto is missing (a plain-http
 * page on another host): the form then sends the file itself.
 */
export async function fingerprintFile(
	file: File
): Promise<{ sha256: string; reportId: string | null } | null> {
	if (!globalThis.crypto?.subtle) return null;
	const bytes = new Uint8Array(await file.arrayBuffer());
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
	const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
	// Latin-1 keeps one character per byte, as the server reads the file.
	const reportId = claimedReportIdIn(new TextDecoder('latin1').decode(bytes));
	return { sha256, reportId };
}
