// Small numeric helpers for the benchmarks.

/** The p-th percentile (0–100) of the values, nearest rank; NaN when there are none. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');
export const kb = (bytes: number) =>
	Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a';

export const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));

/** Waits until `condition` holds, polling; false when `timeoutMs` passed first. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, everyMs = 10) {
	const end = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > end) return false;
		await sleep(everyMs);
	}
	return true;
}
