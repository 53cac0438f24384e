import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	blankPageIndexes,
	normalizeSpace,
	pdfInfo,
	pdfOutline,
	pdfText,
	qpdfCheck,
	renderPagesPng
} from '../pdf-test-tools';
import type { ReportContext } from '../runs';
import type {
	ActionEvidence,
	DrillEvidence,
	EvidencePackData,
	PlanApprovalEvidence,
	RequirementEvidence
} from './load';
import { renderEvidencePack } from './render';

const HEAD_HASH = '9f2c4e1a7b3d5f60182a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d';
const ctx: ReportContext = {
	reportId: 'R-2026-EVID',
	createdAt: new Date('2026-12-01T08:15:00Z'),
	requestedBy: 'Zoë Martin',
	auditHead: { seq: 4821, hash: HEAD_HASH }
};

const people = ['Łukasz Nowak', 'Søren Kierkegaard', 'Zoë Martin', 'Ana Núñez', 'Jürgen Groß'];
const LONG_ACTION =
	'Add the out-of-hours escalation path to the communication matrix, including the deputy incident commander, the data protection officer and the legal counsel, and rehearse it in the next tabletop so that the first notification leaves within the hour.';

const approval: PlanApprovalEvidence = {
	versionId: 'v-1',
	planId: 'p-1',
	planTitle: 'Incident Response Plan',
	planKind: 'ir-plan',
	number: '2.1',
	author: 'Søren Kierkegaard',
	contributors: ['Ana Núñez'],
	submittedBy: 'Søren Kierkegaard',
	submittedAt: '2026-02-01T10:00:00.000Z',
	reviewedBy: 'Łukasz Nowak',
	reviewedAt: '2026-02-03T10:00:00.000Z',
	reviewComment: 'Name the deputy incident commander.',
	approvedBy: 'Łukasz Nowak',
	approvedAt: '2026-02-10T14:30:00.000Z',
	approvalComment: 'Approved after the tabletop of January.',
	effectiveDate: '2026-02-15',
	nextReviewDate: '2027-02-15',
	changeSummary: 'Escalation path'
};

function drill(i: number, participants = people): DrillEvidence {
	return {
		id: `d-${i}`,
		title: `Ransomware at the regional hospital #${i}`,
		mode: i % 4 === 3 ? 'solo' : i % 2 ? 'async' : 'live',
		startedAt: `2026-0${(i % 9) + 1}-10T09:00:00.000Z`,
		endedAt: `2026-0${(i % 9) + 1}-10T12:00:00.000Z`,
		planTitle: 'Incident Response Plan',
		planVersion: '2.1',
		facilitators: ['Zoë Martin'],
		participants,
		objectives:
			i % 4 === 3
				? []
				: [
						{
							id: 'o1',
							text: 'Contain the encryption within an hour.',
							capability: 'containment',
							rating: 'S'
						},
						{
							id: 'o2',
							text: 'Restore the patient records system from backup.',
							capability: 'recovery',
							rating: 'P'
						},
						{
							id: 'o3',
							text: 'Notify the regulator within the deadline.',
							capability: 'communication',
							rating: i % 3 ? 'M' : null
						}
					]
	};
}

function action(i: number, overdue = false): ActionEvidence {
	return {
		id: `a-${i}`,
		label: `A-${i}`,
		action: i === 1 ? LONG_ACTION : `Corrective action number ${i}: update the runbook.`,
		finding: `F-${i} Escalation was slow`,
		source: { kind: 'drill', id: 'd-0', label: 'Ransomware at the regional hospital #0' },
		owner: people[i % people.length],
		startDate: '2026-03-01',
		dueDate: overdue ? '2026-06-30' : '2027-01-31',
		status: overdue ? 'in_progress' : i % 2 ? 'done' : 'open',
		overdue,
		openedAt: '2026-03-01T10:00:00.000Z',
		closedAt: !overdue && i % 2 ? '2026-09-01T10:00:00.000Z' : null
	};
}

function requirement(
	over: Partial<RequirementEvidence> & Pick<RequirementEvidence, 'id' | 'clause' | 'title'>
): RequirementEvidence {
	return {
		text: 'At least once every 12 months the plan is tested, including all the elements of 12.10.1.',
		satisfiedBy: 'A team drill (live or over a window) ended.',
		satisfierKind: 'drill',
		frequency: 'At least once every 12 months (stated in 12.10.2).',
		state: 'met',
		lastMet: { label: 'Ransomware at the regional hospital #2', at: '2026-03-10T12:00:00.000Z' },
		nextDue: '2027-03-10T12:00:00.000Z',
		approvals: [],
		drills: [],
		training: [],
		actions: [],
		incidents: [],
		gaps: [],
		...over
	};
}

