import type { Section } from '../../../plans/content';

// Part 5 of the shipped IR plan template, last: the ransomware decision process that
// sections 3.2 and 7.3 refer to.

export const ransomwareSection: Section = {
	key: 'ransomware-decisions',
	title: 'Ransomware extortion decisions',
	level: 2,
	body: `An extortion demand turns a technical incident into a business decision. This section sets who takes which decision and what must be known first. It applies to ransomware with or without encryption, and to any demand to pay for stolen data not to be published.

### Decisions and who takes them

| Decision | Decided by | Advised by | Deadline |
| --- | --- | --- | --- |
| Whether to contact or respond to the attacker at all | CEO | General Counsel, CISO, retained DFIR firm | Before any contact; nobody replies to the attacker without this decision |
| Whether to consider payment | CEO, with the board risk committee chair informed | General Counsel, insurer, law enforcement | Not before the questions below are answered |
| Restore from backup rather than decrypt | Incident commander, with the executive sponsor | IT operations, DFIR firm | Within 4 hours of confirming encryption |
| Public statement about the extortion | CEO | Communications lead, General Counsel | Before any leak-site publication is expected |

### Questions to answer before any payment decision

1. Can we restore critical services from immutable backups within their recovery time objectives (section 7.4)? Clean backups decide how we recover; they do not lower the severity (section 2.2).
2. Has data been exfiltrated, and would payment change our notification duties? It does not: the GDPR, NIS2, DORA, FCA and card scheme notifications in the matrix are due regardless, and their clocks are already running.
3. Is the group or any wallet linked to a sanctioned person or country? General Counsel obtains a written sanctions assessment against the UK (OFSI), EU and US (OFAC) lists.
4. Has the insurer consented, and does the policy cover it?
5. Have the police been told? Payment is never made without informing law enforcement.

### Rules

- Our position is not to pay. Any exception is a CEO decision recorded in the incident log with the answers above.
- Only the retained DFIR firm's negotiators communicate with the attacker, and only on the CEO's instruction.
- Extortion messages are preserved as evidence (section 5.6) and never forwarded outside the incident team.
- A leak-site listing or a contact from the attacker to customers, staff or the press is an escalation trigger (section 2.3) and brings in the communications lead at once.`
};
