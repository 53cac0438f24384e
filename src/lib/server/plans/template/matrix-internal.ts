import type { MatrixRow } from '../../../plans/content';
import { byLevel } from './notify';

// Communication matrix of the shipped IR plan template: the response team, executives and
// legal. They apply to every incident at the levels where they are told (the DPO only when
// personal data is affected), with deadlines counted from declaring or upgrading the incident.

export const internalRows: MatrixRow[] = [
	{
		key: 'soc-on-call',
		stakeholder: 'SOC on-call analysts',
		audience: 'internal',
		appliesWhen: [],
		contacts: [
			{
				name: 'SOC on-call (primary)',
				email: 'soc-oncall@northwind.example',
				phone: '+44 20 7946 0100',
				outOfBand: 'Signal group NW-IR-Core; on-call mobile in the printed phone tree'
			}
		],
		notifications: byLevel('15m', '15m', '30m', '4h'),
		notifier: 'SOC analyst',
		approver: '',
		messageTemplate: `**{{severity}} incident {{incident_id}} declared**

- Summary: {{summary}}
- Systems or accounts involved: {{affected_systems}}
- Declared by {{declared_by}} at {{declared_at}} UTC
- Incident channel: {{channel}}

Acknowledge in the incident ticket within 15 minutes and join the bridge at SEV1/SEV2.`
	},
	{
		key: 'incident-commander',
		stakeholder: 'Incident commander on-call',
		audience: 'internal',
		appliesWhen: [],
		contacts: [
			{
				name: 'IC on-call (SOC lead rota)',
				email: 'ir-commander@northwind.example',
				phone: '+44 20 7946 0101',
				outOfBand: 'Signal group NW-IR-Core; personal mobile in the printed phone tree'
			}
		],
		notifications: byLevel('15m', '15m', '1h', null),
		notifier: 'SOC analyst',
		approver: '',
		messageTemplate: `**Incident {{incident_id}}: IC needed ({{severity}} proposed)**

- What we see: {{summary}}
- Since when: {{first_seen}} UTC
- Still active: {{still_active}}
- Proposed severity and reason: {{severity}}, {{severity_reason}}

Please call the bridge on {{bridge}} to take command and confirm the severity.`
	},
	{
		key: 'ciso',
		stakeholder: 'CISO',
		audience: 'executive',
		appliesWhen: [],
		contacts: [
			{
				name: 'Priya Raman',
				email: 'priya.raman@northwind.example',
				phone: '+44 20 7946 0110',
				outOfBand: 'Signal (NW-IR-Core); personal mobile in the printed phone tree'
			},
			{
				name: 'Tom Hale (Head of Security Operations, deputy)',
				email: 'tom.hale@northwind.example',
				phone: '+44 20 7946 0111',
				outOfBand: 'Signal (NW-IR-Core)'
			}
		],
		notifications: byLevel('30m', '30m', '24h', null),
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: `**Incident {{incident_id}} – {{severity}} – briefing for the CISO**

- Summary: {{summary}}
- Impact so far: {{impact}}
- Phase: {{phase}}
- Actions taken: {{actions}}
- Decisions needed from you: {{decisions_needed}}
- Regulatory clocks running: {{regulatory_clocks}}

Next update: {{next_update}}. Phone first at SEV1 and SEV2; this message follows the call.`
	},
	{
		key: 'ceo-exec',
		stakeholder: 'CEO and executive committee',
		audience: 'executive',
		appliesWhen: [],
		contacts: [
			{
				name: 'Helen Marsh (CEO)',
				email: 'helen.marsh@northwind.example',
				phone: '+44 20 7946 0120',
				outOfBand: 'Personal mobile in the printed phone tree; Signal on request'
			},
			{
				name: 'Executive committee distribution',
				email: 'exco@northwind.example',
				phone: '',
				outOfBand: 'CEO executive assistant cascades by phone'
			}
		],
		notifications: byLevel('1h', '4h', null, null),
		notifier: 'CISO',
		approver: '',
		messageTemplate: `**Security incident {{incident_id}} ({{severity}}): executive brief**

**What happened:** {{summary}}

**Business impact:** {{impact}} (customers affected: {{customers_affected}}; services affected: {{affected_services}})

**Regulatory and contractual exposure:** {{regulatory_clocks}}

**What we are doing:** {{actions}}

**Decisions we need from the executive committee:** {{decisions_needed}}

Please do not forward this message or discuss the incident outside the executive committee. Next update: {{next_update}}.`
	},
	{
		key: 'board-risk',
		stakeholder: 'Board risk committee',
		audience: 'executive',
		appliesWhen: [],
		contacts: [
			{
				name: 'Grace Okafor (Company Secretary, for the committee chair)',
				email: 'grace.okafor@northwind.example',
				phone: '+44 20 7946 0130',
				outOfBand: 'Committee chair mobile held by the Company Secretary'
			}
		],
		notifications: byLevel('24h', null, null, null),
		notifier: 'Executive sponsor',
		approver: '',
		messageTemplate: `**Board risk committee: notification of critical incident {{incident_id}}**

On {{declared_at}} we declared a critical (SEV1) security incident.

- Summary: {{summary}}
- Impact on customers and operations: {{impact}}
- Regulators and authorities notified or to be notified: {{regulatory_clocks}}
- Current status: {{phase}}
- Expected financial and reputational exposure: {{exposure}}

The CEO or CISO will brief the committee chair by phone. Next written update: {{next_update}}.`
	},
	{
		key: 'general-counsel',
		stakeholder: 'General Counsel',
		audience: 'legal',
		appliesWhen: [],
		contacts: [
			{
				name: 'Daniel Ferreira',
				email: 'daniel.ferreira@northwind.example',
				phone: '+44 20 7946 0140',
				outOfBand: 'Signal (NW-IR-Core); personal mobile in the printed phone tree'
			},
			{
				name: 'Panel law firm breach hotline',
				email: '',
				phone: '+44 20 7946 0900',
				outOfBand: 'Hotline number in the out-of-band pack'
			}
		],
		notifications: byLevel('30m', '1h', '24h', null),
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: `**Privileged and confidential – prepared at the request of counsel**

Incident {{incident_id}} ({{severity}}) declared at {{declared_at}} UTC.

- Summary: {{summary}}
- Data potentially involved: {{data_categories}}
- Jurisdictions and regimes possibly engaged: {{regimes}}
- Third parties involved or aware: {{third_parties}}

Advice needed on: {{legal_questions}} (at least notification duties, privilege and law enforcement contact). Next update: {{next_update}}.`
	},
	{
		key: 'dpo',
		stakeholder: 'Data protection officer',
		audience: 'legal',
		appliesWhen: ['personal-data'],
		contacts: [
			{
				name: 'Ines Kowalski',
				email: 'dpo@northwind.example',
				phone: '+44 20 7946 0150',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		notifications: byLevel('1h', '2h', '24h', null),
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: `**Possible personal data breach – incident {{incident_id}} ({{severity}})**

- When we became aware: {{aware_at}} UTC (the GDPR 72-hour clocks run from here)
- Entities whose processing is affected: {{entities}} (UK entity: ICO; Irish entity: DPC; processing only in Lisbon: CNPD)
- What happened: {{summary}}
- Categories of data and data subjects: {{data_categories}}
- Approximate number of individuals and records: {{record_count}}
- Confidentiality, integrity or availability affected: {{cia}}
- Containment so far: {{actions}}

Please assess the risk to individuals and confirm with General Counsel which supervisory authorities (ICO, DPC, CNPD) must be notified and whether the risk to individuals is high (Art. 34 notice). Next update: {{next_update}}.`
	},
	{
		key: 'it-operations',
		stakeholder: 'IT operations on-call',
		audience: 'internal',
		appliesWhen: [],
		contacts: [
			{
				name: 'IT operations on-call engineer',
				email: 'itops-oncall@northwind.example',
				phone: '+44 20 7946 0160',
				outOfBand: 'Platform engineering phone tree (printed)'
			}
		],
		notifications: byLevel('15m', '30m', '2h', null),
		notifier: 'Incident commander',
		approver: '',
		messageTemplate: `**Incident {{incident_id}} ({{severity}}): IT operations needed**

- Systems involved: {{affected_systems}}
- What we need from you: {{requested_actions}}
- Do not: reboot, rebuild or restore affected systems without the IC's agreement (evidence may be lost)

Join the bridge on {{bridge}}. Log every change you make in the incident ticket as an emergency change.`
	}
];
