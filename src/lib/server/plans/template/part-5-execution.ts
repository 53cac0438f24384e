import type { Section } from '../../../plans/content';
import { ransomwareSection } from './part-5-ransomware';
import { recoverySections } from './part-5-recovery';

// Part 5 of the shipped IR plan template: preparation, detection and analysis, containment.
// Eradication, recovery and evidence handling live in part-5-recovery.ts, the ransomware
// decision process in part-5-ransomware.ts.

const responseSections: Section[] = [
	{
		key: 'execution',
		title: 'Detection, analysis, containment, eradication and recovery',
		level: 1,
		body: `This part describes how the response team works an incident from the first signal to restored service. It is written as a sequence, but phases overlap: the IC may order containment while analysis continues, and new evidence can send the team back to scoping at any point.

### The first hour of a SEV1 or SEV2

| Minutes after declaration | What must have happened | Owner |
| --- | --- | --- |
| 0–15 | Incident declared, ticket and chat channel open, IC named and on the bridge, severity proposed | SOC on-call |
| 15 | IC confirms severity; scribe assigned; SOC lead and IC notified per the matrix | IC |
| 30 | CISO briefed; first scoping questions answered (what, where, since when, still active?) | IC |
| 60 | Containment decision taken and recorded; executives briefed per the matrix; holding statement drafted; DPO engaged if personal data may be involved | IC, communications lead |

### Runbooks

Scenario runbooks (ransomware, cardholder data compromise, business email compromise, cloud account compromise, DDoS, insider misuse, lost device) give the technical steps. This plan sets who decides and when; runbooks set how. Runbooks are stored with the SOC procedures and reviewed with this plan.

### Working rules

- Act on the IC's instructions only. Anyone who sees a need for an action raises it on the bridge.
- Preserve evidence before changing a system, unless waiting would clearly cause greater harm (section 5.6).
- Every change to a production system during an incident is made by IT operations or the SOC, logged with who, what and when, and linked to the incident ticket as an emergency change.`
	},
	{
		key: 'preparation',
		title: 'Preparation',
		level: 2,
		body: `Preparation is what we do before an incident so that the response is fast when it comes.

### People

- A 24/7 SOC on-call rota with a named primary and secondary analyst and a SOC lead as IC on-call, published a month ahead.
- Deputies named for every plan role in section 1.3, with current contact details in the communication matrix.
- Training and exercises as set out in part 4.

### Technology

- Logs from every system in scope (section 1.2) reach the SIEM, with clocks synchronised to UTC through NTP.
- EDR deployed on all endpoints and servers; coverage gaps are reported weekly and resolved within 10 working days.
- Backups of critical systems are immutable or offline, encrypted and tested by a restore at least quarterly; one copy is held in a separate cloud account that production credentials cannot reach.
- Privileged access goes through the privileged access management system; break-glass accounts are sealed and alert on use.
- Network and cloud segmentation allows the CDE and the payout engine to be isolated without taking down the rest of the platform.

### Information

- An up-to-date asset inventory, with owner and data classification for each system.
- Data-flow diagrams for personal data and cardholder data, so that the DPO can judge impact quickly.
- A list of contractual notification clauses for our largest merchants and suppliers, maintained by Legal.
- Baselines of normal behaviour for key systems, so that analysts can tell the unusual from the routine.

### Readiness checks

The SOC lead runs a quarterly readiness check and records the result in Hotwash:

1. Contact details in the matrix tested by a call or message to each primary contact.
2. Out-of-band kit present and current (section 3.3).
3. Retainers active and hotline numbers correct.
4. Forensic workstation, licences and evidence storage available.
5. Last backup restore test passed.

Gaps found in a readiness check are tracked as corrective actions like any exercise finding.`
	},
	{
		key: 'detection-analysis',
		title: 'Detection and analysis',
		level: 2,
		body: `### Sources of detection

Alerts from the SIEM, EDR and cloud security tooling; reports from staff through the security mailbox or the service desk; notifications from customers, card schemes, the national CSIRT, suppliers or law enforcement; threat intelligence matches; and fraud signals from the payments risk team.

### Triage

1. The SOC on-call acknowledges every alert or report within 15 minutes and opens a ticket.
2. The analyst checks whether the activity is expected, a known false positive or genuinely suspicious, and records the reasoning.
3. If suspicious, the analyst gathers enough to answer: **what** is happening, on **which** systems and accounts, since **when**, and whether it is **still active**.
4. If any criterion in the severity table is met, or the analyst is unsure, they declare an incident, propose a severity and call the IC on-call. Declaring is never wrong; failing to declare is.

### Analysis

The goal of analysis is to understand scope and impact well enough to contain and to notify.

- **Scope**: all affected hosts, accounts, data stores, cloud resources and third parties. Search the SIEM and EDR for every indicator across the whole estate, not just the first system.
- **Timeline**: first known malicious activity, initial access vector, lateral movement, data access and exfiltration. Build it in the incident ticket as evidence arrives.
- **Data impact**: which categories of data were accessible, accessed or taken, with the DPO for personal data and the PCI lead for cardholder data.
- **Attribution and intent**: useful only where it changes the response (for example a known ransomware group's usual exfiltration pattern); never delay containment for it.

### Indicators and intelligence

Record indicators of compromise in the threat intelligence platform, tagged with the incident id. Share with the national CSIRT and FS-ISAC only with the IC's approval and after Legal has confirmed nothing confidential is included.

### When to call for help

The IC engages the retained DFIR firm when the incident is SEV1, when internal skills do not cover the technology involved, or when independent evidence may be needed for a regulator, insurer or court. Tell the insurer first (section 3.2).`
	},
	{
		key: 'containment',
		title: 'Containment',
		level: 2,
		body: `Containment stops the incident from getting worse while we prepare to remove the threat. It is the decision where speed matters most and where the biggest business trade-offs are made.

### Who decides

- The **IC** decides and records every containment action.
- Actions the IC may take alone: isolate endpoints and servers through EDR, disable user and service accounts, revoke sessions and tokens, rotate credentials, block indicators at the firewall, proxy and email gateway, and restrict access to cloud resources.
- Actions needing the **executive sponsor's** approval: taking a customer-facing payment service offline, blocking a merchant's integration, or cutting a connection to a card scheme or banking partner. If the sponsor cannot be reached within 15 minutes at SEV1, the IC decides and records why.

### Evidence first

Before changing a system, capture what would be lost: memory and volatile data, running processes, network connections, and a snapshot or image where practicable (section 5.6). If capturing would take longer than the harm from waiting, contain first and record the trade-off.

### Short-term containment

Fast, reversible actions that stop spread: network isolation of affected hosts, disabling compromised accounts, blocking malicious domains and addresses, suspending compromised API keys, and pausing affected payout batches with the payments operations lead.

### Long-term containment

Measures that hold while eradication is prepared: rebuilding access paths through clean jump hosts, applying emergency patches or configuration changes, tightening segmentation around the CDE, increasing logging and monitoring on affected segments, and running critical services in a reduced mode.

### Considerations

- **Tipping off**: if the attacker is still active, containing one foothold may prompt them to use others or to destroy data. Where the scope is not yet known, the IC weighs coordinated containment (all footholds at once) against immediate action.
- **Business impact**: estimate revenue and customer impact of each option with the service owner before deciding, except where the delay itself causes harm.
- **Legal and regulatory**: containment must not destroy evidence required by the acquirer, a PFI or law enforcement.

### Criteria for "contained"

The IC declares the incident contained when no new affected systems or accounts have appeared for an agreed period (at least 24 hours for SEV1), known attacker access has been removed or blocked, and monitoring is in place to detect a return.`
	}
];

export const executionSections: Section[] = [
	...responseSections,
	...recoverySections,
	ransomwareSection
];
