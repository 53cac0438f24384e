import { describe, expect, it } from 'vitest';
import {
	externalAudiences,
	rowAppliesTo,
	keyPattern,
	planContentSchema,
	sectionNumbers,
	type Deadline,
	type MatrixRow,
	type NotificationStage,
	type PlanContent
} from '../../../plans/content';
import { approxMinutes, parseDuration } from '../../../plans/durations';
import { demoPlanHistory } from './demo-history';
import { irPlanTemplate } from './ir-plan-template';

function expectValid(content: PlanContent, label: string) {
	const result = planContentSchema.safeParse(content);
	if (!result.success) console.error(label, JSON.stringify(result.error.issues, null, 2));
	expect(result.success, `${label} should satisfy planContentSchema`).toBe(true);
}

const { matrix, sections } = irPlanTemplate;
const levels = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

function rowOf(key: string, content: PlanContent = irPlanTemplate): MatrixRow {
	const row = content.matrix.find((r) => r.key === key);
	if (!row) throw new Error(`no matrix row ${key}`);
	return row;
}
const body = (key: string) => sections.find((s) => s.key === key)?.body ?? '';
const notifiedAt = (row: MatrixRow) => levels.filter((l) => row.notifications[l]?.notify);
const stagesAt = (row: MatrixRow, level: string): NotificationStage[] =>
	row.notifications[level]?.stages ?? [];

/** A deadline as the template would say it: `deadline('72h', 'awareness')`. */
function deadline(within: string, anchor: Deadline['anchor']): Deadline {
	const parsed = parseDuration(within);
	if (!parsed.ok) throw new Error(parsed.message);
	return { within: parsed.duration, anchor };
}

/** The role names in the first column of the tables in section 1.3, without "(IC)" etc. */
function definedRoles(): Set<string> {
	const names = body('roles')
		.split('\n')
		.filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
		.map((line) =>
			line
				.split('|')[1]
				.trim()
				.replace(/\s*\([A-Z]+\)$/, '')
		)
		.filter((name) => name !== 'Role');
	return new Set(names);
}

/** Matrix row keys written as `key` in a section body. */
const rowKeysIn = (text: string) =>
	new Set([...text.matchAll(/`([a-z][a-z0-9-]+)`/g)].map((m) => m[1]));

describe('IR plan template', () => {
	it('satisfies the plan content schema', () => {
		expectValid(irPlanTemplate, 'template');
	});

	it('has unique, well-formed section keys', () => {
		const keys = sections.map((s) => s.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const k of keys) expect(k).toMatch(keyPattern);
	});

	it('has the seven top-level parts in order', () => {
		const topLevel = sections.filter((s) => s.level === 1).map((s) => s.key);
		expect(topLevel).toEqual([
			'scope',
			'response-strategy',
			'communication',
			'training',
			'execution',
			'lessons-learned',
			'maintenance'
		]);
	});

	it('has substantive section bodies', () => {
		for (const s of sections) {
			const words = s.body.split(/\s+/).filter(Boolean).length;
			expect(words, `section ${s.key}`).toBeGreaterThanOrEqual(120);
			expect(s.body, `section ${s.key}`).not.toMatch(/lorem|TODO|<\w+[^>]*>/i);
		}
	});

	it('ships the ransomware decision process as section 5.7, where sections 3.2 and 7.3 point', () => {
		const numbers = sectionNumbers(sections);
		const at = sections.findIndex((s) => s.key === 'ransomware-decisions');
		expect(numbers[at]).toBe('5.7');
		expect(body('external-comms')).toContain('ransomware decision process (section 5.7)');
		expect(body('legal-regulatory')).toContain('(section 5.7)');
		expect(body('ransomware-decisions')).toMatch(/sanctions/);
	});

	it('has a SEV1–SEV4 scale', () => {
		expect(irPlanTemplate.severityScale.map((l) => l.id)).toEqual(levels);
	});

	it('scores severity on financial loss and reputational impact at every level', () => {
		for (const level of irPlanTemplate.severityScale) {
			expect(level.criteria, level.id).toContain('**Financial loss or fraud**');
			expect(level.criteria, level.id).toContain('**Reputational impact**');
		}
		expect(body('classification')).toContain('six dimensions');
	});

	it('makes ransomware on a server SEV1 even with clean backups', () => {
		const [sev1, sev2] = irPlanTemplate.severityScale;
		expect(sev1.criteria).toMatch(/ransomware[^\n]*whether or not clean backups exist/);
		expect(sev2.criteria).toMatch(/ransomware that encrypted a single endpoint/);
	});

	it('lists the cyber insurer and the QSA among the retainers', () => {
		const retainers = body('tools').split('### Retainers and external support')[1];
		expect(retainers).toMatch(/\| Cyber insurance \|[^\n]*breach response hotline/);
		expect(retainers).toMatch(/\| PCI DSS assessment \|[^\n]*QSA/);
	});
});

