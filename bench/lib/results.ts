// Writing benchmark figures down: the machine and commit they were measured on, markdown
// tables, and appending a run to its section of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { sleep } from './stats';

/** The machine, as the results describe it: cores, CPU, memory, Node, kernel. */
export function machineDescription(): string {
	const model = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
	const gib = (b: number) => `${(b / 2 ** 30).toFixed(0)} GiB`;
	return (
		`\`nproc\` ${os.availableParallelism()}, ${model ?? 'unknown CPU'}, ${gib(os.totalmem())} memory ` +
		`(${gib(os.freemem())} free at the start), Node ${process.version}, ${os.type()} ${os.release()}`
	);
}

/** The share of all CPUs' time spent busy over the next `millis` (from /proc/stat). */
export async function cpuBusy(millis: number): Promise<number> {
	const read = () => {
		const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
		const n = fields.map(Number);
		return { total: n.slice(0, 8).reduce((a, b) => a + b, 0), idle: n[3] + n[4] };
	};
	const a = read();
	await sleep(millis);
	const b = read();
	return b.total === a.total ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total);
}

/**
 * The commit checked out in `cwd`, and which files differ from it (other than the
 * benchmarks'), as the build measured holds them.
 */
export function commitDescription(cwd: string): string {
	try {
		const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd }).toString().trim();
		const changed = execFileSync('git', ['status', '--porcelain'], { cwd })
			.toString()
			.split('\n')
			.map((line) => line.slice(3).trim())
			.filter(Boolean);
		if (!changed.length) return `\`${head}\``;
		const outside = changed.filter((file) => !file.startsWith('bench/'));
		if (!outside.length) return `\`${head}\` with uncommitted changes in bench/ only`;
		const named = outside.slice(0, 6).map((file) => `\`${file}\``);
		if (outside.length > 6) named.push(`${outside.length - 6} more`);
		return `\`${head}\` with uncommitted changes (${named.join(', ')}${outside.length < changed.length ? ' and in bench/' : ''})`;
	} catch {
		return 'unknown';
	}
}

/** A markdown table with padded columns, as prettier writes it; `right` aligns columns right. */
export function markdownTable(head: string[], rows: string[][], right: boolean[] = []): string {
	const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) =>
		`| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
	const rule = widths.map((w, i) => (right[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
	return [line(head), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * Adds `markdown` at the end of the section headed `heading` (a `## ` line) of a results
 * file; the section, with `intro` under its heading, is made at the end of the file if missing.
 */
export function appendToSection(file: string, heading: string, markdown: string, intro = '') {
	let text = fs.readFileSync(file, 'utf8').trimEnd() + '\n';
	const at = text.indexOf(`\n${heading}\n`);
	if (at < 0) {
		text += `\n${heading}\n\n${intro ? `${intro.trim()}\n\n` : ''}${markdown.trim()}\n`;
	} else {
		const next = text.indexOf('\n## ', at + heading.length + 1);
		const end = next < 0 ? text.length : next + 1;
		text =
			`${text.slice(0, end).trimEnd()}\n\n${markdown.trim()}\n` +
			(next < 0 ? '' : `\n${text.slice(end)}`);
	}
	fs.writeFileSync(file, text);
}
