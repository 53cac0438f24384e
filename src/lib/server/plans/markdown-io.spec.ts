import { describe, expect, it } from 'vitest';
import { planContentSchema, type PlanContent } from '../../plans/content';
import { contentToMarkdown, planFromMarkdown, sectionsFromMarkdown } from './markdown-io';
import { irPlanTemplate } from './template/ir-plan-template';

const file = (text: string, name = 'plan.md') => ({ name, bytes: new TextEncoder().encode(text) });

describe('markdown import', () => {
	it('splits at level 1 and 2 headings, strips numbers and keeps deeper headings in the body', () => {
		const sections = sectionsFromMarkdown(
			file(
				'Intro text.\n\n# 1 Scope\nAll systems.\n\n## 1.1 Roles & responsibilities\nIC leads.\n### Deputy\nBackup IC.\n# Escalation\nCall.'
			)
		);
		expect(sections.map((s) => [s.key, s.level, s.title])).toEqual([
			['introduction', 1, 'Introduction'],
			['scope', 1, 'Scope'],
			['roles-responsibilities', 2, 'Roles & responsibilities'],
			['escalation', 1, 'Escalation']
		]);
		expect(sections[2].body).toBe('IC leads.\n### Deputy\nBackup IC.');
	});

	it('does not split at a heading inside a code block', () => {
		const s = sectionsFromMarkdown(file('# Tools\n```\n# not a heading\n```'));
		expect(s).toHaveLength(1);
	});

	it('gives duplicate titles distinct keys', () => {
		const s = sectionsFromMarkdown(file('# Notes\na\n# Notes\nb'));
		expect(s.map((x) => x.key)).toEqual(['notes', 'notes-2']);
	});

	it('refuses empty, binary, non-UTF-8, heading-less and oversized files with a clear message', () => {
		expect(() => sectionsFromMarkdown(file(''))).toThrow('plan.md is empty.');
		expect(() =>
			sectionsFromMarkdown({ name: 'x.pdf', bytes: new Uint8Array([37, 80, 68, 70, 0, 1]) })
		).toThrow(/not a text file/);
		expect(() =>
			sectionsFromMarkdown({ name: 'x.md', bytes: new Uint8Array([0xff, 0xfe, 0x41]) })
		).toThrow(/not UTF-8/);
		expect(() => sectionsFromMarkdown(file('just prose'))).toThrow(/no headings/);
		expect(() => sectionsFromMarkdown(file('# a\n' + 'x'.repeat(1_000_001)))).toThrow(
			/larger than 1 MB/
		);
	});

	it('reads a plan written by hand without a matrix: the matrix and scale stay as they were', () => {
		const base = { severityScale: content.severityScale, matrix: content.matrix };
		const plan = planFromMarkdown(
			file('# Scope\nAll systems.\n# Communication matrix\nSee the table.'),
			base
		);
		expect(plan.sections.map((s) => s.title)).toEqual(['Scope', 'Communication matrix']);
		expect(plan.matrix).toEqual(content.matrix);
	});
});

const template = [
	'**Early warning – ref. {{incident_id}}**',
	'',
	'# Not a heading of the plan',
	'```',
	'code inside the template',
	'```',
	'~~~',
	'',
	''
].join('\n');

