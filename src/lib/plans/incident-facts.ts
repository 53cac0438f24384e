// The incident facts that make a communication-matrix row required. One list, shared by the
// plan's matrix ("applies when"), the scenario format (a notification prompt states the
// facts that hold at that point) and the scoring that compares the two.

export const incidentFacts = [
	'personal-data',
	'special-category-data',
	'cardholder-data',
	'health-data',
	'customers-affected',
	'service-disruption',
	'fraud-or-financial-loss',
	'dora-major-incident',
	'nis2-significant-incident',
	'sec-material-incident',
	'cloud-provider-implicated',
	'supplier-implicated',
	'insider-or-employee',
	'criminal-activity',
	'media-attention'
] as const;
/**
 * Where the incident touches: `country-gb`, `country-ie`, `country-pt` (ISO 3166-1 alpha-2,
 * lower case): an entity, office or operation established in that country is affected (its
 * systems, or data it processes). That decides the competent national authority (the ICO for
 * the UK entity, the DPC for the Irish main establishment, the CNPD for processing in the
 * Lisbon office), usually together with another fact (a row's "only when all of"). Where the
 * affected people live does not by itself make a country fact.
 */
export type CountryFact = `country-${string}`;
export const countryFactPattern = /^country-[a-z]{2}$/;

export type IncidentFact = (typeof incidentFacts)[number] | CountryFact;

export function isIncidentFact(value: unknown): value is IncidentFact {
	return (
		typeof value === 'string' &&
		((incidentFacts as readonly string[]).includes(value) || countryFactPattern.test(value))
	);
}

const countryNames: Record<string, string> = {
	gb: 'the United Kingdom',
	ie: 'Ireland',
	pt: 'Portugal',
	es: 'Spain',
	fr: 'France',
	de: 'Germany',
	nl: 'the Netherlands',
	be: 'Belgium',
	it: 'Italy',
	us: 'the United States'
};

/** How any fact reads: a listed one by its label, a country one by the country's name. */
export function factLabel(fact: IncidentFact): string {
	if (countryFactPattern.test(fact)) {
		const code = fact.slice('country-'.length);
		return `Affects ${countryNames[code] ?? code.toUpperCase()}`;
	}
	return incidentFactInfo[fact as (typeof incidentFacts)[number]].label;
}

/** The countries the editor offers as facts; any other ISO code may be typed in files. */
export const offeredCountryFacts: CountryFact[] = Object.keys(countryNames).map(
	(code) => `country-${code}` as CountryFact
);

/** How a fact reads in the editor, the diff, the reports and the scenario format reference. */
export const incidentFactInfo: Record<IncidentFact, { label: string; meaning: string }> = {
	'personal-data': {
		label: 'Personal data affected',
		meaning:
			'Personal data was or may have been accessed, disclosed, altered, lost or made unavailable (a personal data breach under GDPR / UK GDPR).'
	},
	'special-category-data': {
		label: 'Special-category data affected',
		meaning:
			'The personal data includes special categories (GDPR Art. 9: health, biometric, beliefs, …) or data that makes a high risk to individuals likely.'
	},
	'cardholder-data': {
		label: 'Cardholder data affected',
		meaning:
			'Primary account numbers or sensitive authentication data, or the cardholder data environment, are or may be compromised (PCI DSS).'
	},
	'health-data': {
		label: 'Protected health information affected',
		meaning:
			'Protected health information held for a covered entity is or may be compromised (HIPAA business-associate duties).'
	},
	'customers-affected': {
		label: 'Customers affected',
		meaning:
			"Customers' data, funds or service are affected in a way they need to know about or act on."
	},
	'service-disruption': {
		label: 'Service disrupted',
		meaning: 'A customer-facing or critical service is unavailable or degraded.'
	},
	'fraud-or-financial-loss': {
		label: 'Fraud or financial loss',
		meaning: 'Money was or may be lost or diverted (fraudulent payments, ransom, theft of funds).'
	},
	'dora-major-incident': {
		label: 'DORA major ICT-related incident',
		meaning:
			'An entity in scope of DORA has classified the incident as major under the RTS classification criteria (clients, reputation, duration, geography, data losses, critical services, economic impact).'
	},
	'nis2-significant-incident': {
		label: 'NIS2 significant incident',
		meaning:
			'An entity in scope of NIS2 has an incident that caused or can cause severe operational disruption or financial loss, or considerable damage to others (Art. 23(3)).'
	},
	'sec-material-incident': {
		label: 'Material cybersecurity incident (SEC)',
		meaning:
			'A registrant has determined the incident to be material (Form 8-K Item 1.05, due four business days after the determination).'
	},
	'cloud-provider-implicated': {
		label: 'Cloud provider implicated',
		meaning:
			"A cloud provider's platform, accounts or support are involved, or their help is needed to contain or investigate."
	},
	'supplier-implicated': {
		label: 'Supplier implicated',
		meaning: 'A supplier or service provider is the source of the incident, or is affected by it.'
	},
	'insider-or-employee': {
		label: 'Insider or employee involved',
		meaning:
			'A member of staff or contractor is suspected, or employees are directly affected (HR and employee relations needed).'
	},
	'criminal-activity': {
		label: 'Criminal activity',
		meaning:
			'Extortion, fraud, theft or unauthorised access that may be reported to law enforcement.'
	},
	'media-attention': {
		label: 'Media or public attention',
		meaning: 'The press, social media or the public know, or are likely to know soon.'
	}
};
