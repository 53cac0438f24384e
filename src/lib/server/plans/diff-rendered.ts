import type { RenderedPart, SectionDiff, WordPart } from '../../plans/diff-types';
import { escapeXml } from '../charts/svg';
import { markdownTokens, renderMarkdown } from '../markdown/render';
import { diffItems, wordDiff } from './text-diff';

// The word diff reads the markdown source; this shows the same change rendered, block by
// block (paragraph, list, table, heading), so a reader sees the plan as it will print.

/** Unchanged blocks shown on either side of a change; the rest fold into a gap. */
const CONTEXT_BLOCKS = 1;
/** Past this many blocks, a section is left to the source view alone. */
const MAX_BLOCKS = 2000;

const blocksOf = (markdown: string) =>
	markdownTokens(markdown)
		.filter((t) => t.type !== 'space')
		.map((t) => ({ type: t.type, raw: t.raw.trimEnd() }));

type Block = ReturnType<typeof blocksOf>[number];

// A paragraph whose source renders as itself (no markup, entities or bare links) can show
// its changed words inline, built from escaped text.
const PLAIN = /^[^\\`*_[\]<>&|~!#:@]*$/;
const isPlain = (b: Block) => b.type === 'paragraph' && PLAIN.test(b.raw) && !/www\./i.test(b.raw);

const mark = (w: WordPart) => {
	const text = escapeXml(w.text);
	if (w.kind === 'same') return text;
	const [tag, label] = w.kind === 'added' ? ['ins', 'added'] : ['del', 'removed'];
	return `<${tag} class="diff-${label}"><span class="visually-hidden">${label}: </span>${text}</${tag}>`;
};

function reworded(from: Block, to: Block, deadline: number): RenderedPart | null {
	if (!isPlain(from) || !isPlain(to)) return null;
	const words = wordDiff(from.raw, to.raw, deadline);
	if (!words || words === 'dissimilar') return null;
	return { kind: 'reworded', html: `<p>${words.map(mark).join('')}</p>` };
}

/** Sections as rendered blocks, changes marked; null when too large to compare in time. */
export function renderedChange(section: SectionDiff, deadline: number): RenderedPart[] | null {
	const oldText = section.wholeSection?.old ?? textOf(section.words, 'added');
	const newText = section.wholeSection?.new ?? textOf(section.words, 'removed');
	if (oldText === null || newText === null) return null;
	const a = blocksOf(oldText);
	const b = blocksOf(newText);
	if (a.length + b.length > MAX_BLOCKS) return null;
	const runs = diffItems(
		a.map((x) => x.raw),
		b.map((x) => x.raw),
		deadline
	);
	if (!runs) return null;
	const parts: RenderedPart[] = [];
	let i = 0;
	let j = 0;
	for (let k = 0; k < runs.length; k++) {
		const run = runs[k];
		if (run.kind === 'same') {
			const kept = b.slice(j, j + run.count);
			const head = k === 0 ? 0 : CONTEXT_BLOCKS;
			const tail = k === runs.length - 1 ? 0 : CONTEXT_BLOCKS;
			if (kept.length <= head + tail + 1)
				kept.forEach((x) => parts.push({ kind: 'same', html: renderMarkdown(x.raw) }));
			else {
				kept
					.slice(0, head)
					.forEach((x) => parts.push({ kind: 'same', html: renderMarkdown(x.raw) }));
				parts.push({ kind: 'gap', blocks: kept.length - head - tail });
				kept
					.slice(kept.length - tail)
					.forEach((x) => parts.push({ kind: 'same', html: renderMarkdown(x.raw) }));
			}
			i += run.count;
			j += run.count;
			continue;
		}
		// A stretch of changes: removed blocks then added ones, or one paragraph reworded.
		const fromI = i;
		const fromJ = j;
		for (; k < runs.length && runs[k].kind !== 'same'; k++)
			if (runs[k].kind === 'removed') i += runs[k].count;
			else j += runs[k].count;
		k--;
		const removed = a.slice(fromI, i);
		const added = b.slice(fromJ, j);
		const inPlace =
			removed.length === 1 && added.length === 1 ? reworded(removed[0], added[0], deadline) : null;
		if (inPlace) parts.push(inPlace);
		else {
			removed.forEach((x) => parts.push({ kind: 'removed', html: renderMarkdown(x.raw) }));
			added.forEach((x) => parts.push({ kind: 'added', html: renderMarkdown(x.raw) }));
		}
	}
	return parts;
}

/** One side of a word diff put back together: the parts that are not `without`. */
function textOf(words: WordPart[] | null, without: WordPart['kind']): string | null {
	if (!words) return null;
	return words
		.filter((w) => w.kind !== without)
		.map((w) => w.text)
		.join('');
}
