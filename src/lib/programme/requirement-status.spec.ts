import { describe, expect, it } from 'vitest';
import { describeSatisfier, frameworks, frameworkById, isSwitchableFramework } from './catalogue';
import {
	addMonths,
	requirementStatus,
	type EvidenceItem,
	type Subject
} from './requirement-status';

const yearly = { months: 12 };
const drill = (iso: string, label = 'Drill'): EvidenceItem => ({
	kind: 'drill',
	at: new Date(iso),
	label,
	href: '/drills/x'
});
const subject = (id: string, last: EvidenceItem | null): Subject => ({ id, label: id, last });

describe('requirementStatus with an injected clock', () => {
	const met = [subject('programme', drill('2026-03-03T10:00:00Z', 'Q1 tabletop'))];

	it('is met while the next due date is more than 30 days away', () => {
		const s = requirementStatus(yearly, met, new Date('2026-06-01T00:00:00Z'));
		expect(s.state).toBe('met');
		expect(s.lastMet?.label).toBe('Q1 tabletop');
		expect(s.nextDue?.toISOString()).toBe('2027-03-03T10:00:00.000Z');
		expect(s.behind).toEqual([]);
	});

	it('is due within 30 days of the next due date, counting the 30th day', () => {
		expect(requirementStatus(yearly, met, new Date('2027-02-01T10:00:00Z')).state).toBe('due');
		expect(requirementStatus(yearly, met, new Date('2027-02-01T09:59:59Z')).state).toBe('met');
	});

	it('is still due at the very moment it falls due, and overdue one millisecond later', () => {
		expect(requirementStatus(yearly, met, new Date('2027-03-03T10:00:00.000Z')).state).toBe('due');
		expect(requirementStatus(yearly, met, new Date('2027-03-03T10:00:00.001Z')).state).toBe(
			'overdue'
		);
	});

	it('is never met without evidence, and without any subject', () => {
		const now = new Date('2027-01-01T00:00:00Z');
		expect(requirementStatus(yearly, [subject('programme', null)], now)).toMatchObject({
			state: 'never',
			lastMet: null,
			nextDue: null,
			subjects: 1
		});
		expect(requirementStatus(yearly, [], now)).toMatchObject({ state: 'never', subjects: 0 });
	});

	it('follows the stalest subject: one untrained person makes training never met', () => {
		const people = [
			subject('tara', drill('2026-05-01T00:00:00Z')),
			subject('sam', null),
			subject('lee', drill('2026-01-10T00:00:00Z'))
		];
		const s = requirementStatus(yearly, people, new Date('2026-06-01T00:00:00Z'));
		expect(s.state).toBe('never');
		expect(s.behind.map((b) => b.id)).toEqual(['sam']);
		expect(s.subjects).toBe(3);
	});

	it('reports the stalest subject as last met and lists those behind, worst first', () => {
		const people = [
			subject('tara', drill('2026-05-01T00:00:00Z', 'Tara drill')),
			subject('lee', drill('2025-05-20T00:00:00Z', 'Lee drill')),
			subject('sam', drill('2025-04-01T00:00:00Z', 'Sam drill'))
		];
		const s = requirementStatus(yearly, people, new Date('2026-05-01T00:00:00Z'));
		expect(s.state).toBe('overdue');
		expect(s.lastMet?.label).toBe('Sam drill');
		expect(s.nextDue?.toISOString()).toBe('2026-04-01T00:00:00.000Z');
		expect(s.behind.map((b) => [b.id, b.state])).toEqual([
			['sam', 'overdue'],
			['lee', 'due']
		]);
	});

	it('is met again once the stale subject has new evidence', () => {
		const now = new Date('2026-05-01T00:00:00Z');
		const before = [subject('plan', drill('2025-04-01T00:00:00Z'))];
		const after = [subject('plan', drill('2026-04-30T00:00:00Z'))];
		expect(requirementStatus(yearly, before, now).state).toBe('overdue');
		expect(requirementStatus(yearly, after, now).state).toBe('met');
	});
});

describe('addMonths', () => {
	it('keeps the day and time of day', () => {
		expect(addMonths(new Date('2026-03-03T10:15:00Z'), 12).toISOString()).toBe(
			'2027-03-03T10:15:00.000Z'
		);
	});
	it('clamps to the last day of a shorter month (and of February in a leap year)', () => {
		expect(addMonths(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe(
			'2026-02-28T00:00:00.000Z'
		);
		expect(addMonths(new Date('2028-02-29T00:00:00Z'), 12).toISOString()).toBe(
			'2029-02-28T00:00:00.000Z'
		);
	});
});

describe('the catalogue', () => {
	const all = frameworks.flatMap((f) => f.requirements);

	it('gives every requirement a unique id, its framework, a clause and a frequency', () => {
		expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
		for (const f of frameworks)
			for (const r of f.requirements) {
				expect(r.frameworkId).toBe(f.id);
				expect(r.clause).not.toBe('');
				expect(r.months).toBeGreaterThan(0);
				expect(r.frequency).not.toBe('');
			}
	});

	it('cites the clauses the programme is asked to cover', () => {
		const clauses = (id: string) => frameworkById(id)!.requirements.map((r) => r.clause);
		expect(clauses('pci-dss')).toEqual(['12.10.2', '12.10.2', '12.10.4']);
		expect(clauses('iso-27001')).toEqual(['A.5.24', 'A.5.27']);
		expect(clauses('soc2')).toEqual(['CC7.4', 'CC7.5']);
		expect(clauses('hipaa')).toEqual(['164.308(a)(7)(ii)(D)', '164.308(a)(7)(ii)(D)']);
		expect(clauses('dora')).toEqual(['Art. 11(6)', 'Art. 13(6)']);
		expect(clauses('nis2')).toEqual(['Art. 21(2)(b)', 'Art. 21(2)(c)']);
		expect(clauses('nist-800-53')).toEqual(['IR-2', 'IR-3']);
	});

	it('tests PCI DSS 12.10.2 and DORA Art. 11(6) at least every 12 months, as they say', () => {
		for (const id of ['pci-12.10.2-review', 'pci-12.10.2-test', 'dora-art11-6'])
			expect(all.find((r) => r.id === id)?.months).toBe(12);
	});

	it('keeps the baseline plan review always on and not switchable', () => {
		expect(frameworkById('baseline')?.alwaysOn).toBe(true);
		expect(isSwitchableFramework('baseline')).toBe(false);
		expect(isSwitchableFramework('pci-dss')).toBe(true);
		expect(isSwitchableFramework('no-such')).toBe(false);
	});

	it('says what satisfies a requirement in words', () => {
		expect(describeSatisfier({ kind: 'drill', teamOnly: true, capabilities: ['recovery'] })).toBe(
			'A team drill (live or over a window) ended, exercising recovery.'
		);
		expect(describeSatisfier({ kind: 'training', roles: ['lead', 'trainee'] })).toBe(
			'Every SOC lead and trainee took part in a drill or practised alone.'
		);
		expect(describeSatisfier({ kind: 'plan-approval' })).toMatch(/approved version/);
	});
});
