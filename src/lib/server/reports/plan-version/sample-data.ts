// Hand-made report data for the specs (test-only: nothing in the app imports this file).
import type { MatrixRow, SeverityLevel } from '../../../plans/content';
import type { ReportContext } from '../runs';
import type { PlanVersionData } from './load';

export const sampleContext: ReportContext = {
	reportId: 'RPT-7Q2M-K9XD',
	createdAt: new Date('2026-11-30T09:15:00Z'),
	requestedBy: 'Zoë Fontaine',
	auditHead: { seq: 412, hash: 'a'.repeat(64) }
};

export const sampleLevels: SeverityLevel[] = [
	{
		id: 'SEV1',
		name: 'Critical',
		criteria: 'Customer data **confirmed** exposed, or a core service down:\n\n- payments\n- login'
	},
	{ id: 'SEV2', name: 'High', criteria: 'A likely breach or a degraded core service.' },
	{ id: 'SEV3', name: 'Medium', criteria: 'Contained to one system, no customer impact.' },
	{ id: 'SEV4', name: 'Low', criteria: 'A policy violation or a blocked attack.' },
	{ id: 'SEV5', name: 'Informational', criteria: 'Noted for trend analysis.' }
];

const declaration = (amount: number, unit: 'minutes' | 'hours') => ({
	name: 'Notify',
	deadlines: [{ within: { amount, unit }, anchor: 'declaration' as const }]
});

export const sampleMatrix: MatrixRow[] = [
	{
		key: 'ciso',
		stakeholder: 'CISO',
		audience: 'executive',
		contacts: [
			{
				name: 'Søren Kierkegaard',
				email: 'soren@example.org',
				phone: '+45 1234 5678',
				outOfBand: 'Signal'
			}
		],
		appliesWhen: [],
		notifications: {
			SEV1: { notify: true, stages: [declaration(15, 'minutes')] },
			SEV2: { notify: true, stages: [declaration(1, 'hours')] },
			SEV3: { notify: true, stages: [declaration(4, 'hours')] },
			SEV4: { notify: false, stages: [] },
			SEV5: { notify: false, stages: [] }
		},
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: 'Incident {{id}} declared at {{severity}}. Bridge: {{bridge}}.'
	},
	{
		key: 'dpc',
		stakeholder: 'Data Protection Commission (Ireland)',
		audience: 'regulator',
		contacts: [
			{
				name: 'Breach desk',
				email: 'breaches@dataprotection.example',
				phone: '',
				outOfBand: 'Web form'
			}
		],
		appliesWhen: ['personal-data'],
		onlyWhen: ['country-ie'],
		notifications: {
			SEV1: {
				notify: true,
				stages: [
					{
						name: 'Initial notification',
						deadlines: [{ within: { amount: 72, unit: 'hours' }, anchor: 'awareness' }]
					},
					{
						name: 'Final report',
						deadlines: [{ within: { amount: 1, unit: 'months' }, anchor: 'awareness' }]
					}
				]
			},
			SEV2: {
				notify: true,
				stages: [
					{
						name: 'Initial notification',
						deadlines: [{ within: { amount: 72, unit: 'hours' }, anchor: 'awareness' }]
					}
				]
			}
		},
		notifier: 'Data protection officer',
		approver: 'General Counsel',
		messageTemplate: ''
	}
];

const sampleBody = (i: number) =>
	[
		`Section ${i} says what the team does. The **incident commander** (Łukasz Nowak) decides, *documents* the decision and tells the \`#incident\` channel.`,
		'',
		'1. Confirm the alert.',
		'2. Classify it with the severity scale.',
		'',
		'| Role | Who |',
		'| --- | --- |',
		'| Scribe | Søren |'
	].join('\n');

