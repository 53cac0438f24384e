import {
	audienceLabels,
	audiences,
	keyFromTitle,
	matrixRowSchema,
	severityLevelSchema,
	type Audience,
	type MatrixRow,
	type NotificationRule,
	type SeverityLevel
} from '../../plans/content';
import type { IncidentFact } from '../../plans/incident-facts';
import {
	appliesWhenInWords,
	onlyWhenInWords,
	parseFactWords,
	parseStageWords,
	stageInWords
} from '../../plans/matrix-words';

// The severity scale and the communication matrix as markdown that people read and that
// imports back unchanged: one `###` block per level or row, each field on its own bullet,
// deadlines in the words the plan page uses ("Early warning within 24h of awareness").
// A marker comment under the part's heading tells the importer the part is data.

export const SCALE_MARKER = '<!-- hotwash:severity-scale';
export const MATRIX_MARKER = '<!-- hotwash:communication-matrix';

export type Line = { text: string; no: number };

/** A mistake in the file at a line; the importer prefixes the file name. */
export class MarkdownLineError extends Error {
	constructor(
		readonly line: number,
		message: string
	) {
		super(message);
	}
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const NOT_NOTIFIED = 'not notified';
const NONE = '—';

/** A fence for `text` that nothing inside it can close. */
function fenceFor(text: string): string {
	const longest = Math.max(0, ...(text.match(/~+/g) ?? []).map((run) => run.length));
	return '~'.repeat(Math.max(3, longest + 1));
}

export function scaleToMarkdown(levels: SeverityLevel[]): string[] {
	const out = ['# Severity scale', '', `${SCALE_MARKER} -->`, ''];
	for (const l of levels) out.push(`### ${l.id} · ${oneLine(l.name)}`, '', l.criteria, '');
	return out;
}

export function matrixToMarkdown(rows: MatrixRow[], severityIds: string[]): string[] {
	const out = [
		'# Communication matrix',
		'',
		`${MATRIX_MARKER} (one block per stakeholder; imports back as written) -->`,
		''
	];
	for (const r of rows) {
		out.push(`### ${oneLine(r.stakeholder)}`, '');
		out.push(`- Key: ${r.key}`);
		out.push(`- Audience: ${audienceLabels[r.audience]}`);
		out.push(`- Applies when: ${appliesWhenInWords(r.appliesWhen)}`);
		if (r.onlyWhen?.length) out.push(`- Only when all of: ${onlyWhenInWords(r.onlyWhen)}`);
		const ids = [
			...severityIds,
			...Object.keys(r.notifications).filter((id) => !severityIds.includes(id))
		];
		for (const id of ids) {
			const rule = r.notifications[id];
			if (!rule?.notify) out.push(`- ${id}: ${NOT_NOTIFIED}`);
			else out.push(`- ${id}:`, ...rule.stages.map((s) => `  - ${oneLine(stageInWords(s))}`));
		}
		out.push(`- Notified by: ${oneLine(r.notifier)}`);
		out.push(`- Approved by: ${oneLine(r.approver) || NONE}`);
		for (const c of r.contacts) {
			out.push(`- Contact: ${oneLine(c.name)}`.trimEnd());
			if (c.email) out.push(`  - Email: ${oneLine(c.email)}`);
			if (c.phone) out.push(`  - Phone: ${oneLine(c.phone)}`);
			if (c.outOfBand) out.push(`  - Out-of-band: ${oneLine(c.outOfBand)}`);
		}
		if (r.messageTemplate) {
			const fence = fenceFor(r.messageTemplate);
			out.push('', 'Message template:', '', `${fence}markdown`, r.messageTemplate, fence);
		}
		out.push('');
	}
	return out;
}

/** Splits a part's body into its `###` blocks (the caller has kept fenced text whole). */
function blocks(lines: Line[], inFence: boolean[]): { heading: Line; body: Line[] }[] {
	const out: { heading: Line; body: Line[] }[] = [];
	lines.forEach((line, i) => {
		const heading = !inFence[i] && /^###\s+(.+?)\s*#*\s*$/.exec(line.text);
		if (heading) out.push({ heading: { text: heading[1], no: line.no }, body: [] });
		else if (out.length) out[out.length - 1].body.push(line);
		else if (line.text.trim() && !line.text.trim().startsWith('<!--'))
			throw new MarkdownLineError(line.no, 'Start each entry with a "### " heading.');
	});
	return out;
}

export function scaleFromMarkdown(
	lines: Line[],
	inFence: boolean[]
): { levels: SeverityLevel[]; lineOf: number[] } {
	const levels: SeverityLevel[] = [];
	const lineOf: number[] = [];
	for (const { heading, body } of blocks(lines, inFence)) {
		const m = /^(\S+)\s+·\s+(.+)$/.exec(heading.text);
		if (!m) throw new MarkdownLineError(heading.no, 'Write a level as "### SEV1 · Critical".');
		const level = severityLevelSchema.safeParse({
			id: m[1],
			name: m[2],
			criteria: body.map((l) => l.text).join('\n')
		});
		if (!level.success) {
			const issue = level.error.issues[0];
			throw new MarkdownLineError(heading.no, `${m[1]} ${String(issue.path[0])}: ${issue.message}`);
		}
		levels.push(level.data);
		lineOf.push(heading.no);
	}
	return { levels, lineOf };
}

type Item = { label: string; value: string; line: number; subs: Line[] };

export function matrixFromMarkdown(
	lines: Line[],
	inFence: boolean[]
): { rows: MatrixRow[]; lineOf: number[] } {
	const rows: MatrixRow[] = [];
	const lineOf: number[] = [];
	const taken = new Set<string>();
	const fenceAt = new Map(lines.map((l, i) => [l.no, inFence[i]]));
	for (const { heading, body } of blocks(lines, inFence)) {
		const { items, template } = readRowBody(body, fenceAt);
		const row = rowFromItems(heading, items, template, taken);
		taken.add(row.key);
		rows.push(row);
		lineOf.push(heading.no);
	}
	return { rows, lineOf };
}

/** Whether `text` closes a fence opened with `open` (same character, at least as long). */
export function closes(open: string, text: string): boolean {
	const m = /^ {0,3}(~{3,}|`{3,})\s*$/.exec(text);
	return !!m && m[1][0] === open[0] && m[1].length >= open.length;
}

function readRowBody(body: Line[], fenceAt: Map<number, boolean>) {
	const items: Item[] = [];
	let template: string | null = null;
	for (let i = 0; i < body.length; i++) {
		const { text, no } = body[i];
		if (!text.trim()) continue;
		const item = /^- ([^:]+):\s*(.*)$/.exec(text);
		const sub = /^\s{2,}- (.*)$/.exec(text);
		if (item) items.push({ label: item[1].trim(), value: item[2].trim(), line: no, subs: [] });
		else if (sub && items.length) items[items.length - 1].subs.push({ text: sub[1].trim(), no });
		else if (/^Message template:\s*$/i.test(text)) {
			let j = i + 1;
			while (j < body.length && !body[j].text.trim()) j++;
			const open = body[j] && /^(~{3,}|`{3,})/.exec(body[j].text);
			if (!open) throw new MarkdownLineError(no, 'Put the message template in a ~~~ block.');
			const inside: string[] = [];
			for (j++; j < body.length && fenceAt.get(body[j].no); j++) {
				if (closes(open[1], body[j].text)) break;
				inside.push(body[j].text);
			}
			if (j >= body.length)
				throw new MarkdownLineError(no, 'The message template block is not closed.');
			template = inside.join('\n');
			i = j;
		} else
			throw new MarkdownLineError(
				no,
				`Cannot read "${text.trim().slice(0, 60)}" here: write "- Field: value".`
			);
	}
	return { items, template };
}

