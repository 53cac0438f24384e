// Where to go after logging in comes from the request, so it is an open-redirect tool unless
// it can only ever name a page of this app. Anything doubtful falls back; nothing throws, so a
// malformed `next` can never turn a successful login into an error page.

const MAX_LENGTH = 2048;
const MAX_DECODES = 3;
// Control characters and backslashes have no place in a path, raw or decoded: browsers drop or
// rewrite them (`/\t/evil.example` and `/\\evil.example` both lead to evil.example).
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029\ufeff]/;
const BASE = 'http://app.invalid';

/** A path of this app, or `fallback`: the `next` of a login link, taken only when harmless. */
export function safeNext(next: unknown, fallback = '/'): string {
	if (typeof next !== 'string' || next.length === 0 || next.length > MAX_LENGTH) return fallback;
	if (!isPlainPath(next)) return fallback;
	// What the path decodes to must be as harmless (`/%2F%2Fevil.example`, `/%5Cevil`, `%0d%0a`).
	// Encoded more deeply than any link of ours ever is: refused rather than decoded on and on.
	let decoded = next;
	for (let round = 0; ; round++) {
		let once: string;
		try {
			once = decodeURIComponent(decoded);
		} catch {
			return fallback;
		}
		if (once === decoded) break;
		if (round === MAX_DECODES) return fallback;
		if (!once.startsWith('/') || once.startsWith('//') || CONTROL_OR_BACKSLASH.test(once))
			return fallback;
		decoded = once;
	}
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	// The URL parser normalises (`/.//evil.example` becomes `//evil.example`): check its result too.
	const normalised = url.pathname + url.search + url.hash;
	return isPlainPath(normalised) ? normalised : fallback;
}

/** One slash, then printable ASCII only (what a Location header carries), no backslash. */
function isPlainPath(path: string): boolean {
	return (
		path.startsWith('/') &&
		!path.startsWith('//') &&
		/^[\x21-\x7e]*$/.test(path) &&
		!CONTROL_OR_BACKSLASH.test(path)
	);
}
