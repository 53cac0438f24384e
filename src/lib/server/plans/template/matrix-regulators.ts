import type { MatrixRow } from '../../../plans/content';
import { byLevel } from './notify';

// Communication matrix of the shipped IR plan template: regulators and card schemes.
// Deadlines are the legal or contractual maximums; aim to notify earlier.

export const regulatorRows: MatrixRow[] = [
	{
		key: 'ico',
		stakeholder: "Information Commissioner's Office (ICO)",
		audience: 'regulator',
		appliesWhen: [],
		contacts: [
			{
				name: 'ICO personal data breach reporting',
				email: '',
				phone: '',
				outOfBand: 'ICO online breach report form; helpline number in the out-of-band pack'
			}
		],
		// GDPR Art. 33: within 72 hours of becoming aware, when personal data is involved.
		notifications: byLevel('72h', '72h', null, null),
		notifier: 'Data protection officer',
		approver: 'General Counsel',
		messageTemplate: `**Personal data breach report – Northwind Payments Ltd – ref. {{incident_id}}**

Send only when the DPO and General Counsel have decided the breach is likely to result in a risk to individuals. If not all facts are known, report what is known and state that further information will follow.

1. **Nature of the breach:** {{summary}}
2. **When it happened and when we became aware:** {{occurred_at}} / {{aware_at}} UTC
3. **Categories and approximate number of data subjects:** {{data_subjects}}
4. **Categories and approximate number of personal data records:** {{record_count}}
5. **Likely consequences for individuals:** {{consequences}}
6. **Measures taken or proposed, including to mitigate adverse effects:** {{actions}}
7. **Whether and how individuals are being told:** {{data_subject_notice}}
8. **Contact:** Data protection officer, dpo@northwind.example, +44 20 7946 0150
9. **Reasons for any delay beyond 72 hours:** {{delay_reason}}

Next update to the ICO: {{next_update}}.`
	},
	{
		key: 'nis2-csirt',
		stakeholder: 'NIS2 CSIRT / competent authority',
		audience: 'regulator',
		appliesWhen: [],
		contacts: [
			{
				name: 'National CSIRT incident reporting desk',
				email: '',
				phone: '',
				outOfBand: 'Competent authority reporting portal; CSIRT duty number in the out-of-band pack'
			}
		],
		// NIS2 Art. 23: early warning within 24 h, notification within 72 h, final report in 1 month.
		notifications: byLevel('24h', '24h', null, null),
		notifier: 'Communications lead',
		approver: 'General Counsel',
		messageTemplate: `**NIS2 early warning – Northwind Payments (Ireland) Ltd – ref. {{incident_id}}**

This is an early warning of a significant incident under Article 23. An incident notification will follow within 72 hours of becoming aware, and a final report within one month of that notification.

- **Became aware:** {{aware_at}} UTC
- **Short description:** {{summary}}
- **Suspected to be caused by unlawful or malicious acts:** {{malicious}}
- **Could have a cross-border impact:** {{cross_border}}
- **Services affected:** {{affected_services}}
- **Support requested from the CSIRT:** {{support_requested}}

Technical contact: the incident commander, via the SOC on +44 20 7946 0100. Next update: {{next_update}}.`
	},
	{
		key: 'dora-regulator',
		stakeholder: 'Financial regulator (DORA major ICT-related incident)',
		audience: 'regulator',
		appliesWhen: [],
		contacts: [
			{
				name: 'Competent authority – DORA incident reporting',
				email: '',
				phone: '',
				outOfBand:
					'Regulator incident reporting portal; supervision team number in the out-of-band pack'
			},
			{
				name: 'Head of Regulatory Compliance (internal owner of the filing)',
				email: 'regulatory.compliance@northwind.example',
				phone: '+44 20 7946 0190',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		// DORA Art. 19: initial notification within 4 h of classification as major, at most 24 h
		// from detection; intermediate report within 72 h; final report within 1 month.
		notifications: byLevel('4h', '4h', null, null),
		notifier: 'Communications lead',
		approver: 'CEO',
		messageTemplate: `**DORA initial notification – major ICT-related incident – ref. {{incident_id}}**

Send within 4 hours of classifying the incident as major and no later than 24 hours after detection. Use the authority's reporting template; this text supplies its content.

- **Detected:** {{detected_at}} UTC; **classified as major:** {{classified_at}} UTC
- **Description:** {{summary}}
- **Classification criteria met:** {{dora_criteria}} (clients affected, duration, geographical spread, data losses, critical services, economic impact)
- **Services and functions affected:** {{affected_services}}
- **Member states affected:** {{member_states}}
- **Actions taken so far:** {{actions}}
- **Recurring incident:** {{recurring}}

Intermediate report due within 72 hours; final report within one month. Contact: Head of Regulatory Compliance, regulatory.compliance@northwind.example.`
	},
	{
		key: 'card-acquirer',
		stakeholder: 'Card acquirer and card brands',
		audience: 'regulator',
		appliesWhen: [],
		contacts: [
			{
				name: 'Acquirer relationship manager (fraud and compliance)',
				email: '',
				phone: '+44 20 7946 0910',
				outOfBand: 'Acquirer 24/7 fraud and data compromise hotline in the out-of-band pack'
			}
		],
		// PCI DSS and scheme rules: immediately on suspected compromise, 24 h at the latest.
		notifications: byLevel('24h', null, null, null),
		notifier: 'Communications lead',
		approver: 'General Counsel',
		messageTemplate: `**Suspected account data compromise – Northwind Payments – ref. {{incident_id}}**

We are notifying you, as our acquirer, of a suspected compromise of cardholder data, as required by our acquiring agreement and the card scheme rules. Please pass this to the card brands as required.

- **Discovered:** {{aware_at}} UTC
- **What we know:** {{summary}}
- **Cardholder data possibly involved:** {{card_data}} (PAN, expiry, names; no sensitive authentication data is stored)
- **Estimated number of accounts and date range:** {{account_count}}, {{exposure_window}}
- **Containment so far:** {{actions}}
- **Evidence preserved:** yes, under chain of custody; available to a PCI forensic investigator

Please tell us whether a PFI investigation is required. Contact: General Counsel, daniel.ferreira@northwind.example, +44 20 7946 0140. Next update: {{next_update}}.`
	}
];
