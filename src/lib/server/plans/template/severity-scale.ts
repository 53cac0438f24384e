import type { SeverityLevel } from '../../../plans/content';

// The severity scale of the shipped IR plan template. The matrix refers to these ids.
// An incident takes the highest level reached on any of the six dimensions (section 2.2).
// Every legal notification row of the matrix is notified at SEV1 and SEV2, so SEV2 says
// that an incident likely to require a legal notification is never below it.

export const severityScale: SeverityLevel[] = [
	{
		id: 'SEV1',
		name: 'Critical',
		criteria: `Any one of the following, confirmed or reasonably suspected:
- **Data affected**: cardholder data, or personal data of more than 1,000 individuals, exfiltrated or exposed to an unauthorised party; or data encrypted or destroyed by ransomware on any server, shared storage, cloud workload or more than one endpoint, **whether or not clean backups exist** (backups shorten recovery; they do not lower the severity, because the attacker had that access and data theft is likely).
- **Service impact**: the card acquiring gateway, merchant API or payout engine unavailable, or materially degraded for more than 25 % of transactions, for more than 30 minutes.
- **Financial loss or fraud**: any unauthorised movement of customer funds, or a confirmed or likely loss (fraud, extortion, outage) of more than £1 million or equivalent.
- **Reputational impact**: national or international media coverage, or a regulator, card scheme or partner bank raising the incident with us.
- **Regulatory exposure**: likely major ICT-related incident under DORA, major operational or security incident under the Payment Services Regulations 2017, significant incident under NIS2, or a personal data breach with high risk to individuals; card brand or acquirer involvement likely.
- **Spread**: attacker active with privileged access (domain, identity provider, cloud organisation administrator or CI/CD pipeline), or spreading across business units, cloud accounts or offices.`
	},
	{
		id: 'SEV2',
		name: 'High',
		criteria: `Any one of the following, confirmed or reasonably suspected, where SEV1 is not met:
- **Data affected**: personal data of up to 1,000 individuals, or confidential business data (source code, credentials, contracts), accessed or exfiltrated; no cardholder data involved; or ransomware that encrypted a single endpoint, isolated, with no sign of spread or data theft.
- **Service impact**: a customer-facing service degraded for more than 30 minutes, or a payment service unavailable for less than 30 minutes; or critical internal services (email, identity, SIEM) unavailable.
- **Financial loss or fraud**: a fraudulent or diverted payment, or another loss, of £10,000 to £1 million or equivalent, even while a recall is in progress.
- **Reputational impact**: trade press or social media posts naming us, or complaints about the incident from several merchants.
- **Regulatory exposure**: a personal data breach likely to require a report to a supervisory authority (ICO, DPC or CNPD); a contractual notice to merchants, partner banks or covered entities likely. Any incident likely to require a notification under the law is at least SEV2.
- **Spread**: several systems or accounts compromised within one environment, or one privileged account compromised but contained.`
	},
	{
		id: 'SEV3',
		name: 'Medium',
		criteria: `Any one of the following, where SEV2 is not met:
- **Data affected**: internal data exposed on a single system with no evidence of access by an unauthorised party; personal data at low risk (for example a misdirected email to a trusted recipient who confirms deletion).
- **Service impact**: limited impact on internal services or a single non-critical customer feature; workaround available.
- **Financial loss or fraud**: a fraud attempt stopped before any money left, or a loss below £10,000.
- **Reputational impact**: individual customer questions, no public attention.
- **Regulatory exposure**: record in the breach register likely; notification to authorities unlikely.
- **Spread**: a single endpoint or standard user account compromised and isolated; malware blocked after execution; successful phishing with credentials reset before use.`
	},
	{
		id: 'SEV4',
		name: 'Low',
		criteria: `Any of the following, with no other criteria met:
- **Data affected**: none.
- **Service impact**: none or negligible.
- **Financial loss or fraud**: none.
- **Reputational impact**: none.
- **Regulatory exposure**: none.
- **Spread**: none; the event was prevented or contained by controls, for example malware blocked before execution, a policy violation without harm, a phishing email reported and removed before anyone acted, or a lost device that was encrypted and wiped remotely.`
	}
];
