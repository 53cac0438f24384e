import type { MatrixRow } from '../../../plans/content';
import { byLevel, stage, stagedAt } from './notify';

// Communication matrix of the shipped IR plan template: customers, individuals and the media.
// Merchant messages are approved by the CEO; notices to individuals under GDPR Art. 34 by the
// DPO (section 3.2), which is why individuals have a row of their own.

export const customerRows: MatrixRow[] = [
	{
		key: 'customers',
		stakeholder: 'Affected merchants and customers',
		audience: 'customers',
		appliesWhen: ['customers-affected'],
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

On {{aware_date}} we identified a security incident affecting {{affected_services}}. {{summary}}

**What this means for you:** {{customer_impact}}

**What we are doing:** {{actions}}

**What you can do to limit the effects:** {{customer_actions}}

We will update you by {{next_update}}, and on our status page in the meantime. If you have questions, contact your account manager or merchant.success@northwind.example. We will never ask you for passwords or bank details by email.

Northwind Payments`
	},
	{
		key: 'data-subjects',
		stakeholder: 'Affected individuals (GDPR Art. 34)',
		audience: 'customers',
		// The fact covers data that makes a high risk to individuals likely (incident facts).
		appliesWhen: ['special-category-data'],
		contacts: [
			{
				name: 'Individuals, by email or letter from the affected records',
				email: 'privacy@northwind.example',
				phone: '',
				outOfBand: 'Public notice on the website and status page when individuals cannot be reached'
			}
		],
		// "Without undue delay": a plan deadline, counted from the DPO's high-risk determination.
		notifications: stagedAt(
			['SEV1', 'SEV2'],
			[stage('Notice to individuals (from the high-risk determination)', '72h', 'determination')]
		),
		notifier: 'Communications lead',
		approver: 'Data protection officer',
		messageTemplate: `**Subject: Important: your personal information may have been affected**

Dear {{name}},

We are writing to tell you about a security incident at Northwind Payments that affects your personal information.

**What happened:** {{plain_summary}}

**What information was involved:** {{data_categories}}

**What this could mean for you:** {{consequences}}

**What we have done:** {{actions}}

**What you can do:** {{recommendations}}

If you have questions, contact our data protection officer at dpo@northwind.example or +44 20 7946 0150. We will never ask you for passwords or card details by email or phone.

Northwind Payments`
	},
	{
		key: 'hipaa-covered-entities',
		stakeholder: 'HIPAA covered entities (business-associate breach notice)',
		audience: 'customers',
		appliesWhen: ['health-data'],
		contacts: [
			{
				name: "Each covered entity's privacy officer, as named in the business associate agreement",
				email: '',
				phone: '',
				outOfBand: 'Contract register held by Legal lists each privacy officer and notice address'
			}
		],
		// 45 CFR 164.410: without unreasonable delay and within 60 calendar days of discovery.
		notifications: stagedAt(
			['SEV1', 'SEV2'],
			[stage('Business-associate breach notice', '60 days', 'awareness')]
		),
		notifier: 'Data protection officer',
		approver: 'General Counsel',
		messageTemplate: `**Notice of breach of unsecured protected health information – ref. {{incident_id}}**

Sent under 45 CFR 164.410 and our business associate agreement, without unreasonable delay and no later than 60 days after discovery. If the agreement sets a shorter deadline, that deadline applies.

- **Date of the breach and date of discovery:** {{occurred_at}} / {{aware_at}}
- **What happened:** {{summary}}
- **Individuals affected:** {{individuals}} (list attached, as far as identified)
- **Types of protected health information involved:** {{phi_types}}
- **What we are doing to investigate, mitigate harm and prevent recurrence:** {{actions}}
- **Steps individuals should take to protect themselves:** {{recommendations}}

We will send further information as it becomes available so that you can notify individuals and the HHS. Contact: Data protection officer, dpo@northwind.example, +44 20 7946 0150.`
	},
	{
		key: 'media',
		stakeholder: 'Press office and media',
		audience: 'media',
		appliesWhen: ['media-attention'],
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
		notifications: byLevel('2h', '4h', null, null),
		notifier: 'Communications lead',
		approver: 'CEO',
		messageTemplate: `**Holding statement – ref. {{incident_id}}**

"On {{aware_date}} Northwind Payments identified a security incident affecting {{affected_services_public}}. We acted immediately to contain it and are working with specialist investigators. {{customer_line}} We have informed the relevant authorities and are keeping our customers updated directly. We will provide further information as soon as we can."

Spokesperson: {{spokesperson}}. Do not speculate on the cause, the attacker or numbers affected until confirmed. Say "informed the relevant authorities" only once the notices are sent. Next review of this statement: {{next_update}}.`
	}
];
