import type { PlanContent, Section } from '../../../plans/content';
import { ransomwareDecisionsSection } from './demo-ransomware-section';
import { irPlanTemplate } from './ir-plan-template';

// A demo history for the template: v1.0 (approved over a year ago, thinner), v1.1 (approved
// recently, exactly the template) and v1.2 (an open draft after a ransomware tabletop).

export type DemoPlanVersion = {
	number: string;
	changeSummary: string;
	content: PlanContent;
	/** Days before today the version was approved; null for the open draft. */
	daysAgoApproved: number | null;
};

function section(content: PlanContent, key: string): Section {
	const found = content.sections.find((s) => s.key === key);
	if (!found) throw new Error(`Demo history: the template has no section "${key}".`);
	return found;
}

/** Replaces text in a section body, failing loudly if the template has moved on. */
function rewrite(content: PlanContent, key: string, from: string, to: string): void {
	const s = section(content, key);
	if (!s.body.includes(from))
		throw new Error(`Demo history: section "${key}" no longer contains the text to change.`);
	s.body = s.body.replace(from, to);
}

/** Removes the text a pattern matches from a section body, failing loudly if it is gone. */
function cut(content: PlanContent, key: string, pattern: RegExp): void {
	const s = section(content, key);
	if (!pattern.test(s.body))
		throw new Error(`Demo history: section "${key}" no longer contains the text to remove.`);
	s.body = s.body.replace(pattern, '');
}

function setMinutes(content: PlanContent, rowKey: string, level: string, minutes: number): void {
	const row = content.matrix.find((r) => r.key === rowKey);
	if (!row) throw new Error(`Demo history: the template has no matrix row "${rowKey}".`);
	row.notifications[level] = { notify: true, withinMinutes: minutes };
}

function version1_0(): PlanContent {
	const c = structuredClone(irPlanTemplate);
	c.sections = c.sections.filter((s) => s.key !== 'out-of-band');
	c.matrix = c.matrix.filter((r) => r.key !== 'dora-regulator');
	setMinutes(c, 'ciso', 'SEV2', 60);
	section(c, 'escalation').title = 'Escalation';
	// No out-of-band kit yet, and no DORA line in the regulatory table.
	cut(c, 'tools', /### Out-of-band kit\n\n[^#]*/);
	cut(c, 'communication', /\n6\. \*\*Assume the channel is watched\.\*\*[^\n]*/);
	cut(c, 'external-comms', /\n\| DORA Art\. 19 \|[^\n]*/);
	rewrite(
		c,
		'tools',
		'retainers, contact details and the out-of-band kit',
		'retainers and contact details'
	);
	rewrite(
		c,
		'preparation',
		'2. Out-of-band kit present and current (section 3.3).',
		'2. Printed copies of this plan and the matrix present and current.'
	);
	return c;
}

function version1_2(): PlanContent {
	const c = structuredClone(irPlanTemplate);
	rewrite(
		c,
		'escalation',
		"Try the primary contact, then the second contact, then the out-of-band method in the matrix. After 15 minutes without an answer at SEV1 (30 minutes at SEV2), escalate to that person's deputy or line manager and record the attempt.",
		"Try the primary contact, then the second contact, then the out-of-band method in the matrix. After 10 minutes without an answer at SEV1 (30 minutes at SEV2), escalate to that person's deputy or line manager and record the attempt. At SEV1 the CISO phones the CEO directly rather than relying on a written brief; if the CEO cannot be reached within 30 minutes of declaration, the CISO briefs the Chief Operating Officer as acting executive sponsor and keeps trying the CEO."
	);
	setMinutes(c, 'ceo-exec', 'SEV1', 30);
	const after = c.sections.findIndex((s) => s.key === 'evidence');
	c.sections.splice(after + 1, 0, structuredClone(ransomwareDecisionsSection));
	return c;
}

export const demoPlanHistory: DemoPlanVersion[] = [
	{
		number: '1.0',
		changeSummary:
			'First approved incident response plan, adopted from the Hotwash template with our roles, severity scale and communication matrix.',
		content: version1_0(),
		daysAgoApproved: 400
	},
	{
		number: '1.1',
		changeSummary:
			'Add out-of-band communication arrangements and DORA major-incident reporting, and tell the CISO within 30 minutes at SEV2, resolving the findings of the identity-provider compromise drill.',
		content: structuredClone(irPlanTemplate),
		daysAgoApproved: 40
	},
	{
		number: '1.2',
		changeSummary:
			'Tighten SEV1 executive notification after the ransomware tabletop: the CEO is now told within 30 minutes by phone, and a new section sets who takes ransomware extortion decisions.',
		content: version1_2(),
		daysAgoApproved: null
	}
];
