import { describe, expect, it } from 'vitest';
import { keyPattern, planContentSchema, type PlanContent } from '../../../plans/content';
import { demoPlanHistory } from './demo-history';
import { irPlanTemplate } from './ir-plan-template';

function expectValid(content: PlanContent, label: string) {
	const result = planContentSchema.safeParse(content);
	if (!result.success) console.error(label, JSON.stringify(result.error.issues, null, 2));
	expect(result.success, `${label} should satisfy planContentSchema`).toBe(true);
}

const regulatorMinutes = (content: PlanContent) =>
	content.matrix
		.filter((r) => r.audience === 'regulator')
		.flatMap((r) => Object.values(r.notifications).map((n) => n.withinMinutes));

describe('IR plan template', () => {
	it('satisfies the plan content schema', () => {
		expectValid(irPlanTemplate, 'template');
	});

	it('has unique, well-formed section keys', () => {
		const keys = irPlanTemplate.sections.map((s) => s.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const k of keys) expect(k).toMatch(keyPattern);
	});

	it('has the seven top-level parts in order', () => {
		const topLevel = irPlanTemplate.sections.filter((s) => s.level === 1).map((s) => s.key);
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
		for (const s of irPlanTemplate.sections) {
			const words = s.body.split(/\s+/).filter(Boolean).length;
			expect(words, `section ${s.key}`).toBeGreaterThanOrEqual(120);
			expect(s.body, `section ${s.key}`).not.toMatch(/lorem|TODO|<\w+[^>]*>/i);
		}
	});

	it('has a SEV1–SEV4 scale', () => {
		expect(irPlanTemplate.severityScale.map((l) => l.id)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
	});

	it('has at least 12 matrix rows with unique keys and stakeholders', () => {
		const { matrix } = irPlanTemplate;
		expect(matrix.length).toBeGreaterThanOrEqual(12);
		expect(new Set(matrix.map((r) => r.key)).size).toBe(matrix.length);
		expect(new Set(matrix.map((r) => r.stakeholder)).size).toBe(matrix.length);
	});

	it('gives every row a consistent rule for every severity level', () => {
		for (const row of irPlanTemplate.matrix) {
			for (const level of irPlanTemplate.severityScale) {
				const rule = row.notifications[level.id];
				expect(rule, `${row.key} at ${level.id}`).toBeDefined();
				if (rule.notify) expect(rule.withinMinutes).toBeGreaterThan(0);
				else expect(rule.withinMinutes).toBeNull();
			}
			expect(row.contacts.length, row.key).toBeGreaterThanOrEqual(1);
			expect(row.contacts.length, row.key).toBeLessThanOrEqual(2);
			expect(row.messageTemplate, row.key).toMatch(/\{\{\w+\}\}/);
		}
	});

	it('sets the legal deadlines in the regulator rows', () => {
		const minutes = regulatorMinutes(irPlanTemplate);
		expect(minutes).toContain(4320); // GDPR Art. 33
		expect(minutes).toContain(1440); // NIS2 early warning
		expect(minutes).toContain(240); // DORA initial notification
	});

	it('escalates faster at higher severity', () => {
		for (const row of irPlanTemplate.matrix) {
			const told = irPlanTemplate.severityScale
				.map((l) => row.notifications[l.id])
				.filter((n) => n.notify)
				.map((n) => n.withinMinutes as number);
			expect(told, row.key).toEqual([...told].sort((a, b) => a - b));
		}
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

	it('makes v1.0 thinner and v1.2 tighter than the template', () => {
		const [v10, , v12] = demoPlanHistory.map((v) => v.content);
		const row = (c: PlanContent, key: string) => c.matrix.find((r) => r.key === key);
		expect(v10.sections.some((s) => s.key === 'out-of-band')).toBe(false);
		expect(row(v10, 'dora-regulator')).toBeUndefined();
		expect(row(v10, 'ciso')?.notifications.SEV2.withinMinutes).toBe(60);
		expect(v12.sections.some((s) => s.key === 'ransomware-decisions')).toBe(true);
		expect(row(v12, 'ceo-exec')?.notifications.SEV1.withinMinutes).toBeLessThan(
			row(irPlanTemplate, 'ceo-exec')?.notifications.SEV1.withinMinutes ?? 0
		);
	});

	it('does not change the template while building the history', () => {
		expect(irPlanTemplate.sections.some((s) => s.key === 'ransomware-decisions')).toBe(false);
		expect(irPlanTemplate.matrix.some((r) => r.key === 'dora-regulator')).toBe(true);
	});
});