/** A superseded version with `sectionCount` sections, a matrix, a change set and lessons. */
export function samplePlanVersion(sectionCount = 6): PlanVersionData {
	const sections = Array.from({ length: sectionCount }, (_, i) => ({
		key: `section-${i + 1}`,
		number: String(i + 1),
		title: `Section title number ${i + 1}: ${i % 7 === 0 ? 'Escalation and notification of stakeholders' : 'Containment'}`,
		level: 1 as const,
		body: sampleBody(i + 1)
	}));
	return {
		organisation: 'Hotwash',
		plan: { id: '00000000-0000-4000-8000-000000000001', title: 'Incident Response Plan' },
		version: {
			id: '00000000-0000-4000-8000-000000000012',
			number: '1.2',
			status: 'superseded',
			changeSummary: 'Escalation deadlines shortened after the ransomware drill.',
			effectiveDate: '2026-10-01',
			nextReviewDate: '2027-10-01',
			supersededAt: new Date('2026-11-20T10:00:00Z')
		},
		approval: {
			author: 'Łukasz Nowak',
			createdAt: new Date('2026-09-20T08:00:00Z'),
			submittedBy: 'Łukasz Nowak',
			submittedAt: new Date('2026-09-22T08:00:00Z'),
			reviewedBy: 'Søren Kierkegaard',
			reviewComment: 'Name the out-of-band channel.',
			approvedBy: 'Zoë Fontaine',
			approvedAt: new Date('2026-09-30T16:45:00Z'),
			approvalComment: 'Reviewed with the CISO and General Counsel.',
			steps: [
				{
					at: new Date('2026-09-22T08:00:00Z'),
					by: 'Łukasz Nowak',
					step: 'submitted',
					comment: null
				},
				{
					at: new Date('2026-09-24T11:30:00Z'),
					by: 'Søren Kierkegaard',
					step: 'changes requested',
					comment: 'Name the out-of-band channel.'
				},
				{
					at: new Date('2026-09-30T16:45:00Z'),
					by: 'Zoë Fontaine',
					step: 'approved',
					comment: 'Reviewed with the CISO and General Counsel.'
				}
			]
		},
		sections,
		severityScale: sampleLevels,
		matrix: sampleMatrix,
		changeLog: [
			{
				id: '00000000-0000-4000-8000-000000000010',
				number: '1.0',
				status: 'superseded',
				author: 'Łukasz Nowak',
				approver: 'Zoë Fontaine',
				createdAt: new Date('2026-01-10T08:00:00Z'),
				approvedAt: new Date('2026-01-15T08:00:00Z'),
				effectiveDate: '2026-01-15',
				supersededAt: new Date('2026-09-30T16:45:00Z'),
				changeSummary: 'First version.'
			},
			{
				id: '00000000-0000-4000-8000-000000000012',
				number: '1.2',
				status: 'superseded',
				author: 'Łukasz Nowak',
				approver: 'Zoë Fontaine',
				createdAt: new Date('2026-09-20T08:00:00Z'),
				approvedAt: new Date('2026-09-30T16:45:00Z'),
				effectiveDate: '2026-10-01',
				supersededAt: new Date('2026-11-20T10:00:00Z'),
				changeSummary: 'Escalation deadlines shortened after the ransomware drill.'
			}
		],
		changes: {
			fromNumber: '1.0',
			sections: [
				{
					key: 'section-1',
					number: '1',
					oldNumber: '1',
					title: sections[0]?.title ?? 'Escalation',
					status: 'changed',
					notes: ['renamed from “Escalation”'],
					wordsAdded: 34,
					wordsRemoved: 12,
					answers: [
						{
							actionId: 'a1',
							label: 'A-3',
							text: 'Page the CISO within 15 minutes of a SEV1 declaration.',
							status: 'done',
							findingId: 'f1',
							findingLabel: 'F-2',
							findingTitle: 'Escalation to the CISO took 52 minutes',
							versionId: '00000000-0000-4000-8000-000000000012',
							versionNumber: '1.2'
						}
					]
				}
			],
			severityScale: [],
			matrix: [
				{
					label: 'CISO',
					status: 'changed',
					changes: [
						{
							field: 'SEV1',
							from: 'Notify within 30m of declaration',
							to: 'Notify within 15m of declaration'
						}
					]
				}
			]
		},
		lessons: [
			{
				action: 'A-3',
				actionText: 'Page the CISO within 15 minutes of a SEV1 declaration.',
				actionStatus: 'done',
				finding: 'F-2',
				findingTitle: 'Escalation to the CISO took 52 minutes',
				source: 'drill of 2026-09-03',
				sections: ['1 Escalation']
			}
		]
	};
}
