// "Did you mean …?" for a misspelt field name or value.

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
	const s = a.toLowerCase();
	const t = b.toLowerCase();
	let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
	for (let i = 1; i <= s.length; i++) {
		const current = [i];
		for (let j = 1; j <= t.length; j++)
			current[j] = Math.min(
				previous[j] + 1,
				current[j - 1] + 1,
				previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1)
			);
		previous = current;
	}
	return previous[t.length];
}

/**
 * The known word closest to `word`, when close enough to be a slip: at most two edits, or
 * a third of the longer word (so `facilitator_notes` still finds `facilitatorNotes`).
 */
export function nearest(word: string, known: Iterable<string>): string | null {
	let best: { word: string; distance: number } | null = null;
	for (const candidate of known) {
		if (candidate === word) continue;
		const distance = editDistance(word, candidate);
		const close = distance <= 2 || distance <= Math.max(word.length, candidate.length) / 3;
		if (close && (!best || distance < best.distance)) best = { word: candidate, distance };
	}
	return best?.word ?? null;
}
