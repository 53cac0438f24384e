import type { SeverityLevel } from '../../../plans/content';

// The severity scale of the shipped IR plan template. The matrix refers to these ids.
// An incident takes the highest level reached on any of the four dimensions.

export const severityScale: SeverityLevel[] = [
	{
		id: 'SEV1',
		name: 'Critical',
		criteria: `Any one of the following, confirmed or reasonably suspected:
- **Data affected**: cardholder data, or personal data of more than 1,000 individuals, exfiltrated or exposed to an unauthorised party; or any data encrypted or destroyed by ransomware without a clean backup.
- **Service impact**: the card acquiring gateway, merchant API or payout engine unavailable, or materially degraded for more than 25 % of transactions, for more than 30 minutes; or unauthorised movement of customer funds.
- **Regulatory exposure**: likely major ICT-related incident under DORA, significant incident under NIS2, or a GDPR breach with high risk to individuals; card brand or acquirer involvement likely.
- **Spread**: attacker active with privileged access (domain, identity provider, cloud organisation administrator or CI/CD pipeline), or spreading across business units, cloud accounts or offices.`
	},
	{
		id: 'SEV2',
		name: 'High',
		criteria: `Any one of the following, confirmed or reasonably suspected, where SEV1 is not met:
- **Data affected**: personal data of up to 1,000 individuals, or confidential business data (source code, credentials, contracts), accessed or exfiltrated; no cardholder data involved.
- **Service impact**: a customer-facing service degraded for more than 30 minutes, or a payment service unavailable for less than 30 minutes; or critical internal services (email, identity, SIEM) unavailable.
- **Regulatory exposure**: a personal data breach that is likely to require notification to the ICO; contractual notification to a merchant or partner likely.
- **Spread**: several systems or accounts compromised within one environment, or one privileged account compromised but contained.`
	},
	{
		id: 'SEV3',
		name: 'Medium',
		criteria: `Any one of the following, where SEV2 is not met:
- **Data affected**: internal data exposed on a single system with no evidence of access by an unauthorised party; personal data at low risk (for example a misdirected email to a trusted recipient who confirms deletion).
- **Service impact**: limited impact on internal services or a single non-critical customer feature; workaround available.
- **Regulatory exposure**: record in the GDPR breach register likely; notification to authorities unlikely.
- **Spread**: a single endpoint or standard user account compromised and isolated; malware blocked after execution; successful phishing with credentials reset before use.`
	},
	{
		id: 'SEV4',
		name: 'Low',
		criteria: `Any of the following, with no other criteria met:
- **Data affected**: none.
- **Service impact**: none or negligible.
- **Regulatory exposure**: none.
- **Spread**: none; the event was prevented or contained by controls, for example malware blocked before execution, a policy violation without harm, a phishing email reported and removed before anyone acted, or a lost device that was encrypted and wiped remotely.`
	}
];
