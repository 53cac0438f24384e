import type { MatrixRow } from '../../../plans/content';
import { byLevel } from './notify';

// Communication matrix of the shipped IR plan template: law enforcement, the insurer, the
// cloud provider, partner banks and suppliers. Each applies only when its incident facts
// hold; deadlines count from declaring or upgrading the incident.

export const partyRows: MatrixRow[] = [
	{
		key: 'law-enforcement',
		stakeholder: 'Police / national cyber crime unit',
		audience: 'law-enforcement',
		appliesWhen: ['criminal-activity'],
		contacts: [
			{
				name: 'Cyber crime reporting line',
				email: '',
				phone: '',
				outOfBand: '24/7 reporting number agreed with the police, kept in the out-of-band pack'
			}
		],
		notifications: byLevel('24h', '72h', null, null),
		notifier: 'Legal counsel',
		approver: 'General Counsel',
		messageTemplate: `**Crime report – cyber incident at Northwind Payments – ref. {{incident_id}}**

- **Offence suspected:** {{offence}} (for example unauthorised access, ransomware extortion, fraud)
- **When it started and was discovered:** {{first_seen}} / {{aware_at}} UTC
- **What happened:** {{summary}}
- **Losses or demands:** {{losses}}
- **Indicators we can share:** {{indicators}}
- **Evidence preserved:** yes, under chain of custody

Point of contact: General Counsel, daniel.ferreira@northwind.example, +44 20 7946 0140. Please tell us your reference number and whether you need us to preserve anything further.`
	},
	{
		key: 'cyber-insurer',
		stakeholder: 'Cyber-insurance carrier',
		audience: 'vendor',
		// Any circumstance that may lead to a claim: breach costs, liability, extortion, crime,
		// business interruption.
		appliesWhen: [
			'personal-data',
			'cardholder-data',
			'fraud-or-financial-loss',
			'criminal-activity',
			'service-disruption'
		],
		contacts: [
			{
				name: 'Carrier breach response hotline',
				email: '',
				phone: '+44 20 7946 0920',
				outOfBand: 'Policy number and hotline in the out-of-band pack'
			},
			{
				name: 'Insurance broker – cyber claims',
				email: '',
				phone: '+44 20 7946 0921',
				outOfBand: 'Broker account executive mobile in the printed phone tree'
			}
		],
		notifications: byLevel('2h', '24h', null, null),
		notifier: 'Legal counsel',
		approver: 'CISO',
		messageTemplate: `**Notification of circumstances – policy {{policy_number}} – ref. {{incident_id}}**

- **Insured:** Northwind Payments Ltd
- **Discovered:** {{aware_at}} UTC
- **Summary:** {{summary}}
- **Type of incident:** {{category}}
- **Third parties we intend to engage:** {{third_parties}} (please confirm they are approved under the policy)
- **Any extortion demand:** {{extortion}}

We will not admit liability or agree any payment without your prior consent. Contact: General Counsel, +44 20 7946 0140.`
	},
	{
		key: 'cloud-provider',
		stakeholder: 'Primary cloud provider',
		audience: 'vendor',
		appliesWhen: ['cloud-provider-implicated'],
		contacts: [
			{
				name: 'Enterprise support – technical account manager',
				email: '',
				phone: '+44 20 7946 0940',
				outOfBand: 'Highest-priority case via the support console, using a break-glass account'
			}
		],
		notifications: byLevel('1h', '4h', null, null),
		notifier: 'IT operations',
		approver: 'Incident commander',
		messageTemplate: `**Security incident support request – account {{cloud_account}} – ref. {{incident_id}}**

- **Severity for us:** {{severity}}
- **What we see:** {{summary}}
- **Resources and regions involved:** {{affected_resources}}
- **What we need from you:** {{requested_support}} (for example log preservation, abuse investigation, account lockdown)

Please treat this as confidential and reply to the named contact only. Our contact: IT operations on-call, +44 20 7946 0160.`
	},
	{
		key: 'partner-banks',
		stakeholder: 'Partner banks (settlement and beneficiary banks)',
		audience: 'vendor',
		appliesWhen: ['fraud-or-financial-loss'],
		contacts: [
			{
				name: 'Settlement bank fraud desk (24/7)',
				email: '',
				phone: '+44 20 7946 0970',
				outOfBand: 'Fraud desk number and our account references in the out-of-band pack'
			},
			{
				name: 'Relationship manager at our main settlement bank',
				email: '',
				phone: '+44 20 7946 0971',
				outOfBand: 'Mobile in the printed phone tree'
			}
		],
		// Diverted money moves on within hours: recall and freeze requests cannot wait.
		notifications: byLevel('1h', '1h', '4h', null),
		notifier: 'Payments operations lead',
		approver: 'Incident commander',
		messageTemplate: `**Urgent: fraud recall and freeze request – Northwind Payments – ref. {{incident_id}}**

We believe the payment(s) below were made as a result of fraud. Please recall them, ask the beneficiary bank to freeze the receiving account, and confirm what remains.

- **Payment(s):** {{payment_details}} (amount, currency, value date and time, our reference)
- **Beneficiary account and bank:** {{beneficiary}}
- **How the fraud happened, in one line:** {{summary}}
- **Police or crime reference:** {{crime_reference}} (to follow if not yet available)

Contact: Payments operations duty manager, payments-ops@northwind.example, +44 20 7946 0175. Please reply to this contact only; do not use contact details from any recent email about this payment.`
	},
	{
		key: 'affected-suppliers',
		stakeholder: 'Affected suppliers and service providers',
		audience: 'vendor',
		appliesWhen: ['supplier-implicated'],
		contacts: [
			{
				name: "The supplier's security contact, from the supplier register",
				email: 'vendor-management@northwind.example',
				phone: '',
				outOfBand:
					'Supplier register (printed copy in the out-of-band pack) lists each security contact and escalation number'
			}
		],
		notifications: byLevel('4h', '24h', null, null),
		notifier: 'IT operations',
		approver: 'General Counsel',
		messageTemplate: `**Security incident involving {{supplier}} – ref. {{incident_id}} – confidential**

- **What we see:** {{summary}}
- **Your service, product or accounts involved:** {{supplier_scope}}
- **What we need from you:** {{requested_support}} (for example logs, confirmation of your own investigation, the affected versions, a named contact)
- **What we have done on our side:** {{actions}}

Indicators are shared under our confidentiality agreement only. Please tell us within 24 hours whether your other customers or our data are affected, as our contract requires. Contact: IT operations on-call, +44 20 7946 0160.`
	}
];