describe('IR plan template: communication matrix', () => {
	it('keeps every row key the scenarios refer to, with unique keys and stakeholders', () => {
		const keys = matrix.map((r) => r.key);
		for (const key of [
			'soc-on-call',
			'incident-commander',
			'ciso',
			'ceo-exec',
			'board-risk',
			'general-counsel',
			'dpo',
			'it-operations',
			'hr',
			'law-enforcement',
			'cyber-insurer',
			'customers',
			'media',
			'cloud-provider',
			'ico',
			'nis2-csirt',
			'dora-regulator',
			'card-acquirer'
		])
			expect(keys).toContain(key);
		expect(new Set(keys).size).toBe(keys.length);
		expect(new Set(matrix.map((r) => r.stakeholder)).size).toBe(keys.length);
	});

	it('gives every row a rule for every level, a contact and a message template', () => {
		for (const row of matrix) {
			for (const level of levels)
				expect(row.notifications[level], `${row.key} ${level}`).toBeDefined();
			expect(notifiedAt(row).length, row.key).toBeGreaterThan(0);
			expect(row.contacts.length, row.key).toBeGreaterThanOrEqual(1);
			expect(row.contacts.length, row.key).toBeLessThanOrEqual(2);
			expect(row.messageTemplate, row.key).toMatch(/\{\{\w+\}\}/);
		}
	});

	it('tells internal stakeholders at least as fast at a higher severity', () => {
		for (const row of matrix.filter((r) => !externalAudiences.includes(r.audience))) {
			const minutes = notifiedAt(row).map((l) => {
				const [only] = stagesAt(row, l);
				expect(only.deadlines, `${row.key} ${l}`).toHaveLength(1);
				expect(only.deadlines[0].anchor, `${row.key} ${l}`).toBe('declaration');
				return approxMinutes(only.deadlines[0].within);
			});
			expect(minutes, row.key).toEqual([...minutes].sort((a, b) => a - b));
		}
	});

	it('requires external parties and regulators only when their incident facts hold', () => {
		for (const row of matrix.filter((r) => externalAudiences.includes(r.audience)))
			expect(row.appliesWhen.length, row.key).toBeGreaterThan(0);
		const applies = (key: string) => rowOf(key).appliesWhen;
		expect(applies('card-acquirer')).toEqual(['cardholder-data']);
		expect(applies('qsa')).toEqual(['cardholder-data']);
		expect(applies('cloud-provider')).toEqual(['cloud-provider-implicated']);
		expect(applies('media')).toEqual(['media-attention']);
		expect(applies('law-enforcement')).toEqual(['criminal-activity']);
		expect(applies('customers')).toEqual(['customers-affected']);
		expect(applies('partner-banks')).toEqual(['fraud-or-financial-loss']);
		expect(applies('affected-suppliers')).toEqual(['supplier-implicated']);
		expect(applies('hr')).toEqual(['insider-or-employee']);
		expect(applies('dpo')).toEqual(['personal-data']);
		for (const key of ['soc-on-call', 'incident-commander', 'ciso', 'ceo-exec', 'it-operations'])
			expect(applies(key), key).toEqual([]);
	});

	it('reports a personal data breach to the ICO, the DPC and the CNPD within 72 h of awareness, only with personal data', () => {
		for (const key of ['ico', 'irish-dpc', 'portuguese-cnpd']) {
			const row = rowOf(key);
			expect(row.appliesWhen, key).toEqual(['personal-data']);
			expect(notifiedAt(row), key).toEqual(['SEV1', 'SEV2']);
			expect(stagesAt(row, 'SEV1'), key).toEqual([
				{ name: 'Breach report', deadlines: [deadline('72h', 'awareness')] }
			]);
			expect(row.notifier, key).toBe('Data protection officer');
		}
	});

	it('no longer calls the ICO the lead supervisory authority; the DPC leads for the Irish entity', () => {
		const text = sections.map((s) => s.body).join('\n');
		expect(text).not.toMatch(/ICO[^|\n]{0,40}lead supervisory authority/);
		expect(rowOf('irish-dpc').stakeholder).toMatch(/lead authority/);
		expect(body('external-comms')).toMatch(/`irish-dpc`\): lead supervisory authority/);
		expect(rowOf('portuguese-cnpd').stakeholder).toMatch(/Lisbon/);
	});

	it('has the DPO approve Art. 34 notices to individuals, from the high-risk determination', () => {
		const row = rowOf('data-subjects');
		expect(row.approver).toBe('Data protection officer');
		expect(body('external-comms')).toContain('the DPO approves the notice to individuals');
		expect(stagesAt(row, 'SEV1')[0].deadlines).toEqual([deadline('72h', 'determination')]);
		expect(rowOf('customers').approver).toBe('CEO');
	});

	it('stages the NIS2 reports: early warning 24 h, notification 72 h, final report 1 month', () => {
		const row = rowOf('nis2-csirt');
		expect(row.appliesWhen).toEqual(['nis2-significant-incident']);
		expect(stagesAt(row, 'SEV1')).toEqual([
			{ name: 'Early warning', deadlines: [deadline('24h', 'awareness')] },
			{ name: 'Incident notification', deadlines: [deadline('72h', 'awareness')] },
			{ name: 'Final report', deadlines: [deadline('1 month', 'awareness')] }
		]);
	});

	it('names the Irish services entity for NIS2 in the row and the plan text alike', () => {
		const entity = 'Northwind Technology Services (Ireland) Ltd';
		expect(rowOf('nis2-csirt').stakeholder).toContain(entity);
		expect(rowOf('nis2-csirt').messageTemplate).toContain(entity);
		expect(rowOf('nis2-csirt').messageTemplate).not.toContain('Northwind Payments (Ireland)');
		expect(body('coverage')).toContain(entity);
		expect(body('legal-regulatory')).toMatch(
			new RegExp(`\\| NIS2 [^\\n]*${entity.replace(/[()]/g, '\\$&')}`)
		);
	});

	it('caps the DORA initial notification at 4 h after classification and 24 h after awareness', () => {
		const row = rowOf('dora-regulator');
		expect(row.appliesWhen).toEqual(['dora-major-incident']);
		expect(stagesAt(row, 'SEV1')).toEqual([
			{
				name: 'Initial notification',
				deadlines: [deadline('4h', 'classification'), deadline('24h', 'awareness')]
			},
			{ name: 'Intermediate report', deadlines: [deadline('72h', 'classification')] },
			{ name: 'Final report', deadlines: [deadline('1 month', 'classification')] }
		]);
	});

	it('names the Central Bank of Ireland and counts DORA from awareness, with reputational impact', () => {
		const row = rowOf('dora-regulator');
		expect(row.stakeholder).toContain('Central Bank of Ireland');
		expect(row.messageTemplate).toContain('reputational impact');
		expect(row.messageTemplate).toContain('24 hours after becoming aware');
		expect(row.messageTemplate).not.toMatch(/detection/i);
		expect(row.messageTemplate).toMatch(/counts both from classification/);
		expect(body('external-comms')).toMatch(/DORA Art\. 19[^\n]*24 hours after awareness/);
	});

	it('notifies the card acquirer within 24 h of awareness, only with cardholder data', () => {
		const row = rowOf('card-acquirer');
		expect(row.appliesWhen).toEqual(['cardholder-data']);
		expect(stagesAt(row, 'SEV1')[0].deadlines).toEqual([deadline('24h', 'awareness')]);
		expect(row.notifier).toBe('PCI lead');
	});

	it('reports a major payment incident of the UK entity to the FCA within 4 h of awareness', () => {
		const row = rowOf('uk-fca');
		expect(row.stakeholder).toMatch(/reg\. 99/);
		expect(notifiedAt(row)).toEqual(['SEV1']);
		expect(stagesAt(row, 'SEV1')[0].deadlines).toEqual([deadline('4h', 'awareness')]);
	});

	it('gives covered entities the HIPAA business-associate notice within 60 days of discovery', () => {
		const row = rowOf('hipaa-covered-entities');
		expect(row.appliesWhen).toEqual(['health-data']);
		expect(stagesAt(row, 'SEV1')[0].deadlines).toEqual([deadline('60 days', 'awareness')]);
	});

	it('marks the SEC 8-K row optional, due 4 business days after the materiality determination', () => {
		const row = rowOf('sec-8k');
		expect(row.stakeholder).toMatch(/optional/i);
		expect(row.appliesWhen).toEqual(['sec-material-incident']);
		expect(stagesAt(row, 'SEV1')[0].deadlines).toEqual([
			deadline('4 business days', 'determination')
		]);
	});

	it('names an approver for every message that leaves the organisation', () => {
		for (const row of matrix.filter((r) => externalAudiences.includes(r.audience)))
			expect(row.approver, row.key).not.toBe('');
	});

	it('has regulatory filings sent by the compliance lead, the DPO or the PCI lead', () => {
		const regulators = matrix.filter((r) => r.audience === 'regulator');
		expect(regulators.map((r) => r.key)).toEqual(
			expect.arrayContaining(['nis2-csirt', 'dora-regulator', 'card-acquirer', 'uk-fca'])
		);
		for (const row of regulators)
			expect(['Compliance lead', 'Data protection officer', 'PCI lead'], row.key).toContain(
				row.notifier
			);
	});

	it('names only notifiers and approvers that the roles section defines', () => {
		const roles = definedRoles();
		for (const role of ['Compliance lead', 'Data protection officer', 'PCI lead'])
			expect(roles).toContain(role);
		for (const row of matrix) {
			expect(roles, `${row.key} notifier`).toContain(row.notifier);
			if (row.approver) expect(roles, `${row.key} approver`).toContain(row.approver);
		}
	});

	it('names every matrix row in the section 3 tables, and no row the matrix lacks', () => {
		const keys = new Set(matrix.map((r) => r.key));
		const named = new Set([
			...rowKeysIn(body('internal-comms')),
			...rowKeysIn(body('external-comms'))
		]);
		expect([...keys].filter((k) => !named.has(k))).toEqual([]);
		expect([...named].filter((k) => !keys.has(k))).toEqual([]);
	});

	it('names every regulator row in the section 7.3 table, and no row the matrix lacks', () => {
		const named = rowKeysIn(body('legal-regulatory'));
		for (const row of matrix.filter((r) => r.audience === 'regulator'))
			expect(named, row.key).toContain(row.key);
		for (const key of named) expect(matrix.map((r) => r.key)).toContain(key);
	});
});

