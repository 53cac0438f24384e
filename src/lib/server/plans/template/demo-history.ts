import type { PlanContent, Section } from '../../../plans/content';
import { parseDuration } from '../../../plans/durations';
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

function row(content: PlanContent, rowKey: string) {
	const found = content.matrix.find((r) => r.key === rowKey);
	if (!found) throw new Error(`Demo history: the template has no matrix row "${rowKey}".`);
	return found;
}

/** Changes the one deadline of a single-message row at one level, keeping its stage and anchor. */
function setDeadline(content: PlanContent, rowKey: string, level: string, within: string): void {
	const rule = row(content, rowKey).notifications[level];
	const parsed = parseDuration(within);
	if (!parsed.ok) throw new Error(`Demo history: "${within}" is not a duration.`);
	if (!rule?.notify || rule.stages.length !== 1 || rule.stages[0].deadlines.length !== 1)
		throw new Error(
			`Demo history: row "${rowKey}" at ${level} is not one message with one deadline.`
		);
	rule.stages[0].deadlines[0].within = parsed.duration;
}

/** Keeps only the named stages of a staged row at every level where it is notified. */
function keepStages(content: PlanContent, rowKey: string, names: string[]): void {
	for (const rule of Object.values(row(content, rowKey).notifications)) {
		if (!rule.notify) continue;
		if (!names.every((n) => rule.stages.some((s) => s.name === n)))
			throw new Error(
				`Demo history: row "${rowKey}" no longer has the stages ${names.join(', ')}.`
			);
		rule.stages = rule.stages.filter((s) => names.includes(s.name));
	}
}

function version1_0(): PlanContent {
	const c = structuredClone(irPlanTemplate);
	c.sections = c.sections.filter((s) => s.key !== 'out-of-band');
	c.matrix = c.matrix.filter((r) => r.key !== 'dora-regulator');
	setDeadline(c, 'ciso', 'SEV2', '1h');
	// The NIS2 row tracked only the early warning; the later reports were added in v1.1.
	keepStages(c, 'nis2-csirt', ['Early warning']);
	section(c, 'escalation').title = 'Escalation';
	// No out-of-band kit yet, and no DORA reporting.
	cut(c, 'tools', /### Out-of-band kit\n\n[^#]*/);
	cut(c, 'communication', /\n6\. \*\*Assume the channel is watched\.\*\*[^\n]*/);
	cut(c, 'external-comms', /\n\| DORA Art\. 19 [^\n]*/);
	cut(c, 'legal-regulatory', /\n\| DORA \|[^\n]*/);
	rewrite(c, 'roles', 'DORA reports to the Central Bank of Ireland, ', '');
	rewrite(
		c,
		'external-comms',
		'Early warning within **24 hours of awareness**; incident notification within **72 hours of awareness**; final report within **1 month** of the notification (this plan counts the month from awareness)',
		'Early warning within **24 hours of awareness**; later reports as the CSIRT asks'
	);
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
	setDeadline(c, 'ceo-exec', 'SEV1', '30m');
	setDeadline(c, 'cyber-insurer', 'SEV1', '1h');
	rewrite(
		c,
		'ransomware-decisions',
		'Within 4 hours of confirming encryption',
		'Within 2 hours of confirming encryption'
	);
	rewrite(
		c,
		'ransomware-decisions',
		'- Only the retained DFIR firm',
		"- The CEO's decisions in this section are taken on the bridge or by phone, never by email or chat, which the attacker may read.\n- Only the retained DFIR firm"
	);
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
			'Add out-of-band communication arrangements, DORA major-incident reporting to the Central Bank of Ireland and all three NIS2 reports, and tell the CISO within 30 minutes at SEV2, resolving the findings of the identity-provider compromise drill.',
		content: structuredClone(irPlanTemplate),
		daysAgoApproved: 40
	},
	{
		number: '1.2',
		changeSummary:
			'Tighten SEV1 notification after the ransomware tabletop: the CEO is told within 30 minutes by phone and the insurer within 1 hour, and the restore-or-decrypt decision is due within 2 hours.',
		content: version1_2(),
		daysAgoApproved: null
	}
];
