import type { PlanContent, Section } from '../../plans/content';
import { keyFromTitle, sectionNumbers } from '../../plans/content';
import { PlanRuleError } from './errors';

export const MAX_IMPORT_BYTES = 1_000_000;

/**
 * Splits a markdown document into sections at its `#` and `##` headings (level 1 and 2).
 * Text before the first heading becomes an "Introduction" section. Deeper headings stay
 * inside their section's body.
 */
export function sectionsFromMarkdown(file: { name: string; bytes: Uint8Array }): Section[] {
	if (file.bytes.length === 0) throw new PlanRuleError(`${file.name} is empty.`, 400, 'file');
	if (file.bytes.length > MAX_IMPORT_BYTES)
		throw new PlanRuleError(
			`${file.name} is larger than 1 MB; split the plan or trim it.`,
			400,
			'file'
		);
	if (file.bytes.includes(0))
		throw new PlanRuleError(
			`${file.name} is not a text file (it contains binary data).`,
			400,
			'file'
		);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
	} catch {
		throw new PlanRuleError(`${file.name} is not UTF-8 text.`, 400, 'file');
	}
	text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

	const sections: Section[] = [];
	const taken = new Set<string>();
	let current: { title: string; level: 1 | 2; lines: string[] } | null = null;
	let preamble: string[] = [];
	let inFence = false;
	const flush = () => {
		if (!current) return;
		const key = keyFromTitle(current.title, taken);
		taken.add(key);
		sections.push({
			key,
			title: current.title,
			level: current.level,
			body: current.lines.join('\n').trim()
		});
	};
	for (const line of text.split('\n')) {
		if (/^(```|~~~)/.test(line)) inFence = !inFence;
		const heading = inFence ? null : /^(#{1,2})\s+(.+?)\s*#*\s*$/.exec(line);
		if (heading) {
			flush();
			if (
				!current &&
				preamble
					.join('\n')
					.replace(/<!--[\s\S]*?-->/g, '')
					.trim()
			) {
				sections.push({
					key: 'introduction',
					title: 'Introduction',
					level: 1,
					body: preamble.join('\n').trim()
				});
				taken.add('introduction');
			}
			preamble = [];
			// Strip a leading section number: "2.1 Escalation" -> "Escalation" (numbers are derived).
			const title = heading[2].replace(/^\d+(\.\d+)*\.?\s+/, '').slice(0, 200);
			current = { title, level: heading[1].length as 1 | 2, lines: [] };
		} else if (current) current.lines.push(line);
		else preamble.push(line);
	}
	flush();
	if (sections.length === 0)
		throw new PlanRuleError(
			`${file.name} has no headings; start each section with "# Title" or "## Title".`,
			400,
			'file'
		);
	if (sections.length > 500)
		throw new PlanRuleError(`${file.name} has more than 500 sections.`, 400, 'file');
	return sections;
}

/** The plan as one markdown document, numbered, with the severity scale and matrix as tables. */
export function contentToMarkdown(
	title: string,
	versionLabel: string,
	content: PlanContent
): string {
	const numbers = sectionNumbers(content.sections);
	const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
	const out: string[] = [`<!-- ${cell(title)}, version ${versionLabel} -->`, ''];
	content.sections.forEach((s, i) => {
		out.push(`${s.level === 1 ? '#' : '##'} ${numbers[i]} ${s.title}`, '', s.body, '');
	});
	out.push('# Severity scale', '', '| Level | Name | Criteria |', '| --- | --- | --- |');
	for (const l of content.severityScale)
		out.push(`| ${l.id} | ${cell(l.name)} | ${cell(l.criteria)} |`);
	const ids = content.severityScale.map((l) => l.id);
	out.push('', '# Communication matrix', '');
	out.push(`| Stakeholder | Audience | ${ids.join(' | ')} | Notified by | Approval | Contacts |`);
	out.push(`| --- | --- | ${ids.map(() => '---').join(' | ')} | --- | --- | --- |`);
	for (const r of content.matrix) {
		const deadlines = ids.map((id) => {
			const rule = r.notifications[id];
			return rule?.notify ? `${rule.withinMinutes} min` : '—';
		});
		const contacts = r.contacts
			.map((c) =>
				[c.name, c.email, c.phone, c.outOfBand && `OOB: ${c.outOfBand}`].filter(Boolean).join(', ')
			)
			.join('; ');
		out.push(
			`| ${cell(r.stakeholder)} | ${r.audience} | ${deadlines.join(' | ')} | ${cell(r.notifier)} | ${cell(r.approver || '—')} | ${cell(contacts)} |`
		);
	}
	return out.join('\n') + '\n';
}
