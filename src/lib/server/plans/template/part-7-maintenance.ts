import type { Section } from '../../../plans/content';

// Part 7 of the shipped IR plan template: metrics, review and audit, regulation, BC/DR.

export const maintenanceSections: Section[] = [
	{
		key: 'maintenance',
		title: 'Maintenance, audit and alignment',
		level: 1,
		body: `This plan is a controlled document. The SOC lead owns it, the CISO approves each version, and every change is made as a new version in Hotwash with a change summary, an author and a named approver. Approved versions are never edited; they are superseded by the next approved version.

### Version control

- **Minor versions** (1.1, 1.2) for changes to wording, contacts, matrix deadlines or single sections.
- **Major versions** (2.0) for a new framework, a new severity scale or a restructure of roles.
- Each version records its effective date and a next-review date no more than 12 months later.
- Sections keep their keys across versions, even when renamed or renumbered, so that scenarios, findings and corrective actions continue to point at the right section.

### Distribution

On approval, the SOC lead announces the new version to all holders of plan roles, reprints the out-of-band copies and confirms that superseded printed copies have been destroyed.

This part covers how we measure the response (7.1), how the plan is reviewed and audited (7.2), the legal and regulatory obligations it supports (7.3) and its links to business continuity and disaster recovery (7.4).`
	},
	{
		key: 'metrics',
		title: 'Metrics',
		level: 2,
		body: `We measure incident response to find out where the plan or the team needs to improve, not to rank individuals. Metrics come from incident tickets and from Hotwash exercise records, and are reported monthly to the CISO and quarterly to the executive committee.

| Metric | Definition | Target |
| --- | --- | --- |
| Mean time to detect (MTTD) | From the first malicious activity (established afterwards) to the first alert or report | Trend downwards; SEV1/SEV2 reported individually |
| Mean time to acknowledge (MTTA) | From alert or report to acknowledgement by the SOC on-call | ≤ 15 minutes |
| Time to declare | From acknowledgement to incident declaration | ≤ 30 minutes for what becomes SEV1/SEV2 |
| Time to contain | From declaration to the IC's containment decision, and to containment confirmed | Decision: SEV1 ≤ 60 min, SEV2 ≤ 240 min |
| Time to notify vs matrix | For each stakeholder, minutes from declaration (or upgrade) to notification, against the matrix deadline for that severity | 100 % within deadline; regulators always within legal deadline |
| Time to recover | From declaration to service owners' confirmation of recovery | Against recovery time objectives (section 7.4) |
| Corrective actions on time | Share of corrective actions closed by their due date | ≥ 90 % |
| Exercise ratings | HSEEP P/S/M/U per objective, by capability | No objective rated U twice in a row |

### Notes on measurement

- All times are recorded in UTC in the incident log; the scribe's timestamps are authoritative.
- For exercises, time to notify is measured from the inject that should trigger the notification to the moment the participant sends or records it.
- A notification sent late is reported with its reason; repeated misses against the same row trigger a review of that row's deadline, contacts or notifier.
- Small numbers of incidents make averages misleading. Report SEV1 and SEV2 incidents individually and use medians where there are fewer than ten data points.`
	},
	{
		key: 'review',
		title: 'Review and audit',
		level: 2,
		body: `### When the plan is reviewed

- **Annually**, at the latest by the next-review date of the version in force, even if nothing has changed.
- **After every SEV1 or SEV2 incident**, once the post-incident report is complete.
- **After every exercise**, once the AAR/IP is complete.
- **On significant change**: a new product, a new hosting provider, an acquisition, a change of regulator or of law, or a change of people in plan roles.

The review checks that roles, contacts, the severity scale, the matrix deadlines and the runbooks still match reality, and that every open finding affecting the plan has been addressed or accepted. The outcome is either a new version or a recorded confirmation that the current version remains valid, with a new next-review date.

### Audit evidence

Hotwash keeps, for auditors (read-only access):

- every plan version with author, approver, approval time, effective date and change summary;
- exercise records: dates, participants, objectives, HSEEP ratings, the plan version tested;
- corrective actions with owners, due dates, status and verification;
- a section-by-section comparison between any two versions.

### Control mapping

| Framework | Requirement | How this plan meets it |
| --- | --- | --- |
| ISO/IEC 27001:2022 | A.5.24 planning and preparation; A.5.25 assessment and decision; A.5.26 response; A.5.27 learning from incidents; A.5.28 collection of evidence | Parts 1–2; section 2.2; part 5; part 6; section 5.6 |
| SOC 2 | CC7.3 evaluate security events; CC7.4 respond to incidents; CC7.5 recover from incidents | Sections 2.2 and 5.2; sections 5.3–5.4 and part 3; section 5.5 and part 6 |
| PCI DSS v4.0 | 12.10.1 plan exists and covers required elements; 12.10.2 reviewed and tested at least every 12 months; 12.10.6 modified from lessons learned and industry developments | Whole plan; this section and part 4; part 6 |
| HIPAA | 45 CFR 164.308(a)(6) security incident procedures; 164.308(a)(7)(ii)(D) testing and revision procedures | Parts 2 and 5; part 4 and this section |
| DORA | Art. 11 response and recovery plans, tested at least yearly; Art. 13 learning and evolving | Parts 4, 5 and 7.4; part 6 |
| NIS2 | Art. 21(2)(b) incident handling; Art. 21(2)(c) business continuity and crisis management | Parts 2, 3 and 5; section 7.4 |

### Internal audit

Internal audit reviews this plan and its evidence at least every two years, and samples incidents to check that notifications met the matrix. Findings are tracked as corrective actions.`
	},
	{
		key: 'legal-regulatory',
		title: 'Legal and regulatory alignment',
		level: 2,
		body: `Northwind Payments is a payments service provider authorised in the UK and operating in the EU. This plan supports our obligations under the following regimes. General Counsel keeps this list current and confirms it at every annual review.

| Regime | Why it applies to us | What it requires of incident response |
| --- | --- | --- |
| UK GDPR and EU GDPR | We process personal data of merchants' customers and our staff | Breach record; notify the ICO (and EU lead authority where relevant) within 72 hours of awareness if there is a risk; tell individuals without undue delay if the risk is high |
| NIS2 (as transposed in Ireland and Portugal) | Our Irish services entity is registered as an important entity for ICT service management; for the DORA-regulated entity, DORA applies as sector-specific law and takes precedence | Incident handling capability; early warning within 24 hours, notification within 72 hours and final report within 1 month for significant incidents |
| DORA | Our EU entity is a financial entity under Regulation (EU) 2022/2554 | ICT incident management process; classification of major ICT-related incidents; initial, intermediate and final reports; tested response and recovery plans |
| PCI DSS v4.0 | We store, process and transmit cardholder data | A tested incident response plan (12.10); immediate notification of the acquirer and card brands on suspected compromise; cooperation with a PFI |
| HIPAA | Some US healthcare merchants require a business associate agreement | Security incident procedures; breach notification to the covered entity under the agreement |
| Contracts | Merchant, banking and supplier agreements | Contractual notification deadlines, often shorter than the legal ones |

### Working principles

- Where several regimes apply to one incident, each deadline is tracked separately in the incident ticket; meeting one does not satisfy another.
- Where the regimes overlap (for example a major ICT-related incident under DORA that is also a personal data breach), the communications lead prepares one consistent set of facts and adapts it to each authority's form.
- Legal advice on notification, ransom, sanctions and law enforcement is sought through General Counsel, so that privilege is preserved where possible.
- Ransom payments are never made without the CEO's decision on General Counsel's advice, a sanctions check and notification of law enforcement.

### Changes in law

General Counsel tells the SOC lead of any change in law or regulatory guidance that affects deadlines, thresholds or reporting forms. The SOC lead updates the matrix and this section in the next plan version.`
	},
	{
		key: 'bc-dr',
		title: 'Business continuity and disaster recovery links',
		level: 2,
		body: `Incident response, business continuity (BC) and disaster recovery (DR) are separate plans that must work together. A ransomware attack or a cloud region failure can start as a security incident and become a continuity event within hours.

### Related plans

| Plan | Owner | Relationship |
| --- | --- | --- |
| Business continuity plan | Chief Operating Officer | Keeps critical business processes running during disruption; invoked by the executive sponsor |
| IT disaster recovery plan | Head of IT operations | Restores technology services to the recovery time and point objectives |
| Crisis management plan | CEO | Executive decision-making for events that threaten the company as a whole |
| Business impact analysis | Chief Operating Officer | Sets recovery order, recovery time objectives (RTO) and recovery point objectives (RPO) |

### Invocation

- The IC recommends invoking the BC or DR plan when an incident is expected to exceed the RTO of a critical service, or when primary systems cannot be trusted and must be abandoned.
- The executive sponsor decides on invocation. For SEV1 incidents the CEO may convene the crisis management team; the IC then reports to the crisis team and continues to run the technical response.
- DR invocation during a security incident needs the IC's agreement, because failing over to a secondary environment can spread the compromise or destroy evidence. Secondary environments and backups are checked for indicators before use.

### Key recovery objectives

| Service | RTO | RPO |
| --- | --- | --- |
| Card acquiring gateway and merchant API | 4 hours | 5 minutes |
| Payout engine and settlement | 8 hours | 15 minutes |
| Merchant dashboard | 24 hours | 1 hour |
| Corporate email and collaboration | 24 hours | 24 hours |

These objectives are owned by the business impact analysis; the values here are copied for convenience and must be checked against it at each review.

### Testing together

At least one exercise a year combines this plan with the DR plan, for example a ransomware scenario that requires restore from immutable backups. DORA Art. 11 and NIS2 Art. 21(2)(c) expect response and recovery to be tested as a whole.`
	}
];
