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
2. **One voice.** External messages are sent only by the notifier named in the matrix row, and only after the approval named there: the communications lead speaks to customers, individuals and the media; regulatory filings come from the compliance lead, the DPO or the PCI lead. Nobody else speaks to the media, customers or regulators about an incident.
3. **Need to know.** Internal messages give each audience the detail it needs to act, and no more. Indicators of compromise, suspect names and evidence details stay on the incident channel.
4. **Facts, not guesses.** Say what we know, what we do not yet know and when we will say more. Never state that "no data was accessed" until the investigation supports it.
5. **Consistent and recorded.** Every message is based on the latest approved holding statement and logged with time, channel, recipient and approver.
6. **Assume the channel is watched.** If the attacker may have access to email, chat or the identity provider, switch to the out-of-band arrangements (section 3.3) before discussing the response.

### Message templates

Each row of the matrix carries a message template with placeholders such as {{incident_id}}, {{severity}}, {{summary}}, {{impact}}, {{actions}} and {{next_update}}. The row's notifier fills them in from the incident log. Templates are a starting point: adapt the wording, but keep every element, and for regulatory filings use the authority's own form with the template as its content.

Sections 3.1 and 3.2 name the matrix row for each audience. The row holds the contacts, the incident facts that make it required, the deadlines and their anchors, the notifier and the approver.`
	},
	{
		key: 'internal-comms',
		title: 'Internal communication',
		level: 2,
		body: `### Audiences and channels

