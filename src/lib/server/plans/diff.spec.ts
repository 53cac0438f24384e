import { describe, expect, it } from 'vitest';
import type { MatrixRow, PlanContent } from '../../plans/content';
import { diffPlanContent } from './diff';

const sev = [
	{ id: 'SEV1', name: 'Critical', criteria: 'Customer data exfiltrated.' },
	{ id: 'SEV2', name: 'High', criteria: 'Service degraded.' }
];
const row = (key: string, minutes: number): MatrixRow => ({
	key,
	stakeholder: key.toUpperCase(),
	audience: 'internal',
	contacts: [{ name: 'On call', email: 'oncall@example.org', phone: '', outOfBand: '' }],
	notifications: {
		SEV1: { notify: true, withinMinutes: minutes },
		SEV2: { notify: false, withinMinutes: null }
	},
	notifier: 'Incident commander',
	approver: '',
	messageTemplate: ''
});
const base: PlanContent = {
	sections: [
		{ key: 'scope', title: 'Scope', level: 1, body: 'This plan covers all production systems.' },
		{ key: 'roles', title: 'Roles', level: 2, body: 'The incident commander leads.' },
		{ key: 'escalation', title: 'Escalation', level: 1, body: 'Call the CISO within one hour.' },
		{ key: 'recovery', title: 'Recovery', level: 1, body: 'Restore from backups.' }
	],
	severityScale: sev,
	matrix: [row('ciso', 30), row('soc', 15)]
};
const clone = () => structuredClone(base);
const section = (d: ReturnType<typeof diffPlanContent>, key: string) =>
	d.sections.find((s) => s.key === key)!;

describe('plan diff', () => {
	it('reports nothing for identical versions', () => {
		const d = diffPlanContent(base, clone());
		expect(d.summary).toEqual({ added: 0, removed: 0, changed: 0, moved: 0, renamed: 0 });
		expect(d.matrix.every((r) => r.status === 'unchanged')).toBe(true);
	});

	it('shows the changed words inside a changed section', () => {
		const next = clone();
		next.sections[2].body = 'Call the CISO within thirty minutes.';
		const s = section(diffPlanContent(base, next), 'escalation');
		expect(s.status).toBe('changed');
		expect(s.words?.filter((w) => w.kind === 'removed').map((w) => w.text.trim())).toEqual([
			'one hour'
		]);
		expect(s.words?.filter((w) => w.kind === 'added').map((w) => w.text.trim())).toEqual([
			'thirty minutes'
		]);
	});

	it('tells a renamed section from a new one by its stable key', () => {
		const next = clone();
		next.sections[2].title = 'Notification and escalation';
		const d = diffPlanContent(base, next);
		expect(section(d, 'escalation')).toMatchObject({
			status: 'changed',
			renamed: true,
			moved: false,
			words: null
		});
		expect(d.summary.added).toBe(0);
	});

	it('reports a moved section once, not every section after an insertion', () => {
		const next = clone();
		const [recovery] = next.sections.splice(3, 1);
		next.sections.splice(0, 0, recovery);
		next.sections.splice(2, 0, { key: 'tools', title: 'Tools', level: 2, body: 'EDR, SIEM.' });
		const d = diffPlanContent(base, next);
		expect(d.sections.filter((s) => s.moved).map((s) => s.key)).toEqual(['recovery']);
		expect(section(d, 'recovery')).toMatchObject({ oldNumber: '3', newNumber: '1' });
		expect(section(d, 'tools').status).toBe('added');
	});

	it('lists a removed section where it stood', () => {
		const next = clone();
		next.sections.splice(1, 1);
		const d = diffPlanContent(base, next);
		expect(d.sections.map((s) => `${s.key}:${s.status}`)).toEqual([
			'scope:unchanged',
			'roles:removed',
			'escalation:unchanged',
			'recovery:unchanged'
		]);
	});

	it('compares the matrix row by row and field by field', () => {
		const next = clone();
		next.matrix[0].notifications.SEV1.withinMinutes = 15;
		next.matrix[0].approver = 'General Counsel';
		next.matrix.splice(1, 1);
		next.matrix.push(row('dpo', 60));
		const d = diffPlanContent(base, next);
		expect(d.matrix.find((r) => r.key === 'ciso')?.changes).toEqual([
			{ field: 'SEV1', from: 'within 30 min', to: 'within 15 min' },
			{ field: 'External approval by', from: '', to: 'General Counsel' }
		]);
		expect(d.matrix.find((r) => r.key === 'soc')?.status).toBe('removed');
		expect(d.matrix.find((r) => r.key === 'dpo')?.status).toBe('added');
	});

	it('compares the severity scale level by level', () => {
		const next = clone();
		next.severityScale[1].criteria = 'Service degraded for more than an hour.';
		next.severityScale.push({ id: 'SEV3', name: 'Medium', criteria: 'Contained malware.' });
		const d = diffPlanContent(base, next);
		expect(d.severityScale.map((l) => `${l.key}:${l.status}`)).toEqual([
			'SEV1:unchanged',
			'SEV2:changed',
			'SEV3:added'
		]);
		expect(d.severityScale[1].changes[0]).toMatchObject({ field: 'Criteria' });
	});

	it('falls back to a whole-section view when two bodies are too different to diff word by word', () => {
		const words = (seed: number) =>
			Array.from({ length: 20_000 }, (_, i) => `w${(i * 7919 + seed * 104729) % 100_003}`).join(
				' '
			);
		const next = clone();
		const old = clone();
		old.sections[0].body = words(1);
		next.sections[0].body = words(2);
		const d = diffPlanContent(old, next);
		const s = section(d, 'scope');
		expect(s.words).toBeNull();
		expect(s.wholeSection).toEqual({ old: old.sections[0].body, new: next.sections[0].body });
		expect(d.fallbacks).toBe(1);
	});
});
