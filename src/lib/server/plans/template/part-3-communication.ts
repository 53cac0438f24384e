import type { Section } from '../../../plans/content';

// Part 3 of the shipped IR plan template: internal, external and out-of-band communication.

export const communicationSections: Section[] = [
	{
		key: 'communication',
		title: 'Communication plan',
		level: 1,
		body: `Communication during an incident is part of the response, not a by-product of it. A late regulator notice, a contradictory customer message or a leak to the press can do more damage than the attack itself.

### Principles

1. **The matrix decides.** Who is told, by when and with whose approval is set in the communication matrix of this plan version. Deviations are decided by the IC and recorded.
2. **One voice.** External messages are sent only by the notifier named in the matrix row, by default the communications lead, and only after the approval named there. Nobody else speaks to the media, customers or regulators about an incident.
3. **Need to know.** Internal messages give each audience the detail it needs to act, and no more. Indicators of compromise, suspect names and evidence details stay on the incident channel.
4. **Facts, not guesses.** Say what we know, what we do not yet know and when we will say more. Never state that "no data was accessed" until the investigation supports it.
5. **Consistent and recorded.** Every message is based on the latest approved holding statement and logged with time, channel, recipient and approver.
6. **Assume the channel is watched.** If the attacker may have access to email, chat or the identity provider, switch to the out-of-band arrangements (section 3.3) before discussing the response.

### Message templates

Each row of the matrix carries a message template with placeholders such as {{incident_id}}, {{severity}}, {{summary}}, {{impact}}, {{actions}} and {{next_update}}. The communications lead fills them in from the incident log. Templates are a starting point: adapt the wording, but keep every element.`
	},
	{
		key: 'internal-comms',
		title: 'Internal communication',
		level: 2,
		body: `### Audiences and channels

| Audience | What they need | Channel | Cadence |
| --- | --- | --- | --- |
| Response team | Everything: facts, hypotheses, tasks | Incident bridge and incident chat channel | Continuous |
| CISO and executive sponsor | Severity, impact, decisions needed, risk of escalation | Phone first, then written update | Each status update |
| CEO and executive committee | Business impact, customer and regulatory exposure, decisions needed | Phone call from the CISO, then a short written brief | SEV1: every 2 hours; SEV2: twice daily |
| Board risk committee | Material impact, regulatory position, reputational risk | Briefing by the CEO or CISO | SEV1: within 24 hours, then as agreed |
| System and service owners | What is affected, what they must do or stop doing | Phone and incident chat channel | As actions require |
| Customer support | Approved holding lines, what to say and not say, where to route questions | Support team briefing from the communications lead | Before any customer message goes out |
| All staff | What to watch for, what to do, not to discuss externally | Email or intranet notice approved by the IC | Only when staff must act |

### Rules

- The IC briefs the CISO directly; the CISO briefs the CEO. The scribe records who was told and when, because these times are measured against the matrix.
- Staff-wide messages are sent only when staff need to act (for example, to reset passwords or report suspicious emails), and never before the communications lead has checked them against external messages.
- HR is involved from the start in any incident where an employee or contractor is a suspect, and messages about that person go only to HR, Legal and the IC.
- Forwarding incident messages outside the incident channel is not allowed without the IC's agreement.

### Holding line for staff

"We are dealing with a security issue and have a team working on it. Please do not discuss it outside the company or on social media. If you are contacted by a customer, journalist or anyone else about it, pass them to the communications team. We will update you when there is something you need to do."`
	},
	{
		key: 'external-comms',
		title: 'External communication and regulatory notification',
		level: 2,
		body: `No message about an incident leaves the organisation without the approval named in the communication matrix. The communications lead drafts, Legal reviews, the named approver signs off, and the scribe records all three.

### Regulatory deadlines

| Regime | Who we tell | Trigger | Deadlines |
| --- | --- | --- | --- |
| UK/EU GDPR Art. 33 | ICO (lead supervisory authority) | Personal data breach likely to result in a risk to individuals | Without undue delay and within **72 hours** of becoming aware; information may be provided in phases |
| GDPR Art. 34 | Affected individuals | High risk to their rights and freedoms | Without undue delay |
| NIS2 Art. 23 | National CSIRT or competent authority | Significant incident | Early warning within **24 hours**; incident notification within **72 hours**; final report within **1 month** of the notification |
| DORA Art. 19 | Financial regulator | Major ICT-related incident | Initial notification within **4 hours** of classification as major and no later than **24 hours** from detection; intermediate report within **72 hours** of the initial notification; final report within **1 month** |
| PCI DSS and card scheme rules | Acquirer and card brands | Suspected or confirmed compromise of cardholder data | Immediately on suspicion, and within **24 hours** at the latest under our acquiring agreement and scheme rules |

The DPO and General Counsel decide together whether each regime applies. If they cannot decide before a deadline, the notification is sent on the information available and corrected later. A late notification must state the reasons for the delay.

### Customers

- Merchants affected by an outage or breach are told through the status page and account managers, using the approved holding statement.
- Where GDPR Art. 34 applies, the DPO approves the notice to individuals, which must describe the likely consequences and what they can do.
- Contractual notification clauses (often 24 to 72 hours) are checked by Legal; the strictest applicable clause sets the deadline.

### Media

Only the communications lead or a spokesperson they nominate speaks to journalists. A holding statement is prepared for every SEV1 and SEV2 within the first hour, approved by the CEO and General Counsel, even if it is never used.

### Law enforcement

General Counsel decides whether and when to report to the police or the national cyber crime unit, and ensures evidence handling (section 5.6) supports a referral. Reporting is expected for ransomware, extortion and fraud. Any ransom or extortion question follows the ransomware decision process and includes a sanctions check.

### Insurer and suppliers

Tell the cyber-insurance carrier's breach hotline before engaging any paid third party that the policy may cover. Tell affected suppliers and the key cloud provider when their help is needed or their service is implicated; share indicators only under a confidentiality agreement.

### Approval chain

1. The notifier named in the matrix row (usually the communications lead) drafts from the row's template and the incident log.
2. General Counsel (and the DPO where personal data is involved) reviews.
3. The approver named in the matrix row approves.
4. The notifier sends it and the scribe logs time, channel, recipient and approver.`
	},
	{
		key: 'out-of-band',
		title: 'Out-of-band communication',
		level: 2,
		body: `Assume the attacker can read our email and chat whenever the incident involves the identity provider, a mail or collaboration tenant, a privileged account, domain administrators or ransomware. In those cases, move the response team to out-of-band channels before discussing containment.

### When to switch

The IC declares "out-of-band" on the bridge and in a short phone call to each core role. Switch when any of these is true or suspected:

- the attacker has administrative access to the identity provider, mail or chat tenant;
- mailbox rules, forwarding or OAuth grants were created by the attacker;
- ransomware has reached domain-joined systems;
- the incident involves an insider with access to collaboration tools;
- messages about the incident appear to have reached the attacker.

### Arrangements

| Need | Out-of-band arrangement | Held by |
| --- | --- | --- |
| Core team chat | Pre-provisioned Signal group "NW-IR-Core" on personal or separate devices | SOC lead maintains membership |
| Voice bridge | Conference bridge on a separate provider; dial-in and PIN in the printed pack | SOC lead |
| Contact list | Printed phone tree with personal mobile numbers, reprinted each quarter | CISO, SOC, General Counsel |
| Documents | Offline copy of this plan, the matrix and runbooks on encrypted USB drives | SOC safe and CISO |
| Accounts | Sealed break-glass credentials for cloud and identity administration | CISO and head of IT operations |
| Incident log | Standalone laptop not joined to the corporate domain, or paper log if necessary | Scribe |

### Rules

- Never discuss out-of-band arrangements, containment plans or suspicions on the possibly compromised channel. Post only neutral messages there if keeping up appearances is a deliberate choice of the IC.
- Verify identities on new channels by calling back on a number from the printed phone tree.
- Record every out-of-band decision in the incident log when a trusted log is available again.
- The SOC lead tests the out-of-band arrangements at least once a year, in an exercise if possible.`
	}
];