| Audience | Matrix row | Applies when | What they need | Channel |
| --- | --- | --- | --- | --- |
| SOC on-call and incident commander | \`soc-on-call\`, \`incident-commander\` | Every incident (IC from SEV3 up) | Everything: facts, hypotheses, tasks | Incident bridge and incident chat channel |
| CISO and executive sponsor | \`ciso\` | Every incident from SEV3 up | Severity, impact, decisions needed, risk of escalation | Phone first, then written update |
| CEO and executive committee | \`ceo-exec\` | Every SEV1 and SEV2 | Business impact, customer and regulatory exposure, decisions needed; updates every 2 hours at SEV1, twice daily at SEV2 | Phone call from the CISO, then a short written brief |
| Board risk committee | \`board-risk\` | Every SEV1 | Material impact, regulatory position, reputational risk | Briefing by the CEO or CISO |
| General Counsel | \`general-counsel\` | Every incident from SEV3 up | Facts for legal advice, privilege, notification duties | Phone and incident chat channel |
| Data protection officer | \`dpo\` | Personal data affected | Data categories, numbers, awareness time, containment | Phone, then written summary |
| IT operations | \`it-operations\` | Every incident from SEV3 up | Systems involved, requested actions, what not to touch | Bridge and incident chat channel |
| Communications lead | \`communications-lead\` | Every SEV1 and SEV2 | Facts for the holding statement and the customer, staff and media messages | Bridge |
| Payments operations and treasury | \`payments-operations\` | Fraud or financial loss | Payments to hold or recall, accounts to watch, reconciliation needed | Phone, then incident chat channel |
| HR | \`hr\` | Insider or employee involved | Facts only; person or role concerned; access already suspended | Phone, then a confidential written note |
| Customer support | \`customer-support\` | Customers affected or service disrupted | Approved holding lines, what to say and not say, where to route questions | Support team briefing from the communications lead, before any customer message goes out |
| All staff | \`all-staff\` | Media or public attention | What to watch for, what to do, not to discuss externally | Email or intranet notice approved by the IC |
| System and service owners | none (the IC calls them as actions require) | Their systems are involved | What is affected, what they must do or stop doing | Phone and incident chat channel |

### Rules

- The IC briefs the CISO directly; the CISO briefs the CEO. The scribe records who was told and when, because these times are measured against the matrix.
- A staff-wide message is required once the incident is public or about to be, so that staff hear it from us first and pass questions on. The IC may also send one whenever staff must act (for example, to reset passwords or report suspicious emails). Never before the communications lead has checked it against external messages, and never about a suspected insider.
- HR is involved from the start in any incident where an employee or contractor is a suspect, and messages about that person go only to HR, Legal and the IC.
- Forwarding incident messages outside the incident channel is not allowed without the IC's agreement.

### Holding line for staff

"We are dealing with a security issue and have a team working on it. Please do not discuss it outside the company or on social media. If you are contacted by a customer, journalist or anyone else about it, pass them to the communications team. We will update you when there is something you need to do."`
	},
	{
		key: 'external-comms',
		title: 'External communication and regulatory notification',
		level: 2,
		body: `No message about an incident leaves the organisation without the approval named in the communication matrix. The notifier named in the row drafts it, General Counsel (and the DPO where personal data is involved) reviews it, the named approver signs it off, and the scribe records all three.

### Regulatory and contractual deadlines

Which entity an incident affects decides which authority is told (legal entities: section 1.2). Each regime is tracked separately in the incident ticket; meeting one deadline does not satisfy another.

| Regime | Who we tell (matrix row) | Applies when | Stages and deadlines |
| --- | --- | --- | --- |
| UK GDPR Art. 33 (Northwind Payments Ltd) | Information Commissioner's Office (\`ico\`): the UK supervisory authority, for UK data subjects and the UK entity's processing | Personal data breach, unless unlikely to result in a risk to individuals | Report within **72 hours of awareness**; information may follow in phases |
| EU GDPR Art. 33 (Northwind Payments (Ireland) Ltd) | Data Protection Commission, Ireland (\`irish-dpc\`): lead supervisory authority for cross-border processing by our Irish main establishment, under the one-stop-shop | Personal data breach, unless unlikely to result in a risk to individuals | Report within **72 hours of awareness**; the DPC informs the other authorities concerned |
| EU GDPR Art. 33 (Lisbon office) | Comissão Nacional de Proteção de Dados, Portugal (\`portuguese-cnpd\`): for processing carried out only in Lisbon and affecting only people in Portugal | Personal data breach, unless unlikely to result in a risk to individuals | Report within **72 hours of awareness** |
| UK GDPR and EU GDPR Art. 34 | Affected individuals (\`data-subjects\`) | High risk to their rights and freedoms | Without undue delay; this plan: within **72 hours of the DPO's determination** of high risk |
| NIS2 Art. 23 (Northwind Technology Services (Ireland) Ltd) | NCSC Ireland, the CSIRT and competent authority (\`nis2-csirt\`) | Significant incident | Early warning within **24 hours of awareness**; incident notification within **72 hours of awareness**; final report within **1 month** of the notification (this plan counts the month from awareness) |
| DORA Art. 19 (Northwind Payments (Ireland) Ltd) | Central Bank of Ireland, DORA competent authority (\`dora-regulator\`) | Major ICT-related incident | Initial notification within **4 hours of classification** as major and no later than **24 hours after awareness**; intermediate report within **72 hours** of the initial notification; final report within **1 month** of the latest intermediate report (this plan counts both from classification) |
| Payment Services Regulations 2017 reg. 99 (Northwind Payments Ltd) | Financial Conduct Authority (\`uk-fca\`) | Major operational or security incident affecting payment services | Initial report within **4 hours of awareness**; intermediate report within **3 business days** of the initial report (this plan counts from awareness); final report within **2 weeks** of the determination that business is back to normal |
| PCI DSS and card scheme rules | Card acquirer and, through it, the card brands (\`card-acquirer\`) | Suspected or confirmed compromise of cardholder data | Immediately on suspicion, and within **24 hours of awareness** at the latest under our acquiring agreement |
| PCI DSS assessment | Our QSA (\`qsa\`) | Cardholder data affected | Within **72 hours** of declaration (plan deadline) |
| HIPAA 45 CFR 164.410 (business associate) | Covered entities among our US healthcare merchants (\`hipaa-covered-entities\`) | Protected health information affected | Without unreasonable delay and no later than **60 days after discovery** (awareness); a business associate agreement may set a shorter deadline, and the shortest applies |
| SEC Form 8-K Item 1.05 (optional) | SEC filing (\`sec-8k\`), only if Northwind or its parent becomes an SEC registrant | Incident determined to be material | Within **4 business days of the materiality determination**, which is made without unreasonable delay after discovery |

The DPO and General Counsel decide together whether each regime applies. If they cannot decide before a deadline, the notification is sent on the information available and corrected later. A late notification must state the reasons for the delay.

### Other external parties

| Party | Matrix row | Applies when | Notifier and approver |
| --- | --- | --- | --- |
| Affected merchants and customers | \`customers\` | Customers affected | Communications lead; CEO approves |
| Press and media | \`media\` | Media or public attention | Communications lead; CEO approves |
| Police or national cyber crime unit | \`law-enforcement\` | Criminal activity | Legal counsel; General Counsel approves |
| Cyber-insurance carrier | \`cyber-insurer\` | Personal or cardholder data affected, fraud or financial loss, criminal activity, or service disruption | Legal counsel; CISO approves |
| Primary cloud provider | \`cloud-provider\` | Cloud provider implicated | IT operations; incident commander approves |
| Partner banks | \`partner-banks\` | Fraud or financial loss | Payments operations lead; incident commander approves |
| Affected suppliers | \`affected-suppliers\` | Supplier implicated | IT operations; General Counsel approves |

### Customers and individuals

- Merchants affected by an outage or breach are told through the status page and account managers, using the approved holding statement. Where an incident affects their financial interests (DORA Art. 19(3), Payment Services Regulations reg. 99(2)), the message says what they can do to limit its effects.
- Where GDPR Art. 34 applies, the DPO approves the notice to individuals, which must describe in plain language the nature of the breach, the likely consequences, what we have done and what they can do, and give the DPO's contact details.
- Contractual notification clauses (often 24 to 72 hours) are checked by Legal; the strictest applicable clause sets the deadline.

### Media

Only the communications lead or a spokesperson they nominate speaks to journalists. A holding statement is prepared for every SEV1 and SEV2 within the first hour, approved by the CEO and General Counsel, even if it is never used. It is issued, and the press office engaged, once the media or the public know about the incident or are likely to soon.

### Law enforcement

General Counsel decides whether and when to report to the police or the national cyber crime unit, and ensures evidence handling (section 5.6) supports a referral. Reporting is expected for ransomware, extortion and fraud. Any ransom or extortion question follows the ransomware decision process (section 5.7) and includes a sanctions check.

### Insurer and suppliers

Tell the cyber-insurance carrier's breach hotline before engaging any paid third party that the policy may cover. Tell affected suppliers and the primary cloud provider when their help is needed or their service is implicated; share indicators only under a confidentiality agreement. When money has been diverted, the payments operations lead asks the partner banks to recall the payment and freeze the receiving account at once: every hour lowers the chance of recovery.

### Approval chain

1. The notifier named in the matrix row drafts from the row's template and the incident log.
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