export function sampleData(
	size: { drills: number; actions: number; participants?: number } = { drills: 4, actions: 3 }
): EvidencePackData {
	const crowd = Array.from(
		{ length: size.participants ?? 5 },
		(_, i) => people[i % people.length] + (i >= people.length ? ` ${i}` : '')
	);
	const drills = Array.from({ length: size.drills }, (_, i) => drill(i, crowd));
	const actions = Array.from({ length: size.actions }, (_, i) => action(i + 1, i === 1));
	const team = drills.filter((d) => d.mode !== 'solo');
	return {
		period: { from: '2025-12-01', to: '2026-11-30' },
		asOf: '2026-11-30T23:59:59.999Z',
		frameworks: [
			{
				id: 'pci-dss',
				name: 'PCI DSS',
				edition: 'v4.0',
				enabledAt: '2025-01-01T00:00:00.000Z',
				requirements: [
					requirement({
						id: 'pci-12.10.2-review',
						clause: '12.10.2',
						title: 'Incident response plan reviewed and updated',
						satisfierKind: 'plan-approval',
						approvals: [approval]
					}),
					requirement({
						id: 'pci-12.10.2-test',
						clause: '12.10.2',
						title: 'Incident response plan tested',
						drills: team,
						actions
					}),
					requirement({
						id: 'pci-12.10.4-training',
						clause: '12.10.4',
						title: 'Incident response personnel trained',
						satisfierKind: 'training',
						state: 'overdue',
						nextDue: '2026-10-01T00:00:00.000Z',
						training: [
							{
								person: 'Łukasz Nowak',
								state: 'met',
								last: {
									label: 'Ransomware at the regional hospital #2',
									at: '2026-03-10T12:00:00.000Z'
								}
							},
							{
								person: 'Søren Kierkegaard',
								state: 'overdue',
								last: { label: 'Phishing practice', at: '2025-09-30T12:00:00.000Z' }
							},
							{ person: 'Zoë Martin', state: 'never', last: null }
						],
						gaps: [
							'1 person never took part in a drill or practice: Zoë Martin.',
							'1 person last trained more than 12 months before the period end: Søren Kierkegaard.'
						]
					})
				]
			},
			{
				id: 'iso-27001',
				name: 'ISO/IEC 27001',
				edition: '2022, Annex A',
				enabledAt: null,
				requirements: [
					requirement({
						id: 'iso-a.5.27',
						clause: 'A.5.27',
						title: 'Learning from information security incidents',
						state: 'due',
						drills: team.slice(0, 1),
						incidents: [
							{
								id: 'i-1',
								reference: 'INC-2026-007',
								title: 'Credential stuffing against the patient portal',
								severity: 'SEV2',
								awareAt: '2026-05-02T03:10:00.000Z',
								resolvedAt: '2026-05-03T18:00:00.000Z',
								planTitle: 'Incident Response Plan',
								planVersion: '2.1',
								reviewedBy: 'Ana Núñez',
								reviewedAt: '2026-05-10T09:00:00.000Z',
								findings: 2,
								actions: 3
							}
						],
						actions,
						gaps: ['Due again by 2026-12-15, within 30 days of the period end.']
					})
				]
			},
			{
				id: 'dora',
				name: 'DORA',
				edition: 'Regulation (EU) 2022/2554',
				enabledAt: '2025-06-01T00:00:00.000Z',
				requirements: [
					requirement({
						id: 'dora-art11-6',
						clause: 'Art. 11(6)',
						title: 'ICT response and recovery plans tested',
						state: 'never',
						lastMet: null,
						nextDue: null,
						gaps: [
							'No qualifying exercise by the end of the period. Needed: A team drill (live or over a window) ended, exercising recovery.'
						]
					})
				]
			}
		],
		overview: {
			planVersionsApproved: 1,
			drillsHeld: drills.length,
			teamDrills: team.length,
			practiceSessions: drills.length - team.length,
			actionsOpened: actions.length,
			actionsClosed: 1,
			actionsOverdue: 1,
			incidentsReviewed: 1
		},
		register: {
			drills,
			approvals: [
				approval,
				{
					...approval,
					versionId: 'v-2',
					planTitle: 'Ransomware playbook',
					planKind: 'playbook',
					reviewedBy: null,
					reviewedAt: null
				}
			],
			actions,
			incidents: []
		},
		chain: { intact: true, entries: 4821 }
	};
}

