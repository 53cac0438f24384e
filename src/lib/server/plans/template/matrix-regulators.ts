import type { MatrixRow } from '../../../plans/content';
import { stage, stagedAt } from './notify';

// Communication matrix of the shipped IR plan template: cyber-security and financial
// regulators. Deadlines are the legal maximums; aim to notify earlier. Where the law counts
// from one of our own reports, the plan counts from an earlier anchor (said in each row), so
// meeting the plan always meets the law. Filings are sent by the compliance lead.

export const regulatorRows: MatrixRow[] = [
	{
		key: 'nis2-csirt',
		stakeholder: 'NCSC Ireland (CSIRT) – NIS2, Northwind Technology Services (Ireland) Ltd',
		audience: 'regulator',
		appliesWhen: ['nis2-significant-incident'],
		contacts: [
			{
				name: 'NCSC Ireland incident reporting (CSIRT-IE)',
				email: '',
				phone: '',
				outOfBand: 'NCSC reporting channel and CSIRT duty number in the out-of-band pack'
			},
			{
				name: 'Head of Regulatory Compliance (owner of the filing)',
				email: 'regulatory.compliance@northwind.example',
				phone: '+44 20 7946 0190',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		// NIS2 Art. 23(4): the final report is due one month after the incident notification;
		// counted here from awareness, at most three days earlier than the law.
		notifications: stagedAt(
			['SEV1', 'SEV2'],
			[
				stage('Early warning', '24h', 'awareness'),
				stage('Incident notification', '72h', 'awareness'),
				stage('Final report', '1 month', 'awareness')
			]
		),
		notifier: 'Compliance lead',
		approver: 'General Counsel',
		messageTemplate: `**NIS2 early warning – Northwind Technology Services (Ireland) Ltd – ref. {{incident_id}}**

This is an early warning of a significant incident under Article 23 of NIS2, from Northwind Technology Services (Ireland) Ltd, registered as an important entity for ICT service management. An incident notification will follow within 72 hours of becoming aware, and a final report within one month of that notification.

- **Became aware:** {{aware_at}} UTC
- **Short description:** {{summary}}
- **Suspected to be caused by unlawful or malicious acts:** {{malicious}}
- **Could have a cross-border impact:** {{cross_border}}
- **Services and clients affected:** {{affected_services}}
- **Support requested from the CSIRT:** {{support_requested}}

The incident notification adds our initial assessment (severity, impact, indicators of compromise); the final report adds a detailed description, the type of threat or root cause, the mitigation applied and any cross-border impact. If the incident is still ongoing when the final report is due, send a progress report then and the final report within one month of handling it. Contact: Head of Regulatory Compliance, regulatory.compliance@northwind.example. Next update: {{next_update}}.`
	},
	{
		key: 'dora-regulator',
		stakeholder: 'Central Bank of Ireland – DORA major ICT-related incident',
		audience: 'regulator',
		appliesWhen: ['dora-major-incident'],
		contacts: [
			{
				name: 'Central Bank of Ireland – DORA incident reporting',
				email: '',
				phone: '',
				outOfBand: 'Central Bank reporting portal; supervision team number in the out-of-band pack'
			},
			{
				name: 'Head of Regulatory Compliance (owner of the filing)',
				email: 'regulatory.compliance@northwind.example',
				phone: '+44 20 7946 0190',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		// DORA Art. 19 and Delegated Regulation (EU) 2025/301 Art. 5: initial notification 4 h
		// after classification as major and no later than 24 h after awareness; intermediate 72 h
		// after the initial notification; final one month after the latest intermediate report.
		// The plan counts the last two from classification, which always comes first.
		notifications: stagedAt(
			['SEV1', 'SEV2'],
			[
				stage('Initial notification', '4h', 'classification', {
					within: '24h',
					anchor: 'awareness'
				}),
				stage('Intermediate report', '72h', 'classification'),
				stage('Final report', '1 month', 'classification')
			]
		),
		notifier: 'Compliance lead',
		approver: 'CEO',
		messageTemplate: `**DORA initial notification – Northwind Payments (Ireland) Ltd – major ICT-related incident – ref. {{incident_id}}**

To the Central Bank of Ireland, as competent authority under DORA. Send within 4 hours of classifying the incident as major and no later than 24 hours after becoming aware of it (if the incident is only classified as major after those 24 hours, within 4 hours of classification). Use the Central Bank's reporting template; this text supplies its content.

- **Became aware:** {{aware_at}} UTC; **classified as major:** {{classified_at}} UTC
- **Description:** {{summary}}
- **How it was discovered:** {{discovery}}
- **Classification criteria met:** {{dora_criteria}} (clients, financial counterparts and transactions affected; reputational impact; duration and service downtime; geographical spread; data losses; criticality of the services affected; economic impact)
- **Services and functions affected:** {{affected_services}}
- **Member states affected:** {{member_states}}
- **Business continuity plan activated:** {{bcp_activated}}
- **Actions taken so far:** {{actions}}
- **Recurring incident:** {{recurring}}

The intermediate report is due within 72 hours of this notification, and an updated one as soon as regular activities are recovered; the final report within one month of the latest intermediate report. This plan counts both from classification, so they are never late. If a report will be late, tell the Central Bank before its deadline and give the reason. Clients whose financial interests are affected are told without undue delay (matrix row customers). Contact: Head of Regulatory Compliance, regulatory.compliance@northwind.example.`
	},
	{
		key: 'uk-fca',
		stakeholder: 'Financial Conduct Authority (FCA) – PSRs 2017 reg. 99, Northwind Payments Ltd',
		audience: 'regulator',
		// A major incident meets the SEV1 criteria (section 2.2), and these facts are broad, so
		// the row is required at SEV1 only.
		appliesWhen: ['service-disruption', 'fraud-or-financial-loss', 'cardholder-data'],
		// The UK-authorised entity only.
		onlyWhen: ['country-gb'],
		contacts: [
			{
				name: 'FCA major incident reporting (Payments supervision)',
				email: '',
				phone: '',
				outOfBand:
					'FCA incident reporting form and supervision contact numbers in the out-of-band pack'
			},
			{
				name: 'Head of Regulatory Compliance (owner of the filing)',
				email: 'regulatory.compliance@northwind.example',
				phone: '+44 20 7946 0190',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		// The intermediate report is due 3 business days after the initial report; counted from
		// awareness, which always comes first. The final report is due 2 weeks after business is
		// back to normal: that is the determination it counts from.
		notifications: stagedAt(
			['SEV1'],
			[
				stage('Initial report', '4h', 'awareness'),
				stage('Intermediate report', '3 business days', 'awareness'),
				stage('Final report (2 weeks after business is back to normal)', '14 days', 'determination')
			]
		),
		notifier: 'Compliance lead',
		approver: 'CEO',
		messageTemplate: `**Major operational or security incident – initial report – Northwind Payments Ltd – ref. {{incident_id}}**

To the FCA under regulation 99 of the Payment Services Regulations 2017. Send within 4 hours of becoming aware of an incident that meets the major incident criteria (transactions and payment service users affected, service downtime, economic impact, internal escalation, other providers or infrastructures affected, reputational impact). Use the FCA's reporting form; this text supplies its content.

- **Became aware:** {{aware_at}} UTC
- **Type of incident:** operational / security – {{summary}}
- **Payment services affected:** {{affected_services}}
- **Transactions and payment service users affected:** {{transactions_affected}}, {{users_affected}}
- **Service downtime so far:** {{downtime}}
- **Actions taken so far:** {{actions}}

Intermediate report within 3 business days of this report (this plan counts from awareness); final report within 2 weeks of business being back to normal. Payment service users whose financial interests are affected are told without undue delay (matrix row customers). The FCA's new operational incident reporting rules apply from 18 March 2027: review this row before then. Contact: Head of Regulatory Compliance, regulatory.compliance@northwind.example.`
	},
	{
		key: 'sec-8k',
		stakeholder: 'SEC Form 8-K Item 1.05 (optional: only for an SEC registrant)',
		audience: 'regulator',
		appliesWhen: ['sec-material-incident'],
		contacts: [
			{
				name: 'Disclosure committee (General Counsel, CFO, Head of Regulatory Compliance)',
				email: 'disclosure-committee@northwind.example',
				phone: '+44 20 7946 0191',
				outOfBand: 'Mobiles of the committee members in the printed phone tree'
			},
			{
				name: 'EDGAR filing agent',
				email: '',
				phone: '+44 20 7946 0950',
				outOfBand: 'Filing agent duty number in the out-of-band pack'
			}
		],
		// Optional row: delete it unless Northwind or its parent files with the SEC.
		notifications: stagedAt(
			['SEV1', 'SEV2'],
			[stage('Form 8-K Item 1.05', '4 business days', 'determination')]
		),
		notifier: 'Compliance lead',
		approver: 'CEO',
		messageTemplate: `**Form 8-K Item 1.05 – material cybersecurity incident – ref. {{incident_id}}**

Optional: applies only if the company or its parent is an SEC registrant. File within four business days of determining that the incident is material; the materiality determination is made without unreasonable delay after discovery and recorded with its time.

- **Materiality determined:** {{determined_at}} by {{determined_by}}
- **Nature, scope and timing of the incident:** {{summary}}
- **Material impact, or reasonably likely material impact, on the company, including its financial condition and results of operations:** {{material_impact}}
- **Information not yet determined or unavailable:** {{open_points}} (file an amendment within four business days once it is known)

Do not include technical details that would impede the response or remediation. Approved by the CEO on the disclosure committee's advice.`
	}
];
