import type { MatrixRow } from '../../../plans/content';
import { byLevel } from './notify';

// Communication matrix of the shipped IR plan template: the business functions and staff the
// response needs. Each applies only when its incident facts hold, except the communications
// lead, who prepares the holding statement at every SEV1 and SEV2 (section 3.2).

export const staffRows: MatrixRow[] = [
	{
		key: 'communications-lead',
		stakeholder: 'Communications lead',
		audience: 'internal',
		appliesWhen: [],
		contacts: [
			{
				name: 'Head of Communications',
				email: 'comms-oncall@northwind.example',
				phone: '+44 20 7946 0181',
				outOfBand: 'Signal (NW-IR-Core); personal mobile in the printed phone tree'
			}
		],
		notifications: byLevel('30m', '1h', null, null),
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: `**Incident {{incident_id}} ({{severity}}): communications lead needed**

- What happened, in plain words: {{summary}}
- Who is or may be affected: {{impact}}
- Incident facts so far (which matrix rows apply): {{incident_facts}}
- What must not be said yet: {{not_to_say}}

Please join the bridge on {{bridge}} and draft the holding statement within the first hour. Regulatory filings are sent by the compliance lead, the DPO or the PCI lead, not by you; keep your messages consistent with theirs.`
	},
	{
		key: 'payments-operations',
		stakeholder: 'Payments operations and treasury',
		audience: 'internal',
		appliesWhen: ['fraud-or-financial-loss'],
		contacts: [
			{
				name: 'Head of Payments Operations and Treasury',
				email: 'payments-ops@northwind.example',
				phone: '+44 20 7946 0175',
				outOfBand: 'Payments operations duty phone in the printed phone tree'
			},
			{
				name: 'Treasury duty manager',
				email: 'treasury@northwind.example',
				phone: '+44 20 7946 0176',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		notifications: byLevel('30m', '1h', '4h', null),
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: `**Incident {{incident_id}} ({{severity}}): money at risk**

- What happened: {{summary}}
- Payments or payouts affected: {{payments}} (amounts, dates, beneficiary accounts)
- Scheduled runs to hold or check before release: {{payment_runs}}

Please hold the runs named above until the IC agrees to release them, and ask the partner banks to recall diverted payments and freeze the receiving accounts now (matrix row partner-banks). Do not call suppliers or beneficiaries on numbers taken from recent emails. Next update: {{next_update}}.`
	},
	{
		key: 'customer-support',
		stakeholder: 'Customer support',
		audience: 'internal',
		appliesWhen: ['customers-affected', 'service-disruption'],
		contacts: [
			{
				name: 'Customer support duty manager (London and Lisbon)',
				email: 'support-leads@northwind.example',
				phone: '+44 20 7946 0186',
				outOfBand: 'Support duty manager mobile in the printed phone tree'
			}
		],
		notifications: byLevel('1h', '4h', null, null),
		notifier: 'Communications lead',
		approver: '',
		messageTemplate: `**Support briefing – incident {{incident_id}} – do not forward**

- What customers may notice: {{customer_impact}}
- What you may say (approved holding line): {{holding_line}}
- What you must not say: anything about the cause, the attacker, numbers affected or when it will be fixed, beyond the holding line
- Route to the communications lead: journalists, regulators, lawyers and anyone asking for details of the investigation
- Route to the account managers: the top 50 merchants

Log every contact about the incident with the tag {{incident_id}}. Next briefing: {{next_update}}.`
	},
	{
		key: 'all-staff',
		stakeholder: 'All staff',
		audience: 'internal',
		appliesWhen: ['media-attention'],
		contacts: [
			{
				name: 'All-staff distribution and intranet news',
				email: 'all-staff@northwind.example',
				phone: '',
				outOfBand: 'Line managers cascade by phone if email is unavailable'
			}
		],
		notifications: byLevel('2h', '4h', null, null),
		notifier: 'Communications lead',
		approver: 'Incident commander',
		messageTemplate: `**Subject: Security incident – what you need to know**

We are dealing with a security incident affecting {{affected_services_public}}, and a team is working on it.

- Please do not discuss it outside the company or on social media.
- If a customer, journalist or anyone else contacts you about it, pass them to the communications team ({{comms_contact}}).
- {{staff_action}}

We will update you when there is something you need to do. Never send this message about an incident in which a member of staff is suspected.`
	},
	{
		key: 'hr',
		stakeholder: 'HR director',
		audience: 'internal',
		appliesWhen: ['insider-or-employee'],
		contacts: [
			{
				name: 'Sarah Lindqvist',
				email: 'sarah.lindqvist@northwind.example',
				phone: '+44 20 7946 0170',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		notifications: byLevel('1h', '4h', '24h', null),
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: `**Confidential: incident {{incident_id}} ({{severity}}) involving a member of staff**

An employee or contractor is suspected of involvement, their account is central to the incident, or staff are directly affected.

- Summary (facts only): {{summary}}
- Person or role concerned: {{subject}}
- Access already suspended: {{access_actions}}

Please do not contact the person concerned or their manager before agreeing the approach with General Counsel and the IC. Next update: {{next_update}}.`
	}
];
