import type { MatrixRow } from '../../../plans/content';
import { regulatorRows } from './matrix-regulators';
import { byLevel } from './notify';

// Communication matrix of the shipped IR plan template: everyone outside the organisation.
// Regulator rows live in matrix-regulators.ts and come first.

const partyRows: MatrixRow[] = [
	{
		key: 'law-enforcement',
		stakeholder: 'Police / national cyber crime unit',
		audience: 'law-enforcement',
		appliesWhen: [],
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
		appliesWhen: [],
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
		key: 'customers',
		stakeholder: 'Affected merchants and individuals',
		audience: 'customers',
		appliesWhen: [],
		contacts: [
			{
				name: 'Status page and merchant notification list',
				email: 'status@northwind.example',
				phone: '',
				outOfBand: 'Account managers call the top 50 merchants from the printed account list'
			},
			{
				name: 'Head of Merchant Success',
				email: 'merchant.success@northwind.example',
				phone: '+44 20 7946 0185',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		notifications: byLevel('4h', '24h', null, null),
		notifier: 'Communications lead',
		approver: 'CEO',
		messageTemplate: `**Subject: Security incident affecting {{affected_services}} – update {{update_number}}**

Dear {{customer_name}},

On {{aware_at}} we identified a security incident affecting {{affected_services}}. {{summary}}

**What this means for you:** {{customer_impact}}

**What we are doing:** {{actions}}

**What you can do:** {{customer_actions}}

We will update you by {{next_update}}, and on our status page in the meantime. If you have questions, contact your account manager or merchant.success@northwind.example.

Northwind Payments`
	},
	{
		key: 'media',
		stakeholder: 'Press office and media',
		audience: 'media',
		appliesWhen: [],
		contacts: [
			{
				name: 'Head of Communications (press office)',
				email: 'press@northwind.example',
				phone: '+44 20 7946 0180',
				outOfBand: 'Signal (NW-IR-Core); personal mobile in the printed phone tree'
			},
			{
				name: 'Retained crisis PR agency',
				email: '',
				phone: '+44 20 7946 0930',
				outOfBand: 'Agency duty mobile in the out-of-band pack'
			}
		],
		notifications: byLevel('4h', null, null, null),
		notifier: 'Communications lead',
		approver: 'CEO',
		messageTemplate: `**Holding statement – ref. {{incident_id}} (for proactive use at SEV1, reactive use otherwise)**

"On {{aware_date}} Northwind Payments identified a security incident affecting {{affected_services_public}}. We acted immediately to contain it and are working with specialist investigators. {{customer_line}} We have informed the relevant authorities and are keeping our customers updated directly. We will provide further information as soon as we can."

Spokesperson: {{spokesperson}}. Do not speculate on the cause, the attacker or numbers affected until confirmed. Next review of this statement: {{next_update}}.`
	},
	{
		key: 'cloud-provider',
		stakeholder: 'Primary cloud provider',
		audience: 'vendor',
		appliesWhen: [],
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
	}
];

export const externalRows: MatrixRow[] = [...regulatorRows, ...partyRows];
