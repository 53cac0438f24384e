import type { WordPart } from '../../plans/diff-types';

// A plan section is compared line by line first (cheap: a line is one symbol), then word by
// word only inside the lines that changed, paired old with new. Both steps run the same
// bounded shortest-edit search (Myers) over interned symbols, so a hostile or huge input
// gives up (null) instead of running away.

/** Edits at most, per search: the trace the search keeps grows with their square. */
const MAX_LINE_EDITS = 1000;
const MAX_WORD_EDITS = 1000;
/** A changed stretch this small (in tokens) is compared as one text, not line by line. */
const JOIN_HUNK_TOKENS = 400;
/** Below this share of shared non-space characters, two lines are shown whole, not as word soup. */
const MIN_SIMILARITY = 0.35;

export type Run = { kind: WordPart['kind']; count: number };

/** The shortest edit script from a to b as runs of kept, removed and added symbols. */
function shortestEdit(
	a: Int32Array,
	b: Int32Array,
	maxEdits: number,
	deadline: number
): Run[] | null {
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const n = endA - start;
	const m = endB - start;
	const middle = middleEdit(
		a.subarray(start, endA),
		b.subarray(start, endB),
		n,
		m,
		maxEdits,
		deadline
	);
	if (!middle) return null;
	const runs: Run[] = [
		{ kind: 'same', count: start },
		...middle,
		{ kind: 'same', count: a.length - endA }
	];
	return runs.filter((r) => r.count > 0);
}

// The search's trace: after round d, the furthest x on each diagonal -d..d, stored at d².
// One buffer, grown on demand and reused (the search is synchronous), bounded by the limits.
let trace = new Int32Array(1024);

function middleEdit(
	a: Int32Array,
	b: Int32Array,
	n: number,
	m: number,
	maxEdits: number,
	deadline: number
): Run[] | null {
	if (n === 0 || m === 0)
		return [
			{ kind: 'removed', count: n },
			{ kind: 'added', count: m }
		];
	const max = Math.min(n + m, maxEdits);
	for (let d = 0; d <= max; d++) {
		if ((d & 31) === 31 && performance.now() > deadline) return null;
		const base = d * d;
		if (trace.length < base + 2 * d + 1) {
			const grown = new Int32Array(Math.max(trace.length * 2, (d + 1) * (d + 1) + 2 * d + 3));
			grown.set(trace);
			trace = grown;
		}
		// Round d-1 sits at (d-1)², diagonal k at index k + d - 1.
		const prev = (d - 1) * (d - 1) + d - 1;
		for (let k = -d; k <= d; k += 2) {
			let x =
				d === 0
					? 0
					: k === -d || (k !== d && trace[prev + k - 1] < trace[prev + k + 1])
						? trace[prev + k + 1]
						: trace[prev + k - 1] + 1;
			let y = x - k;
			while (x < n && y < m && a[x] === b[y]) {
				x++;
				y++;
			}
			trace[base + k + d] = x;
			if (x >= n && y >= m) return backtrack(d, n, m);
		}
	}
	return null;
}

function backtrack(rounds: number, n: number, m: number): Run[] {
	const reversed: Run[] = [];
	const push = (kind: Run['kind'], count: number) => {
		if (count <= 0) return;
		const last = reversed[reversed.length - 1];
		if (last?.kind === kind) last.count += count;
		else reversed.push({ kind, count });
	};
	let x = n;
	let y = m;
	for (let d = rounds; d > 0; d--) {
		const prev = (d - 1) * (d - 1) + d - 1;
		const k = x - y;
		const down = k === -d || (k !== d && trace[prev + k - 1] < trace[prev + k + 1]);
		const prevK = down ? k + 1 : k - 1;
		const prevX = trace[prev + prevK];
		const midX = down ? prevX : prevX + 1;
		push('same', x - midX);
		push(down ? 'added' : 'removed', 1);
		x = prevX;
		y = prevX - prevK;
	}
	push('same', x);
	return reversed.reverse();
}

function intern(parts: string[], ids: Map<string, number>): Int32Array {
	const out = new Int32Array(parts.length);
	parts.forEach((p, i) => {
		let id = ids.get(p);
		if (id === undefined) ids.set(p, (id = ids.size));
		out[i] = id;
	});
	return out;
}

/**
 * Words and single other characters, each with the whitespace after it (so spaces never pair
 * up unrelated words); the tokens join back into the text exactly.
 */
const TOKEN = /^\s+|[\p{L}\p{N}_]+\s*|[^\s\p{L}\p{N}_]\s*/gu;
const tokensOf = (text: string) => text.match(TOKEN) ?? [];

/** Two lists of strings (lines, blocks) as runs of kept, removed and added items; null past the limits. */
export function diffItems(a: string[], b: string[], deadline: number): Run[] | null {
	const ids = new Map<string, number>();
	return shortestEdit(intern(a, ids), intern(b, ids), MAX_LINE_EDITS, deadline);
}

/** Lines, each with its line break, so they join back exactly. */
function linesOf(text: string): string[] {
	const lines: string[] = [];
	for (let at = 0; at < text.length;) {
		const end = text.indexOf('\n', at);
		const next = end < 0 ? text.length : end + 1;
		lines.push(text.slice(at, next));
		at = next;
	}
	return lines;
}

