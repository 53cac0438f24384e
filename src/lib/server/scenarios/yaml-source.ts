import {
	isAlias,
	isMap,
	isNode,
	isPair,
	isScalar,
	LineCounter,
	parseDocument,
	visit,
	type Document
} from 'yaml';
import { readableSyntaxError } from './yaml-syntax';

export const MAX_SCENARIO_BYTES = 1_000_000;

export type Problem = { line: number; col: number; message: string };

/** A parsed YAML file that can say where any path in it is. */
export type YamlSource = {
	doc: Document.Parsed;
	data: unknown;
	/** Line and column of the value at `path`, or of the nearest parent that exists. */
	position(path: readonly PropertyKey[], key?: string): { line: number; col: number };
};

/**
 * Parses scenario YAML strictly: syntax errors, duplicate keys, anchors, aliases and explicit
 * tags are problems (aliases can expand a small file into a huge document, tags can build
 * objects), each with its line and column.
 */
export function parseScenarioYaml(text: string): {
	source: YamlSource | null;
	problems: Problem[];
} {
	if (Buffer.byteLength(text, 'utf8') > MAX_SCENARIO_BYTES)
		return {
			source: null,
			problems: [{ line: 1, col: 1, message: 'the file is larger than 1 MB' }]
		};
	const lineCounter = new LineCounter();
	// Duplicate keys are found below, where the message can name the key and its first line.
	const doc = parseDocument(text, {
		lineCounter,
		uniqueKeys: false,
		prettyErrors: false,
		strict: true
	});
	const at = (offset: number) => {
		const p = lineCounter.linePos(offset);
		return { line: p.line, col: p.col };
	};
	// After a syntax error the rest of the parse is guesswork: report the one thing to fix.
	if (doc.errors.length)
		return { source: null, problems: [readableSyntaxError(text, doc.errors, lineCounter)] };
	const problems: Problem[] = [];
	visit(doc, {
		Map(_key, map) {
			const first = new Map<unknown, number>();
			for (const pair of map.items) {
				if (!isScalar(pair.key) || !pair.key.range) continue;
				const name = pair.key.value;
				const seen = first.get(name);
				if (seen === undefined) first.set(name, pair.key.range[0]);
				else
					problems.push({
						...at(pair.key.range[0]),
						message: `\`${String(name)}\` appears twice in the same mapping (first on line ${at(seen).line}); keep one`
					});
			}
		},
		Node(_key, node) {
			if (isAlias(node)) {
				problems.push({
					...at(node.range?.[0] ?? 0),
					message: `aliases (*${node.source}) are not allowed; write the value out`
				});
			} else if (node.anchor) {
				problems.push({
					...at(node.range?.[0] ?? 0),
					message: `anchors (&${node.anchor}) are not allowed`
				});
			}
			if (
				!isAlias(node) &&
				node.tag &&
				!/^tag:yaml\.org,2002:(str|int|float|bool|null|seq|map)$/.test(node.tag)
			) {
				problems.push({
					...at(node.range?.[0] ?? 0),
					message: `YAML tags (${node.tag}) are not allowed`
				});
			}
		}
	});
	if (problems.length) return { source: null, problems: dedupe(problems) };
	if (!isMap(doc.contents))
		return {
			source: null,
			problems: [
				{
					line: 1,
					col: 1,
					message: 'a scenario file must be a mapping of fields (id, title, injects, …)'
				}
			]
		};

	const position = (path: readonly PropertyKey[], key?: string) => {
		for (let n = path.length; n >= 0; n--) {
			const node = doc.getIn(path.slice(0, n) as unknown[], true);
			if (!isNode(node)) continue;
			if (key && n === path.length && isMap(node)) {
				const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
				if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
			}
			if (n < path.length && isMap(node)) {
				// Point at the key of the missing child when it is a mapping key.
				const pair = node.items.find(
					(p) => isPair(p) && isScalar(p.key) && p.key.value === path[n]
				);
				if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
			}
			if (node.range) return at(node.range[0]);
		}
		return { line: 1, col: 1 };
	};
	return { source: { doc, data: doc.toJS({ maxAliasCount: 0 }), position }, problems: [] };
}

function dedupe(problems: Problem[]): Problem[] {
	const seen = new Set<string>();
	return problems.filter((p) => {
		const k = `${p.line}:${p.col}:${p.message}`;
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}
