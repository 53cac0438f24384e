import type { Section } from '../../../plans/content';

// The section added by the demo draft v1.2, after the ransomware tabletop.

export const ransomwareDecisionsSection: Section = {
	key: 'ransomware-decisions',
	title: 'Ransomware extortion decisions',
	level: 2,
	body: `An extortion demand turns a technical incident into a business decision. This section sets who takes which decision and what must be known first. It resolves the ransomware tabletop finding that nobody on the bridge knew who could decide whether to engage with the attacker.

### Decisions and who takes them

| Decision | Decided by | Advised by | Deadline |
| --- | --- | --- | --- |
| Whether to contact or respond to the attacker at all | CEO | General Counsel, CISO, retained DFIR firm | Before any contact; nobody replies to the attacker without this decision |
| Whether to consider payment | CEO, with the board risk committee chair informed | General Counsel, insurer, law enforcement | Not before the questions below are answered |
| Restore from backup rather than decrypt | Incident commander, with the executive sponsor | IT operations, DFIR firm | Within 4 hours of confirming encryption |
| Public statement about the extortion | CEO | Communications lead, General Counsel | Before any leak-site publication is expected |

### Questions to answer before any payment decision

1. Can we restore critical services from immutable backups within their recovery time objectives (section 7.4)?
2. Has data been exfiltrated, and would payment change our notification duties? (It does not: GDPR, NIS2, DORA and card scheme notifications are due regardless.)
3. Is the group or any wallet linked to a sanctioned person or country? General Counsel obtains a written sanctions assessment.
4. Has the insurer consented, and does the policy cover it?
5. Have the police been told? Payment is never made without informing law enforcement.

### Rules

- Our position is not to pay. Any exception is a CEO decision recorded in the incident log with the answers above.
- Only the retained DFIR firm's negotiators communicate with the attacker, and only on the CEO's instruction.
- Extortion messages are preserved as evidence (section 5.6) and never forwarded outside the incident team.`
};