const CONTACT_FIELDS: Record<string, 'email' | 'phone' | 'outOfBand'> = {
	email: 'email',
	phone: 'phone',
	'out-of-band': 'outOfBand'
};

function rowFromItems(
	heading: Line,
	items: Item[],
	template: string | null,
	taken: Set<string>
): MatrixRow {
	const stakeholder = heading.text;
	const fields: Record<string, string> = {};
	const notifications: Record<string, NotificationRule> = {};
	const contacts: MatrixRow['contacts'] = [];
	let appliesWhen: MatrixRow['appliesWhen'] = [];
	let onlyWhen: IncidentFact[] = [];
	const fieldLine = new Map<string, number>();
	for (const item of items) {
		const label = item.label.toLowerCase();
		fieldLine.set(label, item.line);
		const isRule = /^[A-Z][A-Z0-9-]{0,15}$/.test(item.label);
		if (item.subs.length && !isRule && label !== 'contact')
			throw new MarkdownLineError(item.subs[0].no, `"${item.label}" takes no list under it.`);
		if (isRule) {
			if (notifications[item.label])
				throw new MarkdownLineError(item.line, `${item.label} is listed twice for ${stakeholder}.`);
			notifications[item.label] = ruleFromItem(item);
		} else if (label === 'applies when' || label === 'only when all of') {
			const read = parseFactWords(item.value);
			if (!read.ok)
				throw new MarkdownLineError(
					item.line,
					`"${read.unknown}" is not an incident fact this plan knows.`
				);
			if (label === 'applies when') appliesWhen = read.facts;
			else onlyWhen = read.facts;
		} else if (label === 'contact') {
			const contact = { name: item.value, email: '', phone: '', outOfBand: '' };
			for (const sub of item.subs) {
				const m = /^([^:]+):\s*(.*)$/.exec(sub.text);
				const field = m && CONTACT_FIELDS[m[1].trim().toLowerCase()];
				if (!m || !field)
					throw new MarkdownLineError(
						sub.no,
						'A contact has "Email:", "Phone:" and "Out-of-band:" lines.'
					);
				contact[field] = m[2].trim();
			}
			contacts.push(contact);
		} else if (['key', 'audience', 'notified by', 'approved by'].includes(label)) {
			fields[label] = item.value === NONE ? '' : item.value;
		} else
			throw new MarkdownLineError(
				item.line,
				`Unknown field "${item.label}" in the row for ${stakeholder}.`
			);
	}
	const audienceText = (fields.audience ?? '').toLowerCase();
	const audience = audiences.find(
		(a) => a === audienceText || audienceLabels[a].toLowerCase() === audienceText
	);
	const candidate = {
		key: fields.key || keyFromTitle(stakeholder, taken),
		stakeholder,
		audience: (audience ?? fields.audience ?? '') as Audience,
		contacts,
		appliesWhen,
		...(onlyWhen.length ? { onlyWhen } : {}),
		notifications,
		notifier: fields['notified by'] ?? '',
		approver: fields['approved by'] ?? '',
		messageTemplate: template ?? ''
	};
	const parsed = matrixRowSchema.safeParse(candidate);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = String(issue.path[0]);
	const labelOf: Record<string, string> = { notifier: 'notified by', approver: 'approved by' };
	const line =
		fieldLine.get(labelOf[field] ?? field) ?? fieldLine.get(String(issue.path[1])) ?? heading.no;
	throw new MarkdownLineError(line, `${stakeholder}, ${labelOf[field] ?? field}: ${issue.message}`);
}

function ruleFromItem(item: Item): NotificationRule {
	if (item.value.toLowerCase() === NOT_NOTIFIED) {
		if (item.subs.length)
			throw new MarkdownLineError(
				item.subs[0].no,
				`${item.label} says "not notified" but lists stages.`
			);
		return { notify: false, stages: [] };
	}
	if (item.value)
		throw new MarkdownLineError(
			item.line,
			`Write "- ${item.label}: not notified", or list its stages below it.`
		);
	if (item.subs.length === 0)
		throw new MarkdownLineError(
			item.line,
			`List the stages for ${item.label}, e.g. "  - Notify within 4h of awareness".`
		);
	return {
		notify: true,
		stages: item.subs.map((sub) => {
			const stage = parseStageWords(sub.text);
			if (!stage)
				throw new MarkdownLineError(
					sub.no,
					`Cannot read the stage "${sub.text.slice(0, 80)}": write it as "Early warning within 24h of awareness".`
				);
			return stage;
		})
	};
}
