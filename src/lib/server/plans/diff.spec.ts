import { describe, expect, it } from 'vitest';
import type { MatrixRow, PlanContent } from '../../plans/content';
import { durationFromMinutes } from '../../plans/durations';
import { diffPlanContent } from './diff';
import { readStoredContent } from './stored-content';

const sev = [
	{ id: 'SEV1', name: 'Critical', criteria: 'Customer data exfiltrated.' },
	{ id: 'SEV2', name: 'High', criteria: 'Service degraded.' }
];
const row = (key: string, minutes: number): MatrixRow => ({
	key,
	stakeholder: key.toUpperCase(),
	audience: 'internal',
	contacts: [{ name: 'On call', email: 'oncall@example.org', phone: '', outOfBand: '' }],
	appliesWhen: [],
	notifications: {
		SEV1: {
			notify: true,
			stages: [
				{
					name: 'Notify',
					deadlines: [{ within: durationFromMinutes(minutes), anchor: 'declaration' }]
				}
			]
		},
		SEV2: { notify: false, stages: [] }
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

	it('compares the matrix row by row and field by field, deadlines in words', () => {
		const next = clone();
		next.matrix[0].notifications.SEV1.stages[0].deadlines[0].within = {
			amount: 15,
			unit: 'minutes'
		};
		next.matrix[0].approver = 'General Counsel';
		next.matrix.splice(1, 1);
		next.matrix.push(row('dpo', 60));
		const d = diffPlanContent(base, next);
		expect(d.matrix.find((r) => r.key === 'ciso')?.changes).toEqual([
			{
				field: 'SEV1',
				from: 'Notify within 30m of declaration',
				to: 'Notify within 15m of declaration',
				words: null
			},
			{ field: 'External approval by', from: '', to: 'General Counsel', words: null }
		]);
		expect(d.matrix.find((r) => r.key === 'soc')?.status).toBe('removed');
		expect(d.matrix.find((r) => r.key === 'dpo')?.status).toBe('added');
	});

	it('shows a new stage, its anchor and the facts that make the row required', () => {
		const next = clone();
		next.matrix[0].appliesWhen = ['personal-data', 'health-data'];
		next.matrix[0].onlyWhen = ['country-ie'];
		next.matrix[0].notifications.SEV1.stages.push({
			name: 'Notification',
			deadlines: [
				{ within: { amount: 72, unit: 'hours' }, anchor: 'awareness' },
				{ within: { amount: 1, unit: 'months' }, anchor: 'classification' }
			]
		});
		const changes = diffPlanContent(base, next).matrix.find((r) => r.key === 'ciso')?.changes;
		expect(changes).toEqual([
			{
				field: 'Applies when',
				from: 'every incident',
				to: 'Personal data affected; Protected health information affected',
				words: null
			},
			{ field: 'Only when all of', from: '', to: 'Affects Ireland', words: null },
			{
				field: 'SEV1',
				from: 'Notify within 30m of declaration',
				to: 'Notify within 30m of declaration; Notification within 72h of awareness and within 1 month of classification',
				words: null
			}
		]);
	});

	it('shows only the real change when a browser sent every template back with CRLF line endings', () => {
		const old = clone();
		old.matrix.forEach(
			(r) => (r.messageTemplate = 'Dear regulator,\n\nWe write about {{incident_id}}.\n')
		);
		const posted = structuredClone(old);
		posted.matrix.forEach((r) => (r.messageTemplate = r.messageTemplate.replace(/\n/g, '\r\n')));
		posted.matrix[1].notifier = 'SOC shift lead';
		// Through the content schema (as every save is) and straight from an older store alike.
		for (const next of [readStoredContent(posted), posted]) {
			const d = diffPlanContent(old, next);
			expect(d.matrix.filter((r) => r.status !== 'unchanged').map((r) => r.changes)).toEqual([
				[{ field: 'Notified by', from: 'Incident commander', to: 'SOC shift lead', words: null }]
			]);
		}
	});

	it('sees no change between a legacy approved row and the same row in the staged shape', () => {
		const legacy = structuredClone(base) as unknown as {
			matrix: { notifications: Record<string, unknown>; appliesWhen?: unknown }[];
		};
		for (const r of legacy.matrix) {
			delete r.appliesWhen;
			r.notifications = {
				SEV1: { notify: true, withinMinutes: r === legacy.matrix[0] ? 30 : 15 },
				SEV2: { notify: false, withinMinutes: null }
			};
		}
		const d = diffPlanContent(readStoredContent(legacy), base);
		expect(d.matrix.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
	});

	it('reports a reordered row once, with its old and new position', () => {
		const next = clone();
		next.matrix.push(row('dpo', 60));
		const d = diffPlanContent(
			{ ...base, matrix: next.matrix },
			{ ...next, matrix: [next.matrix[2], next.matrix[0], next.matrix[1]] }
		);
		expect(d.matrix.filter((r) => r.status === 'changed').map((r) => [r.key, r.changes])).toEqual([
			['dpo', [{ field: 'Position', from: '3 of 3', to: '1 of 3', words: null }]]
		]);
	});

	it('shows a changed message template word by word', () => {
		const old = clone();
		old.matrix[0].messageTemplate =
			'We are aware of an incident affecting {{service}}. Next update at {{next_update}}.';
		const next = structuredClone(old);
		next.matrix[0].messageTemplate =
			'We are aware of an incident affecting {{service}}. Next update within the hour.';
		const change = diffPlanContent(old, next).matrix[0].changes[0];
		expect(change.field).toBe('Message template');
		expect(
			change.words?.filter((w) => w.kind !== 'same').map((w) => `${w.kind}:${w.text.trim()}`)
		).toEqual(['removed:at {{next_update}}', 'added:within the hour']);
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
