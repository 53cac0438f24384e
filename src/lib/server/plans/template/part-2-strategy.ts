import type { Section } from '../../../plans/content';

// Part 2 of the shipped IR plan template: framework, classification, escalation, records.

export const strategySections: Section[] = [
	{
		key: 'response-strategy',
		title: 'Response strategy',
		level: 1,
		body: `Our strategy is to declare early, classify honestly and escalate by rule rather than by instinct. An incident declared too early costs an hour of a few people's time; an incident declared too late can cost a regulatory deadline, a card scheme fine or a customer's trust.

Four principles guide every response:

1. **Safety of customer funds and data first.** When containment and availability conflict, the IC protects customer funds and data first and then restores service.
2. **One commander, one log.** Decisions are made by the IC and recorded by the scribe. Parallel decision-making in side channels is not allowed.
3. **Severity drives the clock.** The severity level decides who is told and how fast, using the communication matrix. Severity is reviewed at every status update and changed as soon as the facts change.
4. **Assume it will be read later.** Everything written during an incident may be read by a regulator, an auditor, an insurer or a court. Write facts, times and decisions; keep speculation labelled as such.

This part sets out the framework we follow (2.1), how incidents are classified (2.2), how and when we escalate (2.3) and how we document the response (2.4).`
	},
	{
		key: 'framework',
		title: 'Incident response framework',
		level: 2,
		body: `This plan follows NIST SP 800-61 Revision 3, which organises incident response around the NIST Cybersecurity Framework (CSF) 2.0 functions. Staff trained on the SANS PICERL model will find the same phases; the table below maps them to the sections of this plan.

| CSF 2.0 function | What it means for incident response | SANS PICERL phase | Section of this plan |
| --- | --- | --- | --- |
| Govern (GV) | Roles, policy, risk appetite and oversight of the IR capability | Preparation | 1.3, 7 |
| Identify (ID) | Asset inventory, risk assessment and improvement from lessons learned | Preparation; Lessons learned | 1.2, 6 |
| Protect (PR) | Safeguards and readiness: training, access control, backups | Preparation | 4, 5.1 |
| Detect (DE) | Continuous monitoring and adverse event analysis | Identification | 5.2 |
| Respond (RS) | Incident management, analysis, reporting, communication, mitigation | Containment; Eradication | 2.3, 3, 5.3, 5.4 |
| Recover (RC) | Restoring assets and operations, communicating recovery | Recovery | 5.5, 7.4 |

### Why this framework

- NIST SP 800-61r3 is the reference most auditors and regulators expect, and it links directly to CSF 2.0, which we already use for our control framework.
- The Govern and Identify functions make explicit that incident response starts before the incident and does not end at recovery: lessons learned feed risk assessment and this plan.
- The PICERL phases remain the working vocabulary on the bridge, because they describe the order in which the team acts during an incident.

### Phases are not strictly sequential

In practice detection, containment and eradication overlap. New findings during eradication can send the team back to analysis, and a new affected system discovered during recovery means scoping again. The IC states at each status update which phase each workstream is in.`
	},
	{
		key: 'classification',
		title: 'Classification and prioritisation',
		level: 2,
		body: `Every declared incident receives a **category** (what kind of incident it is) and a **severity** (how bad it is). The severity scale (SEV1 Critical to SEV4 Low) is defined in the severity table of this plan version and drives the communication matrix.

### How to classify

1. The SOC analyst who declares the incident proposes a severity within 15 minutes of declaration, using the criteria in the severity table.
2. Score each of the six dimensions separately: **data affected**, **service impact**, **financial loss or fraud**, **reputational impact**, **regulatory exposure** and **spread**. The incident takes the **highest** level reached by any dimension.
3. If a dimension is unknown, assume the higher plausible level until evidence shows otherwise. "We do not yet know whether cardholder data was accessed" is classified as if it was.
4. The IC confirms or changes the severity when taking command and records the reason in the incident log.

### Categories

Use one primary category: malware/ransomware, unauthorised access, data breach, denial of service, insider misuse, supplier compromise, business email compromise, lost or stolen device, or other (describe). Secondary categories may be added as the picture develops.

### Prioritisation

When several incidents run at once, the IC with the highest-severity incident has first call on people. Within the same severity, priority goes to:

1. incidents with a running regulatory or contractual clock;
2. incidents affecting cardholder data or customer funds;
3. incidents still spreading;
4. everything else, oldest first.

### Re-classification

- Severity is reviewed at every status update and whenever new facts arrive.
- **Upgrading** takes effect immediately. Matrix deadlines counted from the declaration count from the moment of upgrade for the rows the new level adds; anyone already told is updated. Deadlines counted from awareness, classification or a determination do not move.
- **Downgrading** needs the IC's decision with a recorded reason. Notifications already sent are not withdrawn; recipients receive an update explaining the change.
- A regulatory clock that has started (for example the GDPR 72 hours from awareness) keeps running even if the incident is downgraded, until the DPO and General Counsel record that notification is not required.`
	},
	{
		key: 'escalation',
		title: 'Notification and escalation',
		level: 2,
		body: `### Who decides

- The **SOC on-call analyst** decides whether to declare an incident and proposes the severity.
- The **incident commander** confirms the severity and owns every internal notification in the communication matrix.
- The **notifier named in the matrix row** sends each external notification, after the approval listed there: the communications lead for customers, individuals and the media; the DPO for the data protection authorities (ICO, DPC, CNPD) and HIPAA covered entities; the compliance lead for DORA, NIS2, FCA and SEC filings; the PCI lead for the card acquirer and the QSA; Legal counsel for the police and the insurer; IT operations for the cloud provider and affected suppliers; the payments operations lead for partner banks. The IC never sends an external message personally.
- **General Counsel and the DPO** decide whether a regulatory notification is legally required. If they cannot agree within the deadline, the notification is sent.

### When a row applies and when its clock starts

The communication matrix in this plan version is the single source of notification duties and deadlines.

- **Applies when.** Each row lists the incident facts that make it required, such as *personal data affected*, *cardholder data affected*, *DORA major ICT-related incident* or *cloud provider implicated*. The row is required as soon as any one of them holds, even if only suspected. A row without facts applies to every incident at a severity where it is notified. The IC confirms the facts at every status update and the scribe records when each one became known.
- **Severity.** For every level the row says whether the stakeholder is told. Legal and contractual rows are notified at SEV1 and SEV2, because any incident likely to require a notification under the law is at least SEV2 (section 2.2).
- **Stages.** A row holds one message or staged reports (NIS2: early warning, incident notification, final report). Each stage has a deadline, and a stage may have two: the DORA initial notification is due 4 hours after classification and at most 24 hours after awareness, whichever comes first.
- **Anchors.** Each deadline counts from a named moment: **awareness** (when we became reasonably certain that an incident affecting the row's subject happened: the GDPR, NIS2, card scheme, FCA and HIPAA clocks), **declaration** (when the incident was declared or upgraded at that severity: internal rows, customers, the media), **classification** (when the incident was classified as major under DORA), or a **determination** the stage names (the DPO's finding of high risk to individuals, materiality for an SEC filing, business back to normal for the FCA final report). The scribe records each of these times; when in doubt, record the earlier time.

Regulatory deadlines in the matrix are the legal maximums; aim to notify earlier where the facts allow. Where the law counts from a report we sent (DORA intermediate and final reports, the NIS2 final report, the FCA intermediate report), this plan counts from an earlier moment, so that a deadline met under the plan is always met under the law. When a deadline will be missed, the IC tells the approver immediately and the scribe records the reason. Under DORA the competent authority must be told of a delay before the deadline passes; under GDPR a late report states the reasons for the delay.

### Escalation triggers

Escalate to the next level of the matrix immediately, without waiting for the next status update, when any of the following happens:

- evidence or strong suspicion that personal data or cardholder data has left our control;
- a payment or payout service is unavailable or degraded for more than 30 minutes;
- ransomware encryption, an extortion demand or a leak-site listing;
- compromise of a privileged account, the identity provider or the CI/CD pipeline;
- spread to a second business unit, cloud account or office;
- media, social media or a customer asks about the incident;
- a regulator, card scheme or law enforcement body contacts us about it;
- the IC believes the team cannot contain the incident with the resources available.

### If someone cannot be reached

Try the primary contact, then the second contact, then the out-of-band method in the matrix. After 15 minutes without an answer at SEV1 (30 minutes at SEV2), escalate to that person's deputy or line manager and record the attempt. A missed contact never blocks a regulatory notification.

### Status updates

The IC sets the update cadence when declaring: every 60 minutes at SEV1, every 4 hours at SEV2 and daily at SEV3. Each update states severity, phase, impact, actions since the last update, decisions needed and the time of the next update.`
	},
	{
		key: 'documentation',
		title: 'Documentation and reporting standards',
		level: 2,
		body: `### The incident log

The scribe opens the incident log in the incident ticket at declaration. Every entry has a UTC timestamp, the author and one of these types: **observation**, **decision**, **action**, **notification** or **handover**. Decisions record who decided, the options considered and the reason. Notifications record recipient, channel, time sent, approver and the message text or a link to it.

Write plainly:

- facts with their source ("EDR shows powershell.exe on PAY-WEB-03 at 09:14 UTC");
- hypotheses labelled as such ("Hypothesis: initial access via the VPN appliance");
- no blame, no jokes, no speculation about individuals' motives.

### Where records live

| Record | Location | Retention |
| --- | --- | --- |
| Incident ticket and log | Case management system | 6 years |
| Evidence and chain-of-custody forms | Evidence store (section 5.6) | 6 years or longer if legal hold applies |
| Notifications log and approvals | Incident ticket | 6 years |
| GDPR breach record | DPO's breach register | 6 years |
| Post-incident report | Hotwash, linked to the incident | 6 years |

Retention of 6 years satisfies the longest of our obligations (HIPAA documentation for US healthcare merchants, PCI DSS evidence for assessment, limitation periods for claims). Legal hold, when set by General Counsel, overrides deletion.

### Reports

- **Status update** at the cadence set by the IC (section 2.3), using the update template in the matrix.
- **Executive summary** within 24 hours of declaration for SEV1 and SEV2: what happened, impact, current status, decisions needed, next steps.
- **Post-incident report** within 10 working days of closure for SEV1 and SEV2 and within 20 working days for SEV3: timeline, root cause, impact, what worked, what did not, corrective actions (section 6).
- **Regulatory reports** in the format the authority prescribes, prepared by the notifier the matrix names (the compliance lead, the DPO or the PCI lead) and approved as the matrix requires.

### Privilege

Where General Counsel asks, investigation reports are prepared at counsel's direction and marked accordingly. Do not add opinions on legal liability to the incident log.`
	}
];
