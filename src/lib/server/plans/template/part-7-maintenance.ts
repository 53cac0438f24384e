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
| Time to notify vs matrix | For each required row and stage, time from the stage's anchor (awareness, declaration or upgrade, classification, determination) to the message sent, against its deadline | 100 % within deadline; regulators always within legal deadline |
| Time to recover | From declaration to service owners' confirmation of recovery | Against recovery time objectives (section 7.4) |
| Corrective actions on time | Share of corrective actions closed by their due date | ≥ 90 % |
| Exercise ratings | HSEEP P/S/M/U per objective, by capability | No objective rated U twice in a row |

### Notes on measurement

- All times are recorded in UTC in the incident log; the scribe's timestamps are authoritative.
- For exercises, time to notify is measured from the scenario time of the stage's anchor (for example the inject at which the team became aware) to the moment the participant sends or records the notification.
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
		body: `Northwind Payments is a group of payment services providers authorised in the UK and in Ireland, with an office in Lisbon and a managed ICT services company in Dublin (legal entities: section 1.2). This plan supports the group's obligations under the following regimes. General Counsel keeps this list current and confirms it at every annual review.

| Regime | Entity and authority | Why it applies to us | What it requires of incident response | Matrix rows |
| --- | --- | --- | --- | --- |
| UK GDPR | Northwind Payments Ltd; Information Commissioner's Office | We process personal data of UK merchants, their customers and our staff | Breach register; report to the ICO within 72 hours of awareness unless the breach is unlikely to result in a risk; tell individuals without undue delay if the risk is high | \`ico\`, \`data-subjects\` |
| EU GDPR | Northwind Payments (Ireland) Ltd, main establishment in Dublin; Data Protection Commission as lead supervisory authority; CNPD for processing carried out only in the Lisbon office | We process personal data of EU merchants, their customers and our Irish and Portuguese staff. Since the UK left the EU, the ICO is not a supervisory authority under the EU GDPR | The same duties, towards the DPC (one-stop-shop for cross-border processing) or the CNPD (local processing in Lisbon) | \`irish-dpc\`, \`portuguese-cnpd\`, \`data-subjects\` |
| NIS2 (as transposed in Ireland) | Northwind Technology Services (Ireland) Ltd; NCSC Ireland | The Irish services entity is registered as an important entity for ICT service management (business to business). For the payment institution, DORA applies as sector-specific law and takes precedence | Incident handling capability; early warning within 24 hours, notification within 72 hours and final report within 1 month for significant incidents; tell recipients of our services without undue delay | \`nis2-csirt\` |
| DORA | Northwind Payments (Ireland) Ltd; Central Bank of Ireland | The Irish payment institution is a financial entity under Regulation (EU) 2022/2554 | ICT incident management process; classification of major ICT-related incidents (clients and counterparts affected, reputational impact, duration and downtime, geographical spread, data losses, critical services affected, economic impact); initial, intermediate and final reports; tell affected clients; tested response and recovery plans | \`dora-regulator\` |
| Payment Services Regulations 2017 | Northwind Payments Ltd; Financial Conduct Authority | The UK entity is an authorised payment institution | Report major operational or security incidents to the FCA (reg. 99); tell payment service users whose financial interests are affected | \`uk-fca\` |
| PCI DSS v4.0 | All entities; card acquirer and card brands | We store, process and transmit cardholder data | A tested incident response plan (12.10); immediate notification of the acquirer and card brands on suspected compromise; cooperation with a PFI; our QSA kept informed | \`card-acquirer\`, \`qsa\` |
| HIPAA | The group entity that signed the business associate agreement; the covered entity | Some US healthcare merchants require a business associate agreement | Security incident procedures; breach notice to the covered entity without unreasonable delay and within 60 days of discovery, or sooner under the agreement | \`hipaa-covered-entities\` |
| SEC Form 8-K Item 1.05 (optional) | Only if Northwind or its parent becomes an SEC registrant | Listed companies disclose material cybersecurity incidents | Determine materiality without unreasonable delay; file within 4 business days of the determination | \`sec-8k\` |
| Contracts | Merchant, banking and supplier agreements | Our contracts | Contractual notification deadlines, often shorter than the legal ones | \`customers\`, \`partner-banks\`, \`affected-suppliers\` |

### Working principles

- Where several regimes apply to one incident, each deadline is tracked separately in the incident ticket; meeting one does not satisfy another.
- Where the regimes overlap (for example a major ICT-related incident under DORA that is also a personal data breach), the compliance lead and the DPO prepare one consistent set of facts and adapt it to each authority's form; the communications lead uses the same facts for customers and the media.
- Legal advice on notification, ransom, sanctions and law enforcement is sought through General Counsel, so that privilege is preserved where possible.
- Ransom payments are never made without the CEO's decision on General Counsel's advice, a sanctions check and notification of law enforcement (section 5.7).

### Changes in law

General Counsel tells the SOC lead of any change in law or regulatory guidance that affects deadlines, thresholds or reporting forms. The SOC lead updates the matrix and this section in the next plan version. Known changes ahead: the FCA's operational incident reporting rules (PS26/2) replace the current payment services incident reporting from 18 March 2027 and change when the clock starts; the \`uk-fca\` row must be reviewed before then.`
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