describe('demo plan history', () => {
	it('has v1.0, v1.1 and the open draft v1.2', () => {
		expect(demoPlanHistory.map((v) => v.number)).toEqual(['1.0', '1.1', '1.2']);
		expect(demoPlanHistory.map((v) => v.daysAgoApproved)).toEqual([400, 40, null]);
		for (const v of demoPlanHistory) expect(v.changeSummary).toMatch(/^[A-Z].{20,}\.$/);
	});

	it('satisfies the plan content schema in every version', () => {
		for (const v of demoPlanHistory) expectValid(v.content, `v${v.number}`);
	});

	it('makes v1.1 exactly the template', () => {
		expect(demoPlanHistory[1].content).toEqual(irPlanTemplate);
	});

	it('has pairwise different contents', () => {
		const json = demoPlanHistory.map((v) => JSON.stringify(v.content));
		expect(new Set(json).size).toBe(json.length);
	});

	it('makes v1.0 thinner: no out-of-band section, no DORA row, only the NIS2 early warning', () => {
		const v10 = demoPlanHistory[0].content;
		expect(v10.sections.some((s) => s.key === 'out-of-band')).toBe(false);
		expect(v10.matrix.some((r) => r.key === 'dora-regulator')).toBe(false);
		expect(v10.sections.map((s) => s.body).join('\n')).not.toMatch(/`dora-regulator`/);
		expect(stagesAt(rowOf('ciso', v10), 'SEV2')[0].deadlines).toEqual([
			deadline('1h', 'declaration')
		]);
		expect(stagesAt(rowOf('nis2-csirt', v10), 'SEV1').map((s) => s.name)).toEqual([
			'Early warning'
		]);
	});

	it('makes the v1.2 draft tighten the CEO and insurer deadlines and the restore decision', () => {
		const v12 = demoPlanHistory[2].content;
		const first = (c: PlanContent, key: string) =>
			approxMinutes(stagesAt(rowOf(key, c), 'SEV1')[0].deadlines[0].within);
		expect(first(v12, 'ceo-exec')).toBe(30);
		expect(first(v12, 'ceo-exec')).toBeLessThan(first(irPlanTemplate, 'ceo-exec'));
		expect(first(v12, 'cyber-insurer')).toBeLessThan(first(irPlanTemplate, 'cyber-insurer'));
		expect(v12.sections.find((s) => s.key === 'ransomware-decisions')?.body).toContain(
			'Within 2 hours of confirming encryption'
		);
	});

	it('does not change the template while building the history', () => {
		expect(body('ransomware-decisions')).toContain('Within 4 hours of confirming encryption');
		expect(matrix.some((r) => r.key === 'dora-regulator')).toBe(true);
		expect(stagesAt(rowOf('nis2-csirt'), 'SEV1')).toHaveLength(3);
	});
});

describe('which data protection authority', () => {
	const required = (facts: string[]) =>
		irPlanTemplate.matrix
			.filter((r) => r.notifications.SEV1.notify && rowAppliesTo(r, facts))
			.map((r) => r.key);

	it('reports a UK-only personal data breach to the ICO, not to EU authorities', () => {
		const keys = required(['personal-data', 'country-gb']);
		expect(keys).toContain('ico');
		expect(keys).not.toContain('irish-dpc');
		expect(keys).not.toContain('portuguese-cnpd');
	});

	it('reports the Irish entity’s breach to the DPC, and Lisbon processing to the CNPD', () => {
		const keys = required(['personal-data', 'country-ie', 'country-pt']);
		expect(keys).toEqual(expect.arrayContaining(['irish-dpc', 'portuguese-cnpd']));
		expect(keys).not.toContain('ico');
	});

	it('tells the FCA only when the UK entity is affected', () => {
		expect(required(['service-disruption', 'country-ie'])).not.toContain('uk-fca');
		expect(required(['service-disruption', 'country-gb'])).toContain('uk-fca');
	});
});
