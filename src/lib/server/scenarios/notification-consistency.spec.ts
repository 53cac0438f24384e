import { describe, expect, it } from 'vitest';
import { expectedStakeholders } from '../../plans/notification-expectation';
import { irPlanTemplate } from '../plans/template/ir-plan-template';
import { loadLibraryFolder } from './library';

// Every notification prompt of the shipped library, scored against the shipped template plan:
// who an experienced SOC lead expects to be told, written down here. When the matrix or a
// story changes who must be told, this fails and someone decides which of the two is right.

/** Told at every SEV1 incident, whatever happened (rows without conditions). */
const sev1 = [
	'soc-on-call',
	'incident-commander',
	'ciso',
	'ceo-exec',
	'board-risk',
	'general-counsel',
	'it-operations',
	'communications-lead'
];
/** The same at SEV2: the board risk committee hears of SEV1 only. */
const sev2 = sev1.filter((k) => k !== 'board-risk');
/** A personal data breach of UK data subjects and the Irish entity's EU processing. */
const ukAndEuBreach = ['dpo', 'ico', 'irish-dpc', 'cyber-insurer'];

const written: Record<string, { severity: string; expected: string[] }> = {
	'bec-wire-fraud/q-notify': {
		// Fraud against the company's own funds, a supplier's mailbox at the source.
		severity: 'SEV2',
		expected: [
			...sev2,
			'payments-operations',
			'partner-banks',
			'law-enforcement',
			'cyber-insurer',
			'affected-suppliers'
		]
	},
	'cloud-access-key-leak/q-notify': {
		// Cardholder names and emails with truncated PANs: personal data, not cardholder data.
		severity: 'SEV1',
		expected: [...sev1, ...ukAndEuBreach, 'law-enforcement', 'cloud-provider']
	},
	'ddos-customer-portal/q-notify': {
		// A DORA major incident and a UK payment service outage, with extortion, taken-over
		// merchant accounts and a journalist asking.
		severity: 'SEV1',
		expected: [
			...sev1,
			'payments-operations',
			'customer-support',
			'all-staff',
			'dora-regulator',
			'uk-fca',
			'customers',
			'media',
			'law-enforcement',
			'cyber-insurer',
			'cloud-provider',
			'partner-banks'
		]
	},
	'insider-data-exfiltration/q-classify': {
		// An employee at the centre; Legal, not the matrix, decides on the police.
		severity: 'SEV1',
		expected: [...sev1, ...ukAndEuBreach, 'hr']
	},
	'lost-laptop-personal-data/q-notify': {
		// Identity document numbers: high risk, so SEV1 and the individuals are told.
		severity: 'SEV1',
		expected: [...sev1, ...ukAndEuBreach, 'data-subjects']
	},
	'mfa-fatigue-sso-takeover/q-notify': {
		// Identity provider super admin taken over; nothing known yet about data or money.
		severity: 'SEV1',
		expected: [...sev1, 'law-enforcement', 'cyber-insurer']
	},
	'mfa-fatigue-sso-takeover/q-notify-regulatory': {
		// Payment secrets read, a payout fraud staged, staff records in three countries
		// (the Lisbon staff records are the CNPD's), classified major under DORA.
		severity: 'SEV1',
		expected: [
			...sev1,
			...ukAndEuBreach,
			'portuguese-cnpd',
			'payments-operations',
			'dora-regulator',
			'uk-fca',
			'law-enforcement',
			'partner-banks'
		]
	},
	'misconfigured-storage-bucket/q-notify': {
		// Passports and selfies of merchant directors, bulk-downloaded by an unknown party.
		severity: 'SEV1',
		expected: [...sev1, ...ukAndEuBreach, 'customer-support', 'customers', 'data-subjects']
	},
	'phishing-mailbox-takeover/q-notify-sev2': {
		// Contained: several accounts, forwarded merchant mail, 96 merchants phished.
		severity: 'SEV2',
		expected: [...sev2, ...ukAndEuBreach, 'customer-support', 'customers', 'law-enforcement']
	},
	'phishing-mailbox-takeover/q-notify-sev1': {
		// Escalated: the attacker reached the production AWS organisation.
		severity: 'SEV1',
		expected: [
			...sev1,
			...ukAndEuBreach,
			'customer-support',
			'customers',
			'law-enforcement',
			'cloud-provider'
		]
	},
	'ransomware-double-extortion/q-declare': {
		// Data taken from HR and onboarding shares before encryption; DORA comes later.
		severity: 'SEV1',
		expected: [...sev1, ...ukAndEuBreach, 'law-enforcement']
	},
	'supply-chain-compromised-update/q-notify': {
		// Suspected CDE compromise through a supplier: DORA for the payment institution, NIS2
		// for the Irish services entity; the DPO added by the scenario to assess the vault query.
		severity: 'SEV1',
		expected: [
			...sev1,
			'dpo',
			'nis2-csirt',
			'dora-regulator',
			'uk-fca',
			'card-acquirer',
			'qsa',
			'law-enforcement',
			'cyber-insurer',
			'affected-suppliers'
		]
	},
	'third-party-supplier-breach/q-notify': {
		// Staff records of three entities, health notes among them, at a processor.
		severity: 'SEV1',
		expected: [
			...sev1,
			...ukAndEuBreach,
			'portuguese-cnpd',
			'hr',
			'data-subjects',
			'law-enforcement',
			'affected-suppliers'
		]
	},
	'web-app-exploitation/q-notify': {
		// Identity documents of merchant directors taken through the onboarding portal.
		severity: 'SEV1',
		expected: [
			...sev1,
			...ukAndEuBreach,
			'customer-support',
			'customers',
			'data-subjects',
			'law-enforcement'
		]
	}
};