describe('the evidence pack PDF', () => {
	it('prints the cover, the summary, every requirement with its status, the evidence and the head hash', async () => {
		const bytes = await renderEvidencePack(sampleData(), ctx);
		qpdfCheck(bytes);
		const text = normalizeSpace(pdfText(bytes));
		for (const expected of [
			'Compliance evidence pack',
			'Period 2025-12-01 to 2026-11-30',
			'R-2026-EVID',
			'2026-12-01 08:15 UTC for Zoë Martin',
			'Framework Requirements Met Not met',
			'PCI DSS (v4.0) 3 2 1',
			'All frameworks 5 3 2',
			'12.10.4 Incident response personnel trained: Not met (overdue)',
			'A.5.27 Learning from information security incidents: Met, due again soon',
			'Art. 11(6) ICT response and recovery plans tested: Not met (never met)',
			'Credential stuffing against the patient portal',
			'Łukasz Nowak',
			'Søren Kierkegaard',
			'Jürgen Groß',
			LONG_ACTION,
			'Evidence register',
			'Audit trail integrity',
			'Intact: all 4821 entries',
			HEAD_HASH,
			'Page 2 of'
		])
			expect(text).toContain(expected);
		// The cover's hash is split over two lines; the integrity section prints it whole.
		expect(text).toContain(`${HEAD_HASH.slice(0, 32)} ${HEAD_HASH.slice(32)}`);
		const info = pdfInfo(bytes);
		expect(info.Title).toBe('Compliance evidence pack');
		expect(info.Author).toBe('Hotwash');
		expect(info.Subject).toBe('Compliance evidence for 2025-12-01 to 2026-11-30');
		expect(blankPageIndexes(bytes)).toEqual([]);
	});

	it('has a bookmark for every framework and requirement', async () => {
		const outline = pdfOutline(await renderEvidencePack(sampleData(), ctx));
		expect(outline).toContain('1 Summary');
		expect(outline).toContain('2 PCI DSS (v4.0)');
		expect(outline).toContain('3 ISO/IEC 27001 (2022, Annex A)');
		expect(outline).toContain('4 DORA (Regulation (EU) 2022/2554)');
		expect(outline).toContain('5 Evidence register');
		expect(outline).toContain('6 Audit trail integrity');
		expect(outline).toContain('12.10.2 Incident response plan tested: Met');
	});

	it('says so when the audit chain is broken', async () => {
		const data = {
			...sampleData(),
			chain: {
				intact: false as const,
				entries: 41,
				brokenAt: 42,
				reason: 'entry 42 was altered after it was written'
			}
		};
		const text = normalizeSpace(pdfText(await renderEvidencePack(data, ctx)));
		expect(text).toContain('Broken at entry 42: entry 42 was altered after it was written');
		expect(text).toContain('The audit trail did NOT verify');
	});

	it('gives the same bytes for the same data and context', async () => {
		const a = await renderEvidencePack(sampleData(), ctx);
		const b = await renderEvidencePack(sampleData(), ctx);
		expect(a.equals(b)).toBe(true);
	});

	it('lays out a busy period (60 drills of 50 people, 300 actions) without losing text', async () => {
		const started = performance.now();
		const bytes = await renderEvidencePack(
			sampleData({ drills: 60, actions: 300, participants: 50 }),
			ctx
		);
		const ms = performance.now() - started;
		qpdfCheck(bytes);
		const text = normalizeSpace(pdfText(bytes));
		expect(text).toContain('Corrective action number 300: update the runbook.');
		expect(text).toContain('Zoë Martin 47');
		expect(blankPageIndexes(bytes)).toEqual([]);
		if (process.env.EVIDENCE_PACK_PNG) {
			fs.writeFileSync(`${process.env.EVIDENCE_PACK_PNG}/large.pdf`, bytes);
			fs.writeFileSync(
				`${process.env.EVIDENCE_PACK_PNG}/small.pdf`,
				await renderEvidencePack(sampleData(), ctx)
			);
			renderPagesPng(bytes, { outDir: `${process.env.EVIDENCE_PACK_PNG}/large`, lastPage: 12 });
		}
		expect(ms).toBeLessThan(10_000);
	}, 30_000);
});
