import type { LineCounter, YAMLError } from 'yaml';
import type { Problem } from './yaml-source';

// One readable message for a YAML syntax error. A single slip (a field indented one space
// off, a `[` never closed) makes the parser report a cascade of errors in its own terms,
// often on the line before or after the slip; authors need the one line to fix and why.

type Level = { indent: number; line: number; what: string };
type Opener = { char: string; line: number; col: number };

/** `title` for `title: x`, `- id: c` items named as such; null when the line is not a field. */
function fieldKey(content: string): string | null {
	const m =
		/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},&*!|>%@`][^#]*?)[ \t]*:(?:[ \t]|$)/.exec(
			content
		);
	return m ? m[1].replace(/^["']|["']$/g, '') : null;
}

function describe(content: string): string {
	if (content.startsWith('-')) {
		const item = content.length > 30 ? `${content.slice(0, 29)}…` : content;
		return `the list item \`${item}\``;
	}
	return `\`${fieldKey(content) ?? content.slice(0, 30)}\``;
}

const spaces = (n: number) => `${n} ${n === 1 ? 'space' : 'spaces'}`;

/** Scans a flow collection or quoted text that may span lines; returns what is still open. */
function scanFlow(
	text: string,
	from: number,
	line: number,
	open: Opener[],
	quote: Opener | null
): Opener | null {
	for (let i = from; i < text.length; i++) {
		const c = text[i];
		if (quote) {
			if (quote.char === '"' && c === '\\') i++;
			else if (c === quote.char) {
				if (quote.char === "'" && text[i + 1] === "'") i++;
				else quote = null;
			}
			continue;
		}
		const tokenStart = i === 0 || /[\s[{,:]/.test(text[i - 1]);
		if ((c === '"' || c === "'") && tokenStart) quote = { char: c, line, col: i + 1 };
		else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) break;
		else if ((c === '[' || c === '{') && (tokenStart || open.length))
			open.push({ char: c, line, col: i + 1 });
		else if ((c === ']' || c === '}') && open.length) open.pop();
	}
	return quote;
}

/**
 * The first line whose indentation breaks the block structure, or the opener of a flow
 * collection or quoted text that is never closed. A heuristic for when the parser failed.
 */
export function findSlip(text: string): Problem | null {
	const lines = text.split(/\r?\n/);
	const levels: Level[] = [];
	let opensBlock: { indent: number } | null = null;
	let blockScalar: { indent: number } | null = null;
	const open: Opener[] = [];
	let quote: Opener | null = null;

	for (let index = 0; index < lines.length; index++) {
		const line = index + 1;
		const raw = lines[index];
		if (open.length || quote) {
			quote = scanFlow(raw, 0, line, open, quote);
			continue;
		}
		const indent = raw.length - raw.trimStart().length;
		const content = raw.trim();
		if (blockScalar) {
			if (!content || indent > blockScalar.indent) continue;
			blockScalar = null;
		}
		if (!content || content.startsWith('#') || content === '---' || content === '...') continue;
		if (/^ *\t/.test(raw))
			return {
				line,
				col: raw.indexOf('\t') + 1,
				message: `line ${line} is indented with a tab: YAML indents with spaces only`
			};

		const isItem = content === '-' || content.startsWith('- ');
		if (opensBlock && (indent > opensBlock.indent || (indent === opensBlock.indent && isItem))) {
			levels.push({ indent, line, what: describe(content) });
		} else {
			let popped: Level | null = null;
			while (levels.length && levels[levels.length - 1].indent > indent) popped = levels.pop()!;
			const top = levels[levels.length - 1];
			if (!top && indent > 0) {
				levels.push({ indent, line, what: describe(content) });
			} else if (!top || top.indent === indent) {
				if (top) Object.assign(top, { line, what: describe(content) });
				else levels.push({ indent, line, what: describe(content) });
			} else if (popped) {
				// Between two levels: compare with the nearer one (a slip is usually one space).
				const sibling = popped.indent - indent <= indent - top.indent ? popped : top;
				return {
					line,
					col: indent + 1,
					message: `indentation: ${describe(content)} is indented ${spaces(indent)}, but ${sibling.what} on line ${sibling.line} is indented ${spaces(sibling.indent)}; line them up if they belong together`
				};
			} else if (isItem || fieldKey(content) !== null) {
				// Deeper than the field before it, which does not open a block.
				return {
					line,
					col: indent + 1,
					message: `indentation: ${describe(content)} is indented ${spaces(indent)}, but ${top.what} on line ${top.line} is indented ${spaces(top.indent)} and already has a value; line them up (text that goes on over several lines needs quotes or \`|\`)`
				};
			} else continue; // a plain text value wrapped onto the next line
		}

		// What this line opens: an item's own mapping, a nested block, a block scalar or a flow.
		opensBlock = null;
		let rest: string = content;
		let restCol: number = indent;
		if (isItem) {
			const after = content.slice(1);
			const gap = after.length - after.trimStart().length;
			rest = after.trimStart();
			restCol = indent + 1 + gap;
			if (!rest) {
				opensBlock = { indent };
				continue;
			}
			if (fieldKey(rest) !== null) levels.push({ indent: restCol, line, what: describe(rest) });
		}
		const key = fieldKey(rest);
		const value = key === null ? rest : rest.replace(/^.*?:(?:[ \t]+|$)/, '');
		const valueCol = restCol + rest.length - value.length;
		if (key !== null && (value === '' || value.startsWith('#'))) opensBlock = { indent: restCol };
		else if (/^[|>][0-9+-]*(?:\s+#.*)?$/.test(value)) blockScalar = { indent: restCol };
		else if (/^["'[{]/.test(value)) quote = scanFlow(raw, valueCol, line, open, null);
	}
	const unclosed = quote ?? open[0];
	if (!unclosed) return null;
	const what =
		unclosed.char === '[' || unclosed.char === '{'
			? `the \`${unclosed.char}\` opened here is never closed with \`${unclosed.char === '[' ? ']' : '}'}\``
			: `the text quoted with ${unclosed.char} here is never closed`;
	return { line: unclosed.line, col: unclosed.col, message: `YAML syntax: ${what}` };
}

/** One problem for the parser's errors: the slip found near the first error, or that error. */
export function readableSyntaxError(
	text: string,
	errors: YAMLError[],
	lineCounter: LineCounter
): Problem {
	const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
	const at = lineCounter.linePos(first.pos[0]);
	const slip = findSlip(text);
	// The parser notices an indentation slip on its line or the one before; an unclosed
	// bracket or quote only at the end of the collection, so that is trusted anywhere before.
	if (
		slip &&
		(Math.abs(slip.line - at.line) <= 1 ||
			(slip.message.startsWith('YAML syntax') && slip.line <= at.line))
	)
		return slip;
	const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
	return { line: at.line, col: at.col, message: `YAML syntax: ${message}` };
}
