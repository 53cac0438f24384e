import type { Section } from '../../../plans/content';

// Part 5 of the shipped IR plan template, continued: eradication, recovery and evidence handling.
// part-5-execution.ts appends these after containment.

export const recoverySections: Section[] = [
	{
		key: 'eradication',
		title: 'Eradication',
		level: 2,
		body: `Eradication removes the attacker and the means they used, so that recovery does not restore the problem along with the service.

### Steps

1. **Confirm scope.** Eradication starts only when the IC is satisfied that the scope from analysis is complete enough. Missing one backdoor means doing it all again.
2. **Remove persistence.** Delete malware, malicious scheduled tasks, services, web shells, mailbox rules, OAuth grants, SSH keys, cloud IAM users, roles and access keys created by the attacker.
3. **Reset credentials.** Reset every credential the attacker could have seen: user passwords, service accounts, API keys, cloud access keys, database passwords and secrets in the CI/CD pipeline. Where the identity provider or domain controllers were compromised, follow the identity recovery runbook, including double reset of the Kerberos ticket-granting account.
4. **Close the way in.** Patch or reconfigure the initial access vector and any vulnerability used for lateral movement or privilege escalation.
5. **Rebuild rather than clean.** Affected servers and containers are rebuilt from trusted images and infrastructure code, not cleaned in place. Endpoints are re-imaged.
6. **Verify.** Hunt again across the estate for every indicator and technique observed, and confirm no new activity for the agreed period.

### Decisions

- The IC approves the eradication plan and its timing. For SEV1 the CISO is consulted, because coordinated credential resets and rebuilds usually cause business disruption.
- Where eradication must be coordinated (for example all privileged credentials at once), the IC sets a single execution window and briefs the team out-of-band if the identity provider was affected.

### Supplier and cloud components

Where the attacker's foothold is in a supplier's service or a cloud provider's component, the IC agrees eradication steps with the supplier through the vendor row of the communication matrix and records their confirmation.

### Exit criteria

Eradication is complete when all known persistence has been removed, all exposed credentials have been rotated, the initial access vector is closed and verification hunting has found nothing new. The IC records this in the incident log before recovery of affected services begins.`
	},
	{
		key: 'recovery',
		title: 'Recovery',
		level: 2,
		body: `Recovery returns services to normal operation from a known-good state and confirms they stay that way.

### Order of recovery

Restore in business priority order, as set in the business impact analysis (section 7.4):

1. Identity, privileged access and security tooling (so the rest can be restored safely)
2. Card acquiring gateway and merchant API
3. Payout engine and settlement
4. Merchant dashboard and customer support tools
5. Internal corporate services

### Steps

- Restore from backups verified as taken before the earliest known malicious activity, or rebuild from infrastructure code and trusted images.
- Scan restored systems and check integrity (hashes, configuration baselines) before reconnecting them.
- Reconnect in stages, with enhanced monitoring and SIEM alerting tuned for the indicators and techniques seen.
- Reconcile transactions and payouts with the payments operations team for the period of impact; record any discrepancies as a separate finding.
- Service owners confirm in writing that their service is working before it is declared recovered.

### Monitoring after recovery

Enhanced monitoring of affected systems continues for at least 30 days after a SEV1 and 14 days after a SEV2. Any recurrence reopens the incident rather than starting a new one.

### Communicating recovery

The communications lead updates everyone told about the incident, using the matrix templates, and updates the status page. Regulatory reports that fall due after recovery (the NIS2 final report, the DORA intermediate and final reports, the FCA final report) are scheduled by the compliance lead at this point, with owners and dates in the incident ticket. Under DORA an updated intermediate report is due as soon as regular activities are recovered.

### Closing the incident

The IC closes the incident when:

- all affected services are recovered and confirmed by their owners;
- the monitoring period has been agreed and assigned;
- every required notification has been sent and logged;
- the hot wash has taken place and the post-incident report has an owner and due date (section 6);
- evidence has been transferred to the evidence store with complete chain of custody.`
	},
	{
		key: 'evidence',
		title: 'Evidence handling and chain of custody',
		level: 2,
		body: `Evidence we collect may be needed by a regulator, a card brand's forensic investigator, our insurer, law enforcement or a court. It is only useful if we can show it has not changed since collection and who has handled it.

### What to collect

In order of volatility, where practicable: memory, running processes and network connections; system and application logs; disk images or cloud snapshots; cloud audit logs and identity provider logs; email messages with full headers; network captures; and screenshots of attacker activity or extortion messages.

### How to collect

- Use the forensic tools on the forensic workstation or the EDR live response; avoid running tools from the suspect system itself where possible.
- Compute a SHA-256 hash of every item at collection and record it.
- Record the time in UTC, the system, the collector, the method and the tool version.
- Export cloud logs to the evidence storage account, which is write-once and separate from production.
- Never open suspected malware outside the isolated analysis environment.

### Chain of custody

Every item gets a chain-of-custody record, kept with the incident ticket:

| Field | Content |
| --- | --- |
| Evidence id | Incident id plus sequence number, e.g. NW-2025-014-E07 |
| Description | What it is, from which system |
| Hash | SHA-256 at collection |
| Collected by | Name, date and time (UTC), method |
| Transfers | Each handover: from, to, date and time, purpose, signature |
| Storage | Location and access control |

Physical media are sealed in numbered evidence bags and kept in the SOC safe. Access to the evidence store is limited to the SOC leads, the forensic analysts and General Counsel, and is logged.

### Legal hold and third parties

General Counsel may place a legal hold on evidence and related records; deletion schedules are then suspended. Evidence is shared with the DFIR firm, a PFI, the insurer or law enforcement only with General Counsel's approval, and each transfer is recorded in the chain of custody.

### Retention

Evidence is kept for 6 years after the incident is closed, or longer while a legal hold, claim or investigation is open, and is then securely destroyed with a record of destruction.`
	}
];
