import type { MatrixRow } from '../../../plans/content';
import { byLevel, stage, stagedAt } from './notify';

// Communication matrix of the shipped IR plan template: PCI DSS parties. Both rows apply
// only when cardholder data is or may be affected, and the PCI lead sends both.

export const cardSchemeRows: MatrixRow[] = [
	{
		key: 'card-acquirer',
		stakeholder: 'Card acquirer and card brands',
		audience: 'regulator',
		appliesWhen: ['cardholder-data'],
		contacts: [
			{
				name: 'Acquirer relationship manager (fraud and compliance)',
				email: '',
				phone: '+44 20 7946 0910',
				outOfBand: 'Acquirer 24/7 fraud and data compromise hotline in the out-of-band pack'
			},
			{
				name: 'PCI lead (owner of the notice)',
				email: 'pci-compliance@northwind.example',
				phone: '+44 20 7946 0195',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		// Card scheme rules and our acquiring agreement: immediately on suspicion, 24 h at the
		// latest, counted from when we became aware of the suspected compromise.
		notifications: stagedAt(
			['SEV1', 'SEV2'],
			[stage('Notice of suspected compromise', '24h', 'awareness')]
		),
		notifier: 'PCI lead',
		approver: 'General Counsel',
		messageTemplate: `**Suspected account data compromise – Northwind Payments – ref. {{incident_id}}**

We are notifying you, as our acquirer, of a suspected compromise of cardholder data, as required by our acquiring agreement and the card scheme rules. Please pass this to the card brands as required.

- **Became aware:** {{aware_at}} UTC
- **Entity and environment affected:** {{entity}}, {{cde_scope}}
- **What we know:** {{summary}}
- **Cardholder data possibly involved:** {{card_data}} (PAN, expiry, names; no sensitive authentication data is stored)
- **Estimated number of accounts and date range:** {{account_count}}, {{exposure_window}}
- **Containment so far:** {{actions}}
- **Evidence preserved:** yes, under chain of custody; available to a PCI forensic investigator

Please tell us whether a PFI investigation is required. Contact: PCI lead, pci-compliance@northwind.example, +44 20 7946 0195. Next update: {{next_update}}.`
	},
	{
		key: 'qsa',
		stakeholder: 'Qualified security assessor (QSA)',
		audience: 'vendor',
		appliesWhen: ['cardholder-data'],
		contacts: [
			{
				name: 'Lead QSA at our PCI DSS assessor firm',
				email: '',
				phone: '+44 20 7946 0960',
				outOfBand: 'QSA mobile in the out-of-band pack'
			}
		],
		// No legal deadline: the QSA must hear it from us before the next assessment relies on
		// controls the incident has shown to fail.
		notifications: byLevel('72h', '72h', null, null),
		notifier: 'PCI lead',
		approver: 'CISO',
		messageTemplate: `**Confidential – incident {{incident_id}} affecting the cardholder data environment**

- **Summary:** {{summary}}
- **Systems in PCI DSS scope affected:** {{cde_scope}}
- **Acquirer notified:** {{acquirer_notified_at}} UTC; PFI required: {{pfi_required}}
- **Controls that failed or are under review:** {{controls}}

We would like to agree how this affects our Report on Compliance and any compensating controls. Contact: PCI lead, pci-compliance@northwind.example.`
	}
];