const content: PlanContent = {
	sections: [
		{ key: 'scope', title: 'Scope', level: 1, body: 'All systems.' },
		{ key: 'roles', title: 'Roles', level: 2, body: 'IC leads.\n\n### Deputy\nBackup IC.' },
		{ key: 'tools', title: 'Tools', level: 1, body: '```\n# not a heading\n```' }
	],
	severityScale: [
		{ id: 'SEV1', name: 'Critical', criteria: 'Any of:\n\n- Data | breach\n- Outage over 4h' },
		{ id: 'SEV2', name: 'High', criteria: 'Degraded service.' }
	],
	matrix: [
		{
			key: 'nis2-csirt',
			stakeholder: 'NIS2 CSIRT',
			audience: 'regulator',
			appliesWhen: ['nis2-significant-incident'],
			contacts: [
				{ name: 'CSIRT desk', email: 'csirt@example.org', phone: '+353 1 000', outOfBand: '' },
				{ name: '', email: '', phone: '', outOfBand: 'Reporting portal' }
			],
			notifications: {
				SEV1: {
					notify: true,
					stages: [
						{
							name: 'Early warning',
							deadlines: [{ within: { amount: 24, unit: 'hours' }, anchor: 'awareness' }]
						},
						{
							name: 'Notification',
							deadlines: [{ within: { amount: 72, unit: 'hours' }, anchor: 'awareness' }]
						},
						{
							name: 'Final report',
							deadlines: [{ within: { amount: 1, unit: 'months' }, anchor: 'declaration' }]
						}
					]
				},
				SEV2: { notify: false, stages: [] }
			},
			notifier: 'Compliance officer',
			approver: 'General Counsel',
			messageTemplate: template
		},
		{
			key: 'dora',
			stakeholder: 'Central Bank of Ireland (DORA)',
			audience: 'regulator',
			appliesWhen: ['dora-major-incident', 'personal-data'],
			onlyWhen: ['country-ie', 'country-pt'],
			contacts: [{ name: '', email: '', phone: '', outOfBand: 'Portal' }],
			notifications: {
				SEV1: {
					notify: true,
					stages: [
						{
							name: 'Initial notification within the rules',
							deadlines: [
								{ within: { amount: 4, unit: 'hours' }, anchor: 'classification' },
								{ within: { amount: 24, unit: 'hours' }, anchor: 'awareness' }
							]
						},
						{
							name: 'Form 8-K',
							deadlines: [{ within: { amount: 4, unit: 'business-days' }, anchor: 'determination' }]
						}
					]
				},
				SEV2: {
					notify: true,
					stages: [
						{
							name: 'Notify',
							deadlines: [{ within: { amount: 90, unit: 'minutes' }, anchor: 'declaration' }]
						}
					]
				}
			},
			notifier: 'Compliance officer',
			approver: 'General Counsel',
			messageTemplate: ''
		}
	]
};

describe('markdown export and import of a whole plan', () => {
	it('imports an exported plan back unchanged: conditions, anchors, stages, templates', () => {
		const md = contentToMarkdown('IR plan', '1.0', content);
		expect(md).toContain('- Applies when: NIS2 significant incident');
		expect(md).toContain('  - Early warning within 24h of awareness');
		expect(md).toContain(
			'  - Initial notification within the rules within 4h of classification and within 24h of awareness'
		);
		expect(md).toContain('- SEV2: not notified');
		expect(md).toContain('- Only when all of: Affects Ireland; Affects Portugal');
		const back = planFromMarkdown(file(md), { severityScale: [], matrix: [] });
		expect(back).toEqual(content);
	});

	it('leaves the exported severity scale and matrix out of the sections', () => {
		const sections = sectionsFromMarkdown(file(contentToMarkdown('IR plan', '1.0', content)));
		expect(sections).toEqual(content.sections);
	});

	it('imports the shipped template back unchanged', () => {
		const md = contentToMarkdown('IR plan', '1.0', irPlanTemplate);
		const back = planFromMarkdown(file(md), { severityScale: [], matrix: [] });
		expect(back.matrix).toEqual(planContentSchema.parse(irPlanTemplate).matrix);
		expect(back.severityScale).toEqual(irPlanTemplate.severityScale);
	});

	it('names the line of a deadline, a fact or a field it cannot read', () => {
		const md = contentToMarkdown('IR plan', '1.0', content);
		const lineOf = (text: string, needle: string) => text.split('\n').indexOf(needle) + 1;
		const broken = (from: string, to: string) => {
			const text = md.replace(from, to);
			return () => planFromMarkdown(file(text, 'plan.md'), { severityScale: [], matrix: [] });
		};
		const stageLine = '  - Notification within 72h of awareness';
		expect(broken(stageLine, '  - Notification within 72 hourz of awareness')).toThrow(
			`plan.md, line ${lineOf(md, stageLine)}: Cannot read the stage "Notification within 72 hourz of awareness"`
		);
		const factLine = '- Applies when: NIS2 significant incident';
		expect(broken(factLine, '- Applies when: NIS2 significant incident; solar flare')).toThrow(
			`plan.md, line ${lineOf(md, factLine)}: "solar flare" is not an incident fact this plan knows.`
		);
		expect(broken('- Notified by: Compliance officer', '- Notified by:')).toThrow(
			/^plan\.md, line \d+: NIS2 CSIRT, notified by: Say who notifies them/
		);
		expect(broken('- Key: dora', '- Key: nis2-csirt')).toThrow(
			`plan.md, line ${lineOf(md, '### Central Bank of Ireland (DORA)')}: matrix.1.key: Another row already has this key.`
		);
		expect(broken('- Audience: Regulator', '- Audence: Regulator')).toThrow(
			/Unknown field "Audence"/
		);
	});
});
