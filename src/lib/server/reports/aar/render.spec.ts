import { describe, expect, it } from 'vitest';
import type { AnsweredPrompt, DrillResults } from '../../drills/results';
import { ratingLabels } from '../../drills/ratings';
import type { ActionListItem } from '../../lessons/list';
import {
	blankPageIndexes,
	pdfInfo,
	pdfOutline,
	pdfPageCount,
	pdfText,
	qpdfCheck
} from '../pdf-test-tools';
import { loadReportFonts } from '../report-fonts';
import type { ReportContext } from '../runs';
import type { AarData } from './load';
import { renderAar } from './render';

// The after-action report laid out from hand-made data: the texts and names print whole,
// the file is sound, the sections are bookmarked, the same input gives the same bytes, and a
// 60-inject, 50-participant drill prints every inject and person without a blank page.

const T0 = Date.parse('2026-03-12T09:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const fonts = loadReportFonts();
const ctx: ReportContext = {
	reportId: 'R-2026-0042',
	createdAt: new Date('2026-03-20T14:30:00Z'),
	requestedBy: 'Zoë Martin',
	auditHead: { seq: 1234, hash: 'c0ffee'.repeat(10) + 'abcd' }
};
const FIRST = [
	'Łukasz',
	'Søren',
	'Zoë',
	'Ana',
	'Jürgen',
	'Priya',
	'Kenji',
	'Niamh',
	'Mateo',
	'Ingrid'
];
const LAST = ['Nowak', 'Kierkegaard', 'Martin', 'Núñez', 'Groß'];
const LONG_ANALYSIS =
	'The call-out list lives in a wiki page that the on-call staff do not bookmark, and the runbook step that names it was written before the move to the new paging tool, so the incident commander looked in two places before finding the number. ' +
	'Nobody owns the list, and the last review was fourteen months ago. This sentence ends the analysis whole.';

function sample(injects: number, participants: number): AarData {
	const objectives = [
		{ id: 'obj-detect', text: 'Detect the intrusion before encryption.', capability: 'detection' },
		{ id: 'obj-notify', text: 'Notify within the matrix deadlines.', capability: 'escalation' },
		{ id: 'obj-recover', text: 'Restore from clean backups.', capability: 'recovery' }
	] as const;
	const people = Array.from({ length: participants }, (_, i) => ({
		userId: `u${i}`,
		name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
		kind: i === 0 ? ('facilitator' as const) : ('participant' as const),
		roles: i === 0 ? [] : [['ic', 'soc', 'legal'][i % 3]]
	}));
	const timeline = Array.from({ length: injects }, (_, i) => ({
		injectId: `inject-${i}`,
		title: `Inject ${i + 1}: the attacker moves to server ${i + 1}`,
		channel: 'siem-alert',
		atMs: i * 180_000,
		adhoc: false,
		state: 'released' as const,
		releasedMs: i * 180_000,
		releasedAt: iso(i * 3),
		variantId: null,
		reason: null
	}));
	const prompts: AnsweredPrompt[] = timeline.map((t, i) => ({
		promptId: `q-${i}`,
		injectId: t.injectId,
		type: 'single-choice',
		question: `What do you do about server ${i + 1}?`,
		objective: objectives[i % 3].id,
		max: 10,
		points: i % 5 ? 10 : 0,
		computed: i % 5 ? 10 : 0,
		status: 'scored',
		answer: { option: i % 5 ? 'isolate' : 'wait' },
		answerId: `a${i}`,
		answeredMs: i * 180_000 + 60_000,
		choices: [
			{
				id: 'isolate',
				text: 'Isolate it',
				right: true,
				value: 10,
				picked: i % 5 !== 0,
				feedback: null
			},
			{
				id: 'wait',
				text: 'Wait and see',
				right: false,
				value: 0,
				picked: i % 5 === 0,
				feedback: null
			}
		],
		grade: null,
		notification: null,
		override: null,
		feedback: null,
		asked: true,
		submissions: [],
		answeredBy: people[1 + (i % (participants - 1))].name
	}));
	const results: DrillResults = {
		drill: {
			id: '6f1c1d2e-0000-4000-8000-000000000042',
			title: 'Ransomware tabletop at the regional hospital',
			mode: 'live',
			status: 'ended',
			startedAt: iso(0),
			endedAt: iso(injects * 3 + 10),
			scenarioMs: (injects * 3 + 10) * 60_000,
			thresholds: { P: 0.9, S: 0.7, M: 0.4 }
		},
		scenario: {
			id: 'hospital-ransomware',
			version: 2,
			origin: 'custom',
			title: 'Ransomware at the regional hospital',
			summary: 'Encryption starts on the imaging servers on a Sunday night.',
			objectives: objectives.map((o) => ({ ...o })),
			roles: [
				{ id: 'ic', name: 'Incident commander' },
				{ id: 'soc', name: 'SOC analyst' },
				{ id: 'legal', name: 'Legal counsel' }
			]
		},
		plan: { id: 'p1', versionId: 'v1', number: '2.1', title: 'Incident Response Plan' },
		people,
		timeline,
		prompts,
		totals: { points: 400, max: 600, share: 0.6667, awaitingGrade: 0, unanswered: 0 },
		objectives: objectives.map((o, i) => ({
			objectiveId: o.id,
			text: o.text,
			capability: o.capability,
			points: 100,
			max: 120,
			share: [0.95, 0.5, 0.8][i],
			computed: (['P', 'M', 'S'] as const)[i],
			override:
				i === 1
					? {
							rating: 'S',
							reason: 'Late only by minutes.',
							by: 'u0',
							byName: people[0].name,
							at: iso(200)
						}
					: null,
			rating: (['P', 'S', 'S'] as const)[i],
			awaitingGrade: 0,
			promptIds: []
		})),
		capabilities: objectives.map((o, i) => ({
			capability: o.capability,
			objectiveIds: [o.id],
			points: 100,
			max: 120,
			share: [0.95, 0.5, 0.8][i],
			rating: (['P', 'S', 'S'] as const)[i]
		})),
		ratingLabels,
		responseClocks: {
			injects: timeline.map((t, i) => ({
				injectId: t.injectId,
				releasedMs: t.releasedMs!,
				releasedAt: t.releasedAt!,
				acks: 1,
				firstAck: { name: people[1].name, afterMs: 30_000, afterRealMs: 30_000 },
				prompts: [
					{
						promptId: `q-${i}`,
						timeLimitMs: 300_000,
						submissions: 1,
						firstAnswerMs: 60_000,
						firstAnswerRealMs: 60_000,
						finalAnswerMs: 60_000,
						withinLimit: true
					}
				]
			})),
			notifications: []
		},
		observations: [
			{
				id: 'o1',
				text: 'Søren found the rclone pattern in four minutes.',
				injectId: 'inject-0',
				objectiveId: 'obj-detect',
				byName: people[0].name,
				at: iso(4),
				scenarioMs: 240_000
			}
		]
	};
	const action = (n: number, status: ActionListItem['status']): ActionListItem => ({
		id: `a${n}`,
		number: n,
		findingId: 'f2',
		findingNumber: 2,
		findingTitle: 'Call-out list hard to find',
		capability: 'escalation',
		action: `Link the call-out list from the runbook (step ${n}).`,
		element: 'planning',
		organisation: 'Security Operations',
		ownerId: 'u1',
		ownerName: people[1].name,
		startDate: '2026-03-13',
		dueDate: '2026-04-13',
		completedDate: status === 'done' ? '2026-04-01' : null,
		status,
		overdue: false,
		verifiedByKind: null,
		source: { kind: 'drill', id: results.drill.id, title: results.drill.title },
		updatedAt: new Date(T0)
	});
	return {
		results,
		scenario: {
			category: 'ransomware',
			difficulty: 'advanced',
			durationIso: 'PT4H',
			attack: ['T1486'],
			planSections: ['2.3 Notification and escalation'],
			roles: results.scenario.roles.map((r) => ({ ...r, description: null })),
			senders: Object.fromEntries(timeline.map((t) => [t.injectId, 'EDR console'])),
			frameworks: {
				'obj-detect': 'CSF detect',
				'obj-notify': 'CSF respond',
				'obj-recover': 'PICERL recovery'
			}
		},
		plan: {
			id: 'p1',
			versionId: 'v1',
			number: '2.1',
			title: 'Incident Response Plan',
			status: 'approved',
			approvedAt: '2026-01-15T10:00:00Z',
			approvedBy: 'Jürgen Groß',
			effectiveDate: '2026-01-16'
		},
		schedule: { scheduledAt: null, timeZone: null, createdAt: iso(-60) },
		matrixChannels: [],
		findings: [
			{
				id: 'f1',
				number: 1,
				kind: 'strength',
				title: 'Exfiltration spotted in four minutes',
				observation: 'Søren found the rclone pattern in four minutes.',
				capability: 'detection',
				referenceText: null,
				analysis: 'The hunting runbook was rehearsed last quarter.',
				recommendation: 'Keep it.',
				objectiveId: 'obj-detect',
				planSection: '5.3 Containment',
				actionNumbers: []
			},
			{
				id: 'f2',
				number: 2,
				kind: 'area_for_improvement',
				title: 'Call-out list hard to find',
				observation: 'The IC looked in two places for the regulator number.',
				capability: 'escalation',
				referenceText: 'GDPR Art. 33',
				analysis: LONG_ANALYSIS,
				recommendation: 'Link the list from the runbook.',
				objectiveId: 'obj-notify',
				planSection: '2.3 Notification and escalation',
				actionNumbers: [1, 2]
			}
		],
		actions: [action(1, 'in_progress'), action(2, 'done')],
		hotWash: {
			summary: 'Detection was strong; the call-out list needs a home.',
			summaryBy: people[0].name,
			responses: [
				{
					name: people[1].name,
					wentWell: 'Fast triage.',
					wentBadly: 'Lost the list.',
					oneChange: 'Bookmark it.'
				}
			]
		},
		organisation: null
	};
}

/** Text without white space or hyphens: cells wrap words anywhere, pdftotext drops hyphens at line ends. */
const squash = (s: string) => s.replace(/[\s-]+/g, '');

describe('renderAar', () => {
	it('prints the sections, the names and the long texts whole, in a sound file', async () => {
		const buf = await renderAar(sample(6, 8), ctx, fonts);
		qpdfCheck(buf);
		const text = squash(pdfText(buf));
		for (const expected of [
			'After-Action Report / Improvement Plan',
			'Ransomware tabletop at the regional hospital',
			'20 March 2026, 14:30 UTC for Zoë Martin',
			'12 March 2026, 09:00 UTC',
			'Łukasz Nowak',
			'Søren Nowak',
			'Zoë Nowak',
			'Jürgen Groß',
			LONG_ANALYSIS,
			'GDPR Art. 33',
			'No areas for improvement were recorded.',
			'Prepared by',
			'Approved by'
		])
			expect(text).toContain(squash(expected));
		expect(pdfOutline(buf)).toEqual(
			expect.arrayContaining([
				'1. Exercise overview',
				'2. Executive summary',
				'3. Analysis of capabilities',
				'4. Strengths and areas for improvement by objective',
				'5. Timeline of injects and decisions',
				'6. Notifications and response times',
				'Appendix A. Improvement plan',
				'Appendix B. Participants',
				'Sign-off'
			])
		);
		const info = pdfInfo(buf);
		expect(info.Keywords).toContain('6f1c1d2e-0000-4000-8000-000000000042');
		expect(info.Author).toBe('Hotwash');
	});

	it('gives the same bytes for the same data and context', async () => {
		const data = sample(6, 8);
		const [a, b] = [await renderAar(data, ctx, fonts), await renderAar(data, ctx, fonts)];
		expect(a.equals(b)).toBe(true);
	});

	it('prints every inject and participant of a 60-inject, 50-participant drill, with no blank page', async () => {
		const data = sample(60, 50);
		await renderAar(data, ctx, fonts); // warm-up: the first layout compiles pdfkit's paths
		const started = performance.now();
		const buf = await renderAar(data, ctx, fonts);
		const ms = performance.now() - started;
		console.log(`60 injects, 50 participants: ${Math.round(ms)} ms, ${pdfPageCount(buf)} pages`);
		qpdfCheck(buf);
		const text = squash(pdfText(buf));
		for (const p of data.results.people) expect(text).toContain(squash(p.name));
		for (const t of data.results.timeline) expect(text).toContain(squash(t.title));
		expect(blankPageIndexes(buf)).toEqual([]);
	}, 30_000);
});