/** Parts from runs over the tokens of both texts, merging neighbours of one kind. */
function partsOf(runs: Run[], a: string[], b: string[]): WordPart[] {
	const out: WordPart[] = [];
	let i = 0;
	let j = 0;
	for (const r of runs) {
		const from = r.kind === 'added' ? b : a;
		const at = r.kind === 'added' ? j : i;
		push(out, r.kind, from.slice(at, at + r.count).join(''));
		if (r.kind !== 'added') i += r.count;
		if (r.kind !== 'removed') j += r.count;
	}
	return out;
}

function push(out: WordPart[], kind: WordPart['kind'], text: string) {
	if (!text) return;
	const last = out[out.length - 1];
	if (last?.kind === kind) last.text += text;
	else out.push({ kind, text });
}

/**
 * Gathers each stretch of changes into its removed text, then its added text, swallowing the
 * bare spaces between changed words so "one hour" → "thirty minutes" reads as one change.
 */
function tidy(parts: WordPart[]): WordPart[] {
	const out: WordPart[] = [];
	let removed = '';
	let added = '';
	const flush = () => {
		push(out, 'removed', removed);
		push(out, 'added', added);
		removed = added = '';
	};
	parts.forEach((p, i) => {
		const between = i > 0 && i < parts.length - 1 && (removed || added);
		if (p.kind === 'same' && !(between && /^\s+$/.test(p.text) && parts[i + 1].kind !== 'same')) {
			flush();
			push(out, 'same', p.text);
		} else if (p.kind === 'same') {
			removed += p.text;
			added += p.text;
		} else if (p.kind === 'removed') removed += p.text;
		else added += p.text;
	});
	flush();
	return out;
}

const visible = (text: string) => text.replace(/\s+/g, '').length;

/**
 * Two texts word by word; 'dissimilar' when they share too little for that to help (shown
 * whole instead); null when too large or too slow to tell.
 */
export function wordDiff(
	oldText: string,
	newText: string,
	deadline: number
): WordPart[] | 'dissimilar' | null {
	const a = tokensOf(oldText);
	const b = tokensOf(newText);
	const ids = new Map<string, number>();
	// Past this many edits the texts share under MIN_SIMILARITY of their tokens: stop early.
	const hopeless = Math.ceil(
		a.length + b.length - 2 * MIN_SIMILARITY * Math.max(a.length, b.length)
	);
	const limit = Math.min(MAX_WORD_EDITS, hopeless);
	const runs = shortestEdit(intern(a, ids), intern(b, ids), limit, deadline);
	if (!runs) return limit < MAX_WORD_EDITS && performance.now() <= deadline ? 'dissimilar' : null;
	const parts = partsOf(runs, a, b);
	const same = parts.reduce((sum, p) => sum + (p.kind === 'same' ? visible(p.text) : 0), 0);
	const longer = Math.max(visible(oldText), visible(newText));
	if (longer > 0 && same / longer < MIN_SIMILARITY) return 'dissimilar';
	return tidy(parts);
}

/** A changed stretch of lines: word by word as one text when small, else line pair by pair. */
function changedLines(oldLines: string[], newLines: string[], deadline: number): WordPart[] | null {
	const out: WordPart[] = [];
	const oldText = oldLines.join('');
	const newText = newLines.join('');
	if (!oldText || !newText) {
		push(out, 'removed', oldText);
		push(out, 'added', newText);
		return out;
	}
	const small = tokensOf(oldText).length + tokensOf(newText).length <= JOIN_HUNK_TOKENS;
	const pairs: [string, string][] = small
		? [[oldText, newText]]
		: Array.from({ length: Math.min(oldLines.length, newLines.length) }, (_, i) => [
				oldLines[i],
				newLines[i]
			]);
	for (const [from, to] of pairs) {
		const words = wordDiff(from, to, deadline);
		if (words === null) return null;
		if (words === 'dissimilar') {
			push(out, 'removed', from);
			push(out, 'added', to);
		} else for (const w of words) push(out, w.kind, w.text);
	}
	if (!small) {
		push(out, 'removed', oldLines.slice(pairs.length).join(''));
		push(out, 'added', newLines.slice(pairs.length).join(''));
	}
	return out;
}

/**
 * Two texts compared line by line, and word by word within changed lines. The kept and
 * removed parts join into the old text, the kept and added parts into the new one. Null
 * when too large or too slow to compare before `deadline`.
 */
export function textDiff(oldText: string, newText: string, deadline: number): WordPart[] | null {
	const a = linesOf(oldText);
	const b = linesOf(newText);
	const runs = diffItems(a, b, deadline);
	if (!runs) return null;
	const out: WordPart[] = [];
	let i = 0;
	let j = 0;
	let k = 0;
	while (k < runs.length) {
		const r = runs[k];
		if (r.kind === 'same') {
			push(out, 'same', a.slice(i, i + r.count).join(''));
			i += r.count;
			j += r.count;
			k++;
			continue;
		}
		// A stretch of changes: every removed and added run up to the next kept line.
		const fromI = i;
		const fromJ = j;
		for (; k < runs.length && runs[k].kind !== 'same'; k++) {
			if (runs[k].kind === 'removed') i += runs[k].count;
			else j += runs[k].count;
		}
		const changed = changedLines(a.slice(fromI, i), b.slice(fromJ, j), deadline);
		if (!changed) return null;
		for (const w of changed) push(out, w.kind, w.text);
	}
	return out;
}