const library = loadLibraryFolder('scenarios');
const prompts = library.flatMap((e) =>
	(e.scenario?.injects ?? []).flatMap((i) =>
		i.prompts.flatMap((p) => (p.type === 'notification' ? [{ id: `${e.id}/${p.id}`, p }] : []))
	)
);
const matrixKeys = new Set(irPlanTemplate.matrix.map((r) => r.key));
const scale = irPlanTemplate.severityScale.map((l) => l.id);

describe('notification prompts against the shipped template plan', () => {
	it('has a written expectation for every notification prompt, and a prompt for each', () => {
		expect(prompts.length).toBeGreaterThanOrEqual(12);
		expect(prompts.map((x) => x.id).sort()).toEqual(Object.keys(written).sort());
	});

	it.each(prompts)('$id expects the stakeholders written down for it', ({ id, p }) => {
		expect(scale, 'expectedSeverity on the template scale').toContain(p.expectedSeverity);
		expect(p.expectedSeverity).toBe(written[id].severity);
		expect(
			p.mustNotify.filter((k) => !matrixKeys.has(k)),
			'mustNotify keys'
		).toEqual([]);
		const expected = expectedStakeholders(
			irPlanTemplate.matrix,
			p.expectedSeverity,
			p.facts,
			p.mustNotify
		);
		expect(
			expected.filter((e) => !e.row).map((e) => e.key),
			'keys missing from the matrix'
		).toEqual([]);
		expect(expected.map((e) => e.key).sort()).toEqual([...written[id].expected].sort());
	});

	it('never names in mustNotify a stakeholder the matrix already requires', () => {
		const redundant = prompts.flatMap(({ id, p }) => {
			const fromMatrix = expectedStakeholders(
				irPlanTemplate.matrix,
				p.expectedSeverity,
				p.facts,
				[]
			);
			return p.mustNotify
				.filter((k) => fromMatrix.some((e) => e.key === k))
				.map((k) => `${id}: ${k}`);
		});
		expect(redundant).toEqual([]);
	});
});
