import type { Section } from '../../../plans/content';

// Part 1 of the shipped IR plan template: goals, scope, roles and tools.

export const scopeSections: Section[] = [
	{
		key: 'scope',
		title: 'Goals and scope',
		level: 1,
		body: `This plan tells Northwind Payments staff what to do, who decides and who must be told when a security incident happens. It applies from the moment anyone suspects an incident until the lessons learned have been written back into this plan.

An **incident** is any event that actually or potentially compromises the confidentiality, integrity or availability of our information, systems or payment services, or that breaches our security policies. A suspicion is enough to start the process: the SOC on-call analyst triages every report and either closes it with a recorded reason or declares an incident and assigns a severity (section 2.2).

This plan is owned by the SOC lead, approved by the CISO and reviewed at least once every 12 months, after every SEV1 or SEV2 incident and after every exercise (section 7.2). The version in force is the latest approved version in Hotwash; printed copies are for out-of-band use only and must show their version number.

Where this plan conflicts with a team runbook, this plan wins and the runbook is corrected. Where it conflicts with the law or a regulator's instruction, the law wins and General Counsel records the deviation.`
	},
	{
		key: 'purpose',
		title: 'Purpose and objectives',
		level: 2,
		body: `The purpose of this plan is to limit the harm an incident does to our customers, cardholders, staff and the business, and to meet our legal and contractual duties while doing so.

### Objectives

1. **Detect and confirm quickly.** Every alert or report is acknowledged by the SOC on-call within 15 minutes, around the clock.
2. **Decide clearly.** Every declared incident has one named incident commander (IC) who owns decisions until the incident is closed or handed over in writing.
3. **Contain before it spreads.** A containment decision is taken within 1 hour for SEV1 and 4 hours for SEV2.
4. **Tell the right people in time.** Internal, regulatory, contractual and customer notifications are sent within the times set in the communication matrix, with the approvals it requires.
5. **Preserve evidence.** Evidence is collected and handled so that it can support a regulator's inquiry, an insurance claim or a prosecution (section 5.6).
6. **Restore safely.** Services are restored from known-good state and monitored for recurrence before the incident is closed.
7. **Learn.** Every incident and exercise produces findings, and every finding either changes this plan, a runbook or a control, or is accepted with a recorded reason.

### How we measure success

| Objective | Measure | Target |
| --- | --- | --- |
| Detect and confirm | Mean time to acknowledge (MTTA) | ≤ 15 min |
| Contain | Time from declaration to containment decision | SEV1 ≤ 60 min, SEV2 ≤ 240 min |
| Notify | Notifications sent within the matrix deadline | 100 % |
| Learn | Corrective actions closed by their due date | ≥ 90 % |

Section 7.1 explains how these figures are collected and reported.`
	},
	{
		key: 'coverage',
		title: 'Coverage: incident types, systems and locations',
		level: 2,
		body: `### Incident types in scope

- Malware and ransomware, including extortion without encryption
- Unauthorised access to accounts, systems or data, including compromised credentials and session hijacking
- Data breaches affecting personal data, cardholder data or confidential business data
- Denial-of-service attacks against customer-facing services or APIs
- Payment fraud enabled by a security compromise (for example a tampered payout file or API key abuse)
- Insider misuse, whether malicious or negligent
- Compromise of a supplier, cloud provider or software dependency that affects our services
- Business email compromise and targeted phishing
- Loss or theft of devices or media holding company data
- Security-relevant outages of ICT services, which may also be a major ICT-related incident under DORA

### Systems in scope

- The payments platform: card acquiring gateway, merchant API, payout engine and the cardholder data environment (CDE)
- Production and staging cloud accounts, container platforms and CI/CD pipelines
- Corporate identity (single sign-on, privileged access management), email and collaboration tools
- Endpoints issued to staff and contractors, including mobile devices enrolled in device management
- Third-party services that process our data under a contract

### Locations

All offices (London head office, Dublin and Lisbon), staff working remotely, and every cloud region in which we host data or services.

### Legal entities

Which authority we tell depends on which entity's services or processing the incident affects. The entity names below are used throughout this plan and in the communication matrix.

| Entity | Office | What it does | Authorities for incidents |
| --- | --- | --- | --- |
| Northwind Payments Ltd | London (head office) | Payment institution authorised by the FCA, serving UK merchants; group functions (SOC, IT operations, legal, compliance) | ICO (UK GDPR); FCA (Payment Services Regulations 2017) |
| Northwind Payments (Ireland) Ltd | Dublin | Payment institution authorised by the Central Bank of Ireland, serving EU merchants; the group's main establishment in the EU for personal data | Data Protection Commission (lead supervisory authority for its cross-border processing); Central Bank of Ireland (DORA) |
| Lisbon office | Lisbon | Branch of Northwind Payments (Ireland) Ltd: merchant onboarding and customer support for Portuguese and Spanish merchants | CNPD for processing carried out only in Lisbon and affecting only people in Portugal (for example Lisbon staff records); anything cross-border goes to the DPC |
| Northwind Technology Services (Ireland) Ltd | Dublin | Managed ICT services (hosting operations, service desk, security monitoring) for group companies and external fintech clients | NCSC Ireland (NIS2 important entity, ICT service management) |

All entities handle cardholder data under one PCI DSS assessment and report suspected compromise to the card acquirer.

### Out of scope

- Pure IT outages with no security cause; these follow the IT major-incident process, which hands over to this plan as soon as a security cause is suspected.
- Physical safety emergencies (fire, evacuation, medical); these follow the health and safety plan.
- Customer disputes and chargebacks with no security element; these follow the fraud operations procedure.
- Incidents entirely inside a customer's own environment, unless our services or data are affected.

When in doubt, treat it as in scope and let the SOC on-call decide.`
	},
	{
		key: 'roles',
		title: 'Roles and responsibilities',
		level: 2,
		body: `Roles are assigned per incident. One person may hold several roles in a small incident, but the incident commander and the scribe should be different people for SEV1 and SEV2. The IC records every role assignment and handover in the incident log.

| Role | Who | Responsibilities |
| --- | --- | --- |
| Incident commander (IC) | On-call SOC lead or security manager; CISO for SEV1 if available | Owns the incident end to end; sets objectives and priorities; approves containment actions; confirms severity; runs the bridge; owns internal notifications; decides when to close |
| Deputy incident commander | Second SOC lead on the rota | Takes over if the IC is unavailable or after a handover; runs parallel workstreams; keeps the IC's task list |
| SOC analyst | SOC on-call and assigned analysts | Triage, investigation, scoping, evidence collection, containment actions under the IC's direction, status updates to the IC |
| Scribe | Assigned SOC analyst or PMO staff | Keeps the timestamped incident log: decisions, actions, owners, clock start times (awareness, classification, determinations), notifications and who approved them |
| Communications lead | Head of Communications or delegate | Drafts and sends messages to staff, customers, individuals and the media per the communication matrix; obtains approvals; keeps the notifications log; single voice to the media. Does not send regulatory filings |
| Compliance lead | Head of Regulatory Compliance or delegate | Owns regulatory filings other than data protection: DORA reports to the Central Bank of Ireland, NIS2 reports to NCSC Ireland, major incident reports to the FCA and, where it applies, the SEC Form 8-K; tracks every regulatory clock in the incident ticket |
| Data protection officer (DPO) | DPO | Assesses personal data impact and risk to individuals; decides with General Counsel whether the ICO, the DPC or the CNPD and the individuals must be told; files those reports and the HIPAA notice to covered entities; approves notices to individuals; owns the breach register |
| PCI lead | PCI DSS compliance manager | Assesses cardholder data impact with the SOC; notifies the card acquirer (and through it the card brands); keeps the QSA informed; arranges a PCI forensic investigator when required |
| Legal counsel | General Counsel's legal team or the panel law firm | Advises on legal privilege, notification duties, law enforcement contact, ransom and sanctions questions; sends the crime report and the insurer notice |
| General Counsel | General Counsel; the panel law firm's breach partner as deputy | Decides with the DPO whether a notification is legally required; approves the regulatory, law enforcement and supplier messages the matrix assigns; sets legal holds |
| IT operations | Platform, network and workplace engineering on-call | Executes containment and recovery changes; restores from backups; provides logs and system access; opens support cases with the cloud provider and affected suppliers |
| Payments operations lead | Head of Payments Operations and Treasury | Holds or releases payment runs and payout batches; asks partner banks to recall payments and freeze accounts; reconciles transactions after the incident |
| HR lead | HR director | Involved from the start when an employee or contractor is suspected or directly affected; handles the employment side with General Counsel |
| Executive sponsor | CISO for SEV2; CEO for SEV1 | Authorises business-impacting decisions (taking services offline, ransom position, public statements); briefs the board; releases budget |
| CISO | Chief Information Security Officer; Head of Security Operations as deputy | Approves this plan; executive sponsor at SEV2; briefs the CEO and executive committee; approves the insurer notice and the QSA update |
| CEO | Chief Executive Officer; Chief Operating Officer as deputy | Executive sponsor at SEV1; approves messages to customers and the media and the DORA, FCA and SEC filings; takes ransomware extortion decisions (section 5.7) |

### Authority

- The IC may isolate any system, disable any account and revoke any credential without further approval, and must inform the system owner as soon as practicable.
- Taking a customer-facing payment service offline needs the executive sponsor's approval, except where the IC judges that waiting would cause greater harm; the IC records that judgement.
- External messages are sent only by the notifier named in the communication matrix, and only with the approval set there: the communications lead for customers, individuals and the media; the compliance lead, the DPO or the PCI lead for regulatory filings.

### Handover

A handover between ICs happens on the bridge, is recorded by the scribe and covers current severity, open actions, pending notifications and the next update time. For incidents running longer than 12 hours the IC plans shifts so that nobody works more than 12 hours in 24.`
	},
	{
		key: 'tools',
		title: 'Tools and resources',
		level: 2,
		body: `### Detection and investigation

- **SIEM** for log search, correlation and alerting; retention of at least 12 months, 3 months hot
- **EDR** on all endpoints and servers, with remote isolation and live response
- **Cloud security posture and audit logs** for every production account, forwarded to the SIEM
- **Forensic workstation** in the SOC with write blockers, imaging tools and offline malware analysis
- **Threat intelligence platform** with feeds from the national CSIRT, the FS-ISAC and our card schemes

### Coordination

- **Incident ticket** in the case management system: one per incident, linked to alerts, evidence and corrective actions
- **Incident bridge**: a standing video conference room and a dial-in number kept in the out-of-band pack
- **Incident chat channel**, created per incident and named after the incident id
- **Hotwash**, for the approved plan, the communication matrix and exercise records

### Out-of-band kit

When email, chat or identity may be compromised, use the out-of-band arrangements in section 3.3: a pre-provisioned Signal group for the core team, a printed phone tree, a conference bridge on a separate provider, and sealed break-glass credentials held by the CISO and the head of IT operations.

### Reference material

- Printed copy of this plan and the communication matrix in the SOC and in the CISO's and General Counsel's offices, reprinted on every approved version
- Asset inventory and data-flow diagrams for the CDE
- Network diagrams and cloud account map
- Contact sheets for the external retainers below

### Retainers and external support

| Service | Provider | How to engage |
| --- | --- | --- |
| Incident response and forensics | Retained DFIR firm (48 hours of prepaid effort) | Hotline in the out-of-band pack; IC or CISO may call |
| External legal counsel | Panel law firm with breach expertise | General Counsel engages to preserve privilege |
| PCI forensic investigator (PFI) | Engaged only when the acquirer or a card brand requires it | General Counsel, after acquirer contact |
| Crisis communications | Retained PR agency | Communications lead, with CEO approval |
| Cyber insurance | Cyber-insurance carrier's breach response hotline; policy number in the out-of-band pack | Legal counsel notifies the carrier before any paid third party is engaged; the policy may require the carrier's panel firms |
| PCI DSS assessment | Our qualified security assessor (QSA) firm | PCI lead keeps the QSA informed when cardholder data may be involved |

The SOC lead checks every quarter that licences, retainers, contact details and the out-of-band kit are current, and records the check in Hotwash.`
	}
];
