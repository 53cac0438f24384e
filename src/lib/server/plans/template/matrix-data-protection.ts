import type { MatrixRow } from '../../../plans/content';
import { stage, stagedAt } from './notify';

// Communication matrix of the shipped IR plan template: the data protection supervisory
// authorities. GDPR / UK GDPR Art. 33: report within 72 hours of becoming aware of a personal
// data breach, unless it is unlikely to result in a risk to individuals. Which authority
// depends on whose processing is affected (section 1.2): the ICO for the UK entity (it is no
// longer an EU authority), the DPC as lead authority for the Irish main establishment's
// cross-border processing, the CNPD for processing done only in the Lisbon office.

const breachReport = () => stagedAt(['SEV1', 'SEV2'], [stage('Breach report', '72h', 'awareness')]);

/** The content Art. 33(3) requires, for the authority's own online form. */
function art33Report(entity: string, authority: string, extra = ''): string {
	return `**Personal data breach report – ${entity} – ref. {{incident_id}}**

Send only when the DPO and General Counsel have decided the breach is not unlikely to result in a risk to individuals. If not all facts are known, report what is known and say that further information will follow.

1. **Nature of the breach:** {{summary}}
2. **When it happened and when we became aware:** {{occurred_at}} / {{aware_at}} UTC
3. **Categories and approximate number of data subjects:** {{data_subjects}}
4. **Categories and approximate number of personal data records:** {{record_count}}
5. **Likely consequences for individuals:** {{consequences}}
6. **Measures taken or proposed, including to mitigate adverse effects:** {{actions}}
7. **Whether and how individuals are being told:** {{data_subject_notice}}
8. **Contact:** Data protection officer, dpo@northwind.example, +44 20 7946 0150
9. **Reasons for any delay beyond 72 hours:** {{delay_reason}}
${extra}
Next update to the ${authority}: {{next_update}}.`;
}

export const dataProtectionRows: MatrixRow[] = [
	{
		key: 'ico',
		stakeholder: "Information Commissioner's Office (ICO) – UK GDPR, Northwind Payments Ltd",
		audience: 'regulator',
		appliesWhen: ['personal-data'],
		// UK data subjects or the UK entity's processing.
		onlyWhen: ['country-gb'],
		contacts: [
			{
				name: 'ICO personal data breach reporting',
				email: '',
				phone: '',
				outOfBand: 'ICO online breach report form; helpline number in the out-of-band pack'
			}
		],
		notifications: breachReport(),
		notifier: 'Data protection officer',
		approver: 'General Counsel',
		messageTemplate: art33Report(
			'Northwind Payments Ltd (UK GDPR)',
			'ICO',
			'\nFor UK data subjects and processing by the UK entity. EU processing is reported to the DPC or the CNPD, not the ICO.\n'
		)
	},
	{
		key: 'irish-dpc',
		stakeholder: 'Data Protection Commission (Ireland) – EU GDPR lead authority',
		audience: 'regulator',
		appliesWhen: ['personal-data'],
		// Processing by the Irish main establishment, whichever EU residents it concerns.
		onlyWhen: ['country-ie'],
		contacts: [
			{
				name: 'DPC breach notifications (Dublin)',
				email: '',
				phone: '',
				outOfBand:
					'DPC online breach notification form; DPC contact numbers in the out-of-band pack'
			},
			{
				name: 'Northwind Payments (Ireland) Ltd data protection lead',
				email: 'dpo-ireland@northwind.example',
				phone: '+44 20 7946 0151',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		notifications: breachReport(),
		notifier: 'Data protection officer',
		approver: 'General Counsel',
		messageTemplate: art33Report(
			'Northwind Payments (Ireland) Ltd (EU GDPR)',
			'DPC',
			'\n10. **Cross-border processing:** member states where data subjects are affected: {{member_states}}. Northwind Payments (Ireland) Ltd is our main establishment in the EU; as lead supervisory authority the DPC informs the other authorities concerned.\n'
		)
	},
	{
		key: 'portuguese-cnpd',
		stakeholder: 'Comissão Nacional de Proteção de Dados (CNPD, Portugal) – Lisbon office',
		audience: 'regulator',
		appliesWhen: ['personal-data'],
		// Processing done in the Lisbon office.
		onlyWhen: ['country-pt'],
		contacts: [
			{
				name: 'CNPD data breach notification (Lisbon)',
				email: '',
				phone: '',
				outOfBand:
					'CNPD online breach notification form (in Portuguese); contact numbers in the out-of-band pack'
			},
			{
				name: 'Lisbon office manager (translation check)',
				email: 'lisbon-office@northwind.example',
				phone: '+44 20 7946 0152',
				outOfBand: 'Personal mobile in the printed phone tree'
			}
		],
		notifications: breachReport(),
		notifier: 'Data protection officer',
		approver: 'General Counsel',
		messageTemplate: art33Report(
			'Northwind Payments (Ireland) Ltd, Lisbon branch (EU GDPR)',
			'CNPD',
			'\nFor processing carried out only in the Lisbon office and affecting only people in Portugal (for example Lisbon staff records). Cross-border processing is reported to the DPC instead. The CNPD form is in Portuguese: the Lisbon office manager checks the translation before it is sent.\n'
		)
	}
];
