import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { MatrixRow } from '../plans/content';
import type { IncidentFact } from '../plans/incident-facts';
import { parseDuration } from '../plans/durations';
import { scoreChoice, scoreNotification } from './scoring';
import { promptSchema, type Prompt } from './schema';

// The examples of scenarios/README.md ("Scoring"), checked against the code that scores.

const readme = fs.readFileSync('scenarios/README.md', 'utf8');
const example = readme.slice(readme.indexOf('#### Worked example'));

const choice = (type: 'multiple-choice' | 'checklist', points: number, entries: string) =>
	promptSchema.parse({
		id: 'q-which',
		type,
		question: 'Which?',
		points,
		objective: 'obj',
		[type === 'checklist' ? 'items' : 'options']: entries.split(' ').map((e) => {
			const [id, right, value] = e.split(':');
			return {
				id: `o-${id}`,
				text: id,
				...(type === 'checklist' ? { expected: right === '+' } : { correct: right === '+' }),
				...(value ? { points: Number(value) } : {})
			};
		})
	}) as Extract<Prompt, { type: 'multiple-choice' | 'checklist' }>;

describe('multiple choice and checklists: right minus wrong', () => {
	const p = choice('multiple-choice', 15, 'a:+ b:+ c:+ d:- e:-');
	it.each([
		[['a', 'b', 'c'], 15],
		[['a', 'b'], 10],
		[['a', 'b', 'd'], 5],
		[['a', 'b', 'c', 'd', 'e'], 5],
		[['d', 'e'], 0],
		[[], 0]
	])('picking %j scores %d, as the README says', (picked, score) => {
		expect(
			scoreChoice(
				p,
				picked.map((id) => `o-${id}`)
			)
		).toBe(score);
	});

	it('shares what stated points leave among right answers without points', () => {
		const mixed = choice('checklist', 20, 'a:+:10 b:+ c:+ d:-:3');
		expect(scoreChoice(mixed, ['o-b'])).toBe(5);
		expect(scoreChoice(mixed, ['o-a', 'o-b', 'o-c'])).toBe(20);
		expect(scoreChoice(mixed, ['o-a', 'o-b', 'o-c', 'o-d'])).toBe(17);
	});
});

describe('the notification worked example', () => {
	const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(example)![1];
	const prompt = promptSchema.parse(parse(yamlBlock)[0]) as Extract<
		Prompt,
		{ type: 'notification' }
	>;
	// The README's table of rows: | `key` | audience | applies when | 30m from declaration |
	const rows: MatrixRow[] = [
		...example.matchAll(/^\| `([a-z-]+)` +\| ([a-z ]+?) +\| (.+?) +\| (\S+) from (\w+) +\|$/gm)
	].map(([, key, audience, applies, within, anchor]) => {
		const d = parseDuration(within);
		if (!d.ok) throw new Error(within);
		// "`personal-data`, only when `country-gb`"
		const [any, only] = applies.replaceAll('`', '').split(', only when ');
		return {
			key,
			stakeholder: key,
			audience: audience.replace(' ', '-') as MatrixRow['audience'],
			contacts: [],
			appliesWhen: any === 'always' ? [] : [any as IncidentFact],
			onlyWhen: only ? [only as IncidentFact] : undefined,
			notifications: {
				SEV1: {
					notify: true,
					stages: [
						{ name: 'Notify', deadlines: [{ within: d.duration, anchor: anchor as 'awareness' }] }
					]
				},
				SEV2: { notify: false, stages: [] }
			},
			notifier: 'Incident commander',
			approver: '',
			messageTemplate: ''
		};
	});
	const plan = {
		severityScale: ['SEV1', 'SEV2'].map((id) => ({ id, name: id, criteria: id })),
		matrix: [
			...rows,
			{ ...rows[1], key: 'hr', stakeholder: 'hr', appliesWhen: ['insider-or-employee' as const] }
		]
	};
	const start = new Date('2025-06-02T09:00:00Z');
	const all = ['ciso', 'it-operations', 'dpo', 'ico', 'law-enforcement', 'cyber-insurer'];

	it('reads eight rows from the README table', () => {
		expect(rows.map((r) => r.key)).toEqual([...all, 'media', 'card-acquirer']);
	});

	it.each([
		['A', 'SEV1', 40, all, { severity: 6, stakeholders: 10, timeliness: 4, total: 20 }],
		['B', 'SEV1', 150, all, { severity: 6, stakeholders: 10, timeliness: 3.33, total: 19.33 }],
		[
			'C',
			'SEV2',
			40,
			['ciso', 'dpo', 'ico', 'media', 'hr'],
			{ severity: 0, stakeholders: 3.33, timeliness: 2, total: 5.33 }
		],
		[
			'D',
			'SEV1',
			40,
			[...all, 'media', 'card-acquirer'],
			{ severity: 6, stakeholders: 6.67, timeliness: 4, total: 16.67 }
		]
	])('team %s scores as the README table says', (_team, severity, at, notified, parts) => {
		const score = scoreNotification(prompt, plan, { severity, notified, answeredAt: at }, start);
		expect(score).toMatchObject(parts);
	});

	it('names what team C missed, what it over-notified and what cost nothing', () => {
		const c = scoreNotification(
			prompt,
			plan,
			{ severity: 'SEV2', notified: ['ciso', 'dpo', 'ico', 'media', 'hr'], answeredAt: 40 },
			start
		);
		expect(c.missing).toEqual(['it-operations', 'law-enforcement', 'cyber-insurer']);
		expect(c.overNotified).toEqual(['media']);
		expect(c.alsoTold).toEqual(['hr']);
	});

	it('marks the ICO late once its 72 hours from awareness have run out', () => {
		const b = scoreNotification(
			prompt,
			plan,
			{ severity: 'SEV1', notified: all, answeredAt: 150 },
			start
		);
		expect(b.late).toEqual(['ico']);
	});
});
