import { describe, expect, it } from 'vitest';
import { renderDocument } from '../document';
import { normalizeSpace, pdfText, qpdfCheck } from '../pdf-test-tools';
import { loadReportFonts } from '../report-fonts';
import { drawMarkdown } from './markdown-pdf';

const fonts = loadReportFonts();
const meta = {
	title: 'Markdown',
	author: 'Hotwash',
	subject: 'Markdown in a report',
	reportId: 'RPT-TEST-0001',
	createdAt: new Date('2026-11-30T09:00:00Z')
};

const render = (markdown: string) =>
	renderDocument(meta, fonts, async (doc) => {
		await drawMarkdown(doc, markdown);
	});

/** Link targets written as URI annotations (pdfkit writes annotation dictionaries as text). */
const linkTargets = (pdf: Buffer) =>
	[...pdf.toString('latin1').matchAll(/\/URI \(((?:[^()\\]|\\.)*)\)/g)].map((m) =>
		m[1].replace(/\\(.)/g, '$1')
	);

const everyConstruct = `# Purpose of the plan

This plan covers **every incident** affecting *production systems*, with \`kubectl drain\`, ~~old wording~~ and [the runbook](https://wiki.example.org/runbook).
A soft line break  
and a hard one.

### Small heading

- Incident commander
- Scribe
  - keeps the timeline
    1. with times
- Comms lead

3. Third step
4. Fourth step

- [x] Bridge opened
- [ ] Regulator told

> Never pay a ransom without the board.

\`\`\`bash
kubectl get pods -n prod
  indented line
\`\`\`

| Severity | Deadline |
|:--|--:|
| SEV1 | 15 minutes |

---

Last paragraph with Łukasz, Søren and Zoë.`;

describe('markdown in a report', () => {
	it('prints the text of every construct', async () => {
		const pdf = await render(everyConstruct);
		qpdfCheck(pdf);
		const text = normalizeSpace(pdfText(pdf));
		for (const expected of [
			'Purpose of the plan',
			'This plan covers every incident affecting production systems, with kubectl drain, old wording and the runbook.',
			'A soft line break and a hard one.',
			'Small heading',
			'• Incident commander',
			'◦ keeps the timeline',
			'1. with times',
			'3. Third step',
			'4. Fourth step',
			'☑ Bridge opened',
			'☐ Regulator told',
			'Never pay a ransom without the board.',
			'kubectl get pods -n prod',
			'indented line',
			'Severity Deadline',
			'SEV1 15 minutes',
			'Last paragraph with Łukasz, Søren and Zoë.'
		])
			expect(text).toContain(expected);
	});

	it('links http(s) and mailto targets, and prints a javascript: link as plain text', async () => {
		const pdf = await render(
			'See [the runbook](https://wiki.example.org/runbook), [mail the SOC](mailto:soc@example.org) and [do not click](javascript:alert(1)).'
		);
		expect(linkTargets(pdf)).toEqual([
			'https://wiki.example.org/runbook',
			'mailto:soc@example.org'
		]);
		expect(pdf.toString('latin1')).not.toMatch(/javascript/i);
		expect(normalizeSpace(pdfText(pdf))).toContain(
			'See the runbook, mail the SOC and do not click.'
		);
	});

	it('prints raw HTML as the text it is', async () => {
		const text = normalizeSpace(
			pdfText(await render('Press <kbd>Ctrl</kbd>.\n\n<div onclick="x">raw html</div>'))
		);
		expect(text).toContain('Press <kbd>Ctrl</kbd>.');
		expect(text).toContain('<div onclick="x">raw html</div>');
	});

	it('resolves entities in text but not in code', async () => {
		const text = normalizeSpace(pdfText(await render('Fish &amp; chips &copy; `a &amp; b`')));
		expect(text).toContain('Fish & chips © a &amp; b');
	});

	it('says where an image was instead of dropping it', async () => {
		const text = normalizeSpace(
			pdfText(await render('![Escalation chart](https://x.example/c.png)'))
		);
		expect(text).toContain('[image: Escalation chart]');
	});

	it('keeps long paragraphs, code blocks and quotes whole across pages', async () => {
		const sentences = Array.from(
			{ length: 120 },
			(_, i) => `Sentence ${i + 1} of the long paragraph.`
		);
		const code = Array.from({ length: 150 }, (_, i) => `line-${i + 1} = step(${i + 1})`);
		const quote = Array.from({ length: 60 }, (_, i) => `> Quoted line ${i + 1}.`);
		const pdf = await render(
			`${sentences.join(' ')}\n\n\`\`\`\n${code.join('\n')}\n\`\`\`\n\n${quote.join('\n>\n')}`
		);
		qpdfCheck(pdf);
		const text = normalizeSpace(pdfText(pdf));
		for (const s of sentences) expect(text).toContain(s);
		for (const line of code) expect(text).toContain(line);
		for (let i = 1; i <= 60; i++) expect(text).toContain(`Quoted line ${i}.`);
	});
});
